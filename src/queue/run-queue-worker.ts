import { decodeEntry, type QueuedRecord } from './entry-codec.js'
import type { RedisQueue, ResultEntry, StreamEntry } from './redis-queue.js'

/** How a queue worker reads, waits and ends; see {@link runQueueWorker}. */
export interface QueueWorkerOptions {
  /** This worker's consumer name in the group: unique per worker. */
  consumer: string
  /** Entries read (or claimed) at a time. @default 16 */
  batch?: number
  /** Milliseconds one read waits for new entries before the worker checks for idle ones and for the end. @default 2000 */
  blockMs?: number
  /** An entry pending at another consumer for longer than this (ms) is taken over: that worker is taken for dead. @default 30000 */
  minIdleMs?: number
  /** End once nothing is left to read and nothing is pending in the group; else run until `stopped()`. @default false */
  untilEmpty?: boolean
  /**
   * Write results in arrival order, each article judged after every earlier one (the verdicts
   * of `feed` over the same input); `false`: as they are judged (see the README). @default true
   */
  ordered?: boolean
  /** Polled between steps: once `true`, the worker takes no new entries, finishes those it holds and ends. */
  stopped?: () => boolean
}

/** What a worker did. */
export interface QueueWorkerStats {
  /** Results this worker wrote. */
  written: number
  /** Entries it held that another worker finished first (claimed from it, or redelivered). */
  skipped: number
  /** Entries it took over from idle consumers. */
  claimed: number
}

/**
 * An entry as a record: decoded, or, for an entry `enqueue` did not write, an error record in
 * its place when it has a number (so it still gets its one result, in its turn), else `null`:
 * it takes no turn and is dropped (acknowledged and deleted), rather than failing every worker
 * that reads it.
 */
function decodeOrReplace(entry: StreamEntry): QueuedRecord | null {
  try {
    return decodeEntry(entry.fields)
  } catch (error) {
    const at = entry.fields.findIndex((f, i) => i % 2 === 0 && f.toString() === 'n')
    const n = at === -1 ? Number.NaN : Number(entry.fields[at + 1]?.toString())
    if (!Number.isSafeInteger(n) || n < 1) return null
    const message = error instanceof Error ? error.message : String(error)
    return { n, arrival: 0, record: { error: { code: 'E_INVALID_RECORD', message: `Queue entry ${entry.entryId}: ${message}` } } }
  }
}

/** An entry held by this worker: decoded, staged, waiting for its turn. */
interface Held<S> {
  entryId: string
  queued: QueuedRecord
  staged: S
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * One worker of a Redis Streams pool. Reads entries with the consumer group (XREADGROUP),
 * stages them (`stage`: the index-independent work, so workers clean in parallel), then for
 * each, in arrival order, `settle`s it (judges it against the index and makes its result line)
 * and `finish`es it: result appended, entry acknowledged, turn passed on, in one script. Entries
 * idle for `minIdleMs` at another consumer (a dead worker's) are claimed (XAUTOCLAIM); held
 * entries are touched meanwhile so a live worker's are not.
 *
 * A redelivered entry is settled again: the index returns the verdict it recorded (as `feed`'s
 * replay does), and `finish` writes nothing when the entry was finished already, so every entry
 * gets one result. An error thrown by `settle` (the index is lost) ends the worker, its entries
 * left pending for another.
 */
export async function runQueueWorker<S>(
  queue: RedisQueue,
  stage: (records: readonly QueuedRecord[]) => Promise<S[]>,
  settle: (queued: QueuedRecord, staged: S) => Promise<ResultEntry>,
  options: QueueWorkerOptions,
): Promise<QueueWorkerStats> {
  const batch = options.batch ?? 16
  const blockMs = options.blockMs ?? 2000
  const minIdleMs = options.minIdleMs ?? 30000
  const ordered = options.ordered ?? true
  const stopped = options.stopped ?? (() => false)
  const { consumer } = options
  const stats: QueueWorkerStats = { written: 0, skipped: 0, claimed: 0 }
  const held = new Map<string, Held<S>>()
  await queue.ensureGroup()

  const take = async (entries: StreamEntry[]): Promise<void> => {
    const fresh: StreamEntry[] = []
    const queued: QueuedRecord[] = []
    for (const entry of entries) {
      if (held.has(entry.entryId)) continue
      const decoded = decodeOrReplace(entry)
      if (decoded === null) await queue.discard(entry.entryId)
      else {
        fresh.push(entry)
        queued.push(decoded)
      }
    }
    if (fresh.length === 0) return
    const staged = await stage(queued)
    fresh.forEach((e, i) => held.set(e.entryId, { entryId: e.entryId, queued: queued[i] as QueuedRecord, staged: staged[i] as S }))
  }
  const claim = async (): Promise<void> => {
    const entries = await queue.claimIdle(consumer, minIdleMs, batch)
    stats.claimed += entries.length
    await take(entries)
  }
  const first = (): Held<S> => {
    let best: Held<S> | undefined
    for (const h of held.values()) if (best === undefined || h.queued.n < best.queued.n) best = h
    return best as Held<S>
  }
  // The turn as this worker last passed it: its next entry is judged without asking Redis.
  let passed = 0
  const settleAndFinish = async (h: Held<S>): Promise<void> => {
    const result = await settle(h.queued, h.staged)
    held.delete(h.entryId)
    if (await queue.finish(h.entryId, result, ordered)) {
      stats.written++
      passed = h.queued.n + 1
    } else stats.skipped++
  }

  let lastTouch = Date.now()
  let lastClaim = Date.now()
  let wait = 1
  for (;;) {
    if (held.size === 0) {
      if (stopped()) break
      await claim()
      if (held.size === 0) await take(await queue.readNew(consumer, batch, blockMs))
      if (held.size === 0) {
        if (options.untilEmpty && (await queue.pending()) === 0) break
        continue
      }
    }
    const next = first()
    if (!ordered) {
      await settleAndFinish(next)
      continue
    }
    const turn = next.queued.n === passed ? passed : await queue.turn()
    if (turn > next.queued.n) {
      // Finished by another worker (which claimed it from this one, or had it first).
      held.delete(next.entryId)
      stats.skipped++
      continue
    }
    if (turn === next.queued.n) {
      await settleAndFinish(next)
      wait = 1
      continue
    }
    // Another worker holds the turn. Meanwhile: read ahead (so this worker's next articles are
    // cleaned while the others judge), keep what it holds from being claimed, and take over the
    // entries of a dead worker (one of which may be the turn).
    const now = Date.now()
    if (now - lastTouch >= minIdleMs / 3) {
      await queue.touch(consumer, [...held.keys()])
      lastTouch = now
    }
    if (now - lastClaim >= Math.min(minIdleMs / 2, 1000)) {
      await claim()
      await queue.skipGone()
      lastClaim = now
    }
    if (!stopped() && held.size < 2 * batch) {
      const before = held.size
      await take(await queue.readNew(consumer, batch, 0))
      if (held.size > before) continue
    }
    // Polled, backing off to 16 ms: a turn comes back within a batch's judging time.
    await sleep(wait)
    wait = Math.min(wait * 2, 16)
  }
  return stats
}
