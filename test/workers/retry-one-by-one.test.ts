import { beforeAll, describe, expect, it } from 'vitest'
import { loadLanguageModel } from '../../src/language/fasttext-model.js'
import { resolveOptions } from '../../src/options.js'
import { runTask, type CleanLinesOutcome, type CleanLinesTask, type CleanOutcome, type PoolTask } from '../../src/workers/pool-tasks.js'
import { retryOneByOne, type Outcome } from '../../src/workers/retry-one-by-one.js'

/**
 * A pool whose threads die on any batch holding a record with `poison` in it, as a thread dies on
 * a record that exhausts its memory: the batch is rejected whole, and the pool retries it through
 * {@link retryOneByOne}, as `createWorkerPool` does. `batches` records every batch a thread was handed.
 */
function poisonedPool(poison: string): { run: (task: PoolTask) => Promise<Outcome>; batches: PoolTask[] } {
  const batches: PoolTask[] = []
  const holdsPoison = (task: PoolTask): boolean =>
    task.kind === 'clean-lines' ? Buffer.from(task.bytes).toString('utf8').includes(poison) : JSON.stringify(task.articles).includes(poison)
  const run = async (task: PoolTask): Promise<Outcome> => {
    batches.push(task)
    try {
      if (holdsPoison(task)) throw new Error('Worker terminated due to reaching memory limit: JS heap out of memory')
      return (await runTask(task as CleanLinesTask)) as Outcome
    } catch (error) {
      return retryOneByOne(task, error, run)
    }
  }
  return { run, batches }
}

const options = resolveOptions({})
const record = (id: string, text: string): string => JSON.stringify({ id, text })
const lines = [
  record('a', 'The council met on Monday.\n\nThe council met on Monday.\n\nIt voted for the plan.'),
  record('b', 'Le conseil s\u2019est r\u00e9uni lundi et a vot\u00e9 le budget.'),
  record('poison', 'This record kills any thread that runs it.'),
  '{"id": "broken"',
  record('c', 'Der Rat hat am Montag den Haushalt beschlossen.'),
]

describe('retryOneByOne', () => {
  beforeAll(() => loadLanguageModel())

  it('gives a batch of lines whose thread died every line back, in order and numbered as in the input, and only the poison line an error record', async () => {
    const task: CleanLinesTask = { kind: 'clean-lines', options, bytes: Buffer.from(`${lines.join('\n')}\n`), firstLine: 11, name: 'feed.jsonl' }
    const pool = poisonedPool('"poison"')
    const outcome = (await pool.run(task)) as CleanLinesOutcome
    // Each line that lives gives what the same line gives in a batch of its own, where no thread died.
    const alone = await Promise.all(lines.map((_, i) => runTask({ ...task, bytes: Buffer.from(`${lines[i]}\n`), firstLine: 11 + i })))
    const out = Buffer.from(outcome.bytes).toString('utf8').split('\n')
    expect(out).toHaveLength(lines.length + 1)
    for (const i of [0, 1, 3, 4]) expect(`${out[i]}\n`).toBe(Buffer.from(alone[i]!.bytes).toString('utf8'))
    expect(JSON.parse(out[2]!)).toEqual({ id: 'poison', line: 13, error: { code: 'E_INTERNAL', message: 'Worker terminated due to reaching memory limit: JS heap out of memory' } })
    expect(JSON.parse(out[3]!)).toMatchObject({ line: 14, error: { code: 'E_INVALID_RECORD' } })
    // The broken line and the poison one failed; the repeats are those of the three cleaned lines, in order.
    expect(outcome.failed).toBe(2)
    expect(outcome.repeats).toEqual([0, 1, 4].flatMap((i) => alone[i]!.repeats))
    expect(outcome.repeats[0]).toBe(1)
    // One batch, then each of its five lines alone: the poison line never took its neighbours down twice.
    expect(pool.batches.map((b) => (b as CleanLinesTask).firstLine)).toEqual([11, 11, 12, 13, 14, 15])
  })

  it('gives a batch of articles whose thread died one outcome per article, in order, and only the poison article an error', async () => {
    const articles = lines.filter((line) => line.startsWith('{"id":"')).map((line) => JSON.parse(line) as Record<string, unknown>)
    const pool = poisonedPool('"poison"')
    const outcomes = (await pool.run({ kind: 'clean', options, articles, rawKeys: articles.map(() => null) })) as CleanOutcome[]
    expect(outcomes).toHaveLength(4)
    expect(outcomes[2]).toEqual({ error: { code: 'E_INTERNAL', message: 'Worker terminated due to reaching memory limit: JS heap out of memory' } })
    for (const i of [0, 1, 3]) expect('line' in outcomes[i]!).toBe(true)
    expect(outcomes.map((o) => ('line' in o ? o.repeats : null))).toEqual([1, 0, null, 0])
  })

  it('gives an empty batch nothing, and a single record that kills its thread its error without another try', async () => {
    const pool = poisonedPool('"poison"')
    const empty = (await pool.run({ kind: 'clean-lines', options, bytes: new Uint8Array(0), firstLine: 1, name: '-' })) as CleanLinesOutcome
    expect(empty).toMatchObject({ failed: 0, repeats: [] })
    expect(empty.bytes.byteLength).toBe(0)
    const single = (await pool.run({ kind: 'clean-lines', options, bytes: Buffer.from(`${lines[2]}\n`), firstLine: 3, name: '-' })) as CleanLinesOutcome
    expect(single.failed).toBe(1)
    expect(pool.batches).toHaveLength(2)
  })
})
