import { describe, expect, it } from 'vitest'
import { encodeEntry, type QueuedRecord } from '../../src/queue/entry-codec.js'
import type { RedisQueue, ResultEntry, StreamEntry } from '../../src/queue/redis-queue.js'
import { runQueueWorker } from '../../src/queue/run-queue-worker.js'

/**
 * A queue in memory, one consumer, ordered: enough of a Redis queue for the worker loop. Its
 * `finish` answers `'early'` for an entry not in turn, as the finish script does, and once for
 * the entries listed in `earlyOnce` even in turn (a turn that moved back, which the worker must
 * survive by judging the entry again).
 */
function memoryQueue(count: number, earlyOnce: ReadonlySet<number>) {
  const unread: StreamEntry[] = []
  for (let n = 1; n <= count; n++) {
    const fields = encodeEntry({ article: { id: `a${n}`, text: `Texte ${n}.` } }, 1000 + n)
    unread.push({ entryId: `0-${n}`, fields: [Buffer.from('n'), Buffer.from(String(n)), ...fields.map((f) => Buffer.from(f))] })
  }
  const pending = new Set(unread.map((e) => e.entryId))
  const results: ResultEntry[] = []
  const answered = new Set<number>()
  let turn = 1
  const queue = {
    stream: 's', outputStream: 'o', group: 'g',
    append: async () => {},
    ensureGroup: async () => {},
    readNew: async (_consumer: string, n: number) => unread.splice(0, n),
    claimIdle: async () => [],
    touch: async () => {},
    turn: async () => turn,
    waitTurn: async () => false,
    skipGone: async () => turn,
    async finish(entryId: string, result: ResultEntry) {
      if (!pending.has(entryId)) return 'finished' as const
      if (result.n !== turn || (earlyOnce.has(result.n) && !answered.has(result.n))) {
        answered.add(result.n)
        return 'early' as const
      }
      pending.delete(entryId)
      results.push(result)
      turn++
      return 'written' as const
    },
    discard: async () => {},
    pending: async () => pending.size,
    results: async () => [],
    deleteResults: async () => {},
    close: async () => {},
  } satisfies RedisQueue
  return { queue, results }
}

// A regression test: it passes on the worker loop before 3bd0937 too (that commit only changed how
// an early entry is held); it keeps the behaviour of judging such an entry again in place.
describe('runQueueWorker (regression)', () => {
  it('regression: judges again, in its turn, an entry whose finish came early, without staging it again', async () => {
    const { queue, results } = memoryQueue(3, new Set([1]))
    const staged: number[] = []
    const settled: number[] = []
    const stage = async (records: readonly QueuedRecord[]) => records.map((r) => (staged.push(r.n), `staged ${r.n}`))
    const settle = async (queued: QueuedRecord, value: string): Promise<ResultEntry> => {
      settled.push(queued.n)
      return { n: queued.n, id: `a${queued.n}`, duplicate: false, line: value }
    }
    const stats = await runQueueWorker(queue, stage, settle, { consumer: 'c', untilEmpty: true, blockMs: 1, minIdleMs: 30 })
    expect(results.map((r) => [r.n, r.line])).toEqual([[1, 'staged 1'], [2, 'staged 2'], [3, 'staged 3']])
    expect(staged.sort((a, b) => a - b)).toEqual([1, 2, 3])
    expect(settled.filter((n) => n === 1).length).toBeGreaterThanOrEqual(2)
    expect(stats.written).toBe(3)
  })
})
