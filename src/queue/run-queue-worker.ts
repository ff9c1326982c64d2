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

/** An entry held by this worker: decoded, staged (once it is), waiting for its turn. */
interface Held<S> {
  entryId: string
  queued: QueuedRecord
  /** Absent until staged: entries are staged a few at a time, so that a turn is never kept waiting for a whole batch. */
  staged?: { value: S }
}

/** Entries staged in one call (see `stageSome`). */
const STAGED_AT_ONCE = 4

/**
 * One worker of a Redis Streams pool. Reads entries with the consumer group (XREADGROUP),
 * stages them (`stage`: the index-independent work, so workers clean in parallel), then for
 * each, in arrival order, `settle`s it (judges it against the index and makes its result line)
 * and `finish`es it: result appended, entry acknowledged, turn passed on, in one script. Entries
 * idle for `minIdleMs` at another consumer (a dead worker's) are claimed (XAUTOCLAIM); held
 * entries are touched meanwhile so a live worker's are not.
 *
 * Ordered, only judging is serialized: a worker whose next entry is not in turn stages the
 * entries it holds (a few at a time) and reads ahead meanwhile, then waits for the turn with a blocking read
 * (see {@link RedisQueue.waitTurn}), woken by the `finish` that passes it the turn. Holding the
 * turn, it judges its consecutive entries one after the other, each one's `finish` sent while
 * the next is judged (its commit is in the index already, so the next one's verdict does not
 * depend on the finish; the finish script checks the turn and the entry itself).
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
  // How often a worker waiting for its turn looks for dead workers' entries (one of which may be
  // the turn): well within the idle time that marks them dead, and at least once a second.
  const claimEveryMs = Math.min(minIdleMs / 2, 1000)
  const ordered = options.ordered ?? true
  const stopped = options.stopped ?? (() => false)
  const { consumer } = options
  const stats: QueueWorkerStats = { written: 0, skipped: 0, claimed: 0 }
  const held = new Map<string, Held<S>>()
  /** Held entries by arrival number (ordered: a number is one entry). */
  const byNumber = new Map<number, Held<S>>()
  await queue.ensureGroup()

  const drop = (h: Held<S>): void => {
    held.delete(h.entryId)
    if (byNumber.get(h.queued.n) === h) byNumber.delete(h.queued.n)
  }
  const take = async (entries: StreamEntry[]): Promise<void> => {
    for (const entry of entries) {
      if (held.has(entry.entryId)) continue
      const queued = decodeOrReplace(entry)
      if (queued === null) await queue.discard(entry.entryId)
      else {
        const h: Held<S> = { entryId: entry.entryId, queued }
        held.set(entry.entryId, h)
        byNumber.set(queued.n, h)
      }
    }
  }
  // Stages the `count` earliest unstaged entries in one call: a call has a fixed cost (staged one
  // at a time, 2.3 against 1.45 ms of CPU per article by 16, measured 2026-12-01), and a few
  // at a time keep a turn that comes meanwhile waiting for a few articles' cleaning at most.
  const stageSome = async (count: number): Promise<void> => {
    const picked = [...held.values()].filter((h) => !h.staged).sort((a, b) => a.queued.n - b.queued.n).slice(0, count)
    if (picked.length === 0) return
    const staged = await stage(picked.map((h) => h.queued))
    picked.forEach((h, i) => (h.staged = { value: staged[i] as S }))
  }
  const stageOne = async (h: Held<S>): Promise<S> => {
    if (!h.staged) await stageSome(STAGED_AT_ONCE)
    return (h.staged as { value: S }).value
  }
  const unstaged = (): boolean => [...held.values()].some((h) => !h.staged)
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

  // Finishes in flight, in order on the queue's connection: awaited before the turn is read, a
  // wait starts, or the worker ends. The first error is kept (and thrown by those awaits).
  let finishing: Promise<void> = Promise.resolve()
  // The turn as far as this worker knows: passed on by its own last finish (sent, maybe not yet
  // answered: see above), read from Redis, or 0 (unknown).
  let known = 0
  const settleAndFinish = async (h: Held<S>): Promise<void> => {
    const result = await settle(h.queued, await stageOne(h))
    drop(h)
    const n = h.queued.n
    // Wake the holder of the next entry unless it is this worker.
    const wake = ordered && !byNumber.has(n + 1)
    const sent = finishing.then(async () => {
      const done = await queue.finish(h.entryId, result, ordered, wake)
      if (done === 'written') stats.written++
      else if (done === 'finished') stats.skipped++
      else {
        // Not in turn (cannot happen while the turn only moves forward): held again, as it was
        // (staged, if it was), and judged again in its turn.
        held.set(h.entryId, h)
        byNumber.set(n, h)
        known = 0
      }
    })
    sent.catch(() => {}) // thrown where `finishing` is awaited
    finishing = sent
    if (ordered) known = n + 1
  }

  let lastTouch = Date.now()
  let lastClaim = Date.now()
  // The pending wait for the turn of an entry (its number), and whether it ended.
  let wait: { n: number; over: boolean; done: Promise<void> } | null = null
  for (;;) {
    if (held.size === 0) {
      await finishing
      if (held.size > 0) continue
      if (stopped()) break
      await claim()
      if (held.size === 0) await take(await queue.readNew(consumer, batch, blockMs))
      if (held.size === 0) {
        if (options.untilEmpty && (await queue.pending()) === 0) break
        continue
      }
    }
    const next = first()
    if (!ordered || next.queued.n === known) {
      await settleAndFinish(next)
      continue
    }
    // Not known to be its turn: learn the turn (once this worker's own finishes are in).
    if (wait === null || wait.over) {
      await finishing
      if (wait?.over === true) wait = null
      if (first() !== next) continue
      const turn = await queue.turn()
      known = turn
      if (turn > next.queued.n) {
        // Finished by another worker (which claimed it from this one, or had it first).
        drop(next)
        stats.skipped++
        continue
      }
      if (turn === next.queued.n) continue
      // Another worker holds the turn: wait for it to be passed here, and meanwhile stage what
      // is held and read ahead (so this worker's next articles are ready when its turn comes).
      const w = { n: next.queued.n, over: false, done: Promise.resolve() }
      // Woken at least as often as it claims, so the claims below keep their pace.
      w.done = queue.waitTurn(w.n, claimEveryMs).then(
        () => void (w.over = true),
        (error: unknown) => {
          w.over = true
          throw error
        },
      )
      w.done.catch(() => {})
      wait = w
    }
    const now = Date.now()
    if (now - lastTouch >= minIdleMs / 3) {
      await queue.touch(consumer, [...held.keys()])
      lastTouch = now
      continue
    }
    if (now - lastClaim >= claimEveryMs) {
      // Take over the entries of a dead worker (one of which may be the turn).
      await claim()
      await queue.skipGone()
      lastClaim = now
      continue
    }
    if (unstaged()) {
      await stageSome(STAGED_AT_ONCE)
      continue
    }
    if (!stopped() && held.size < 2 * batch) {
      const before = held.size
      await take(await queue.readNew(consumer, batch, 0))
      if (held.size > before) continue
    }
    await wait.done
  }
  return stats
}
