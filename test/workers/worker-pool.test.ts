import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadLanguageModel } from '../../src/language/fasttext-model.js'
import { resolveOptions } from '../../src/options.js'
import { createWorkerPool, WARM_START_BYTES } from '../../src/workers/worker-pool.js'
import { runTask, type CleanLinesTask, type CleanTask, type StageTask } from '../../src/workers/pool-tasks.js'

const options = resolveOptions({})
/** Batches of articles of their own text each, so any mix-up of outcomes shows. */
const tasks: CleanTask[] = Array.from({ length: 16 }, (_, b) => ({
  kind: 'clean',
  options,
  articles: Array.from({ length: 4 }, (_, i) => ({ id: `b${b}-${i}`, text: `Article ${b}-${i}: the council met on day ${b * 4 + i}.\n\nIt voted ${i % 2 ? 'for' : 'against'} the plan.` })),
  rawKeys: Array.from({ length: 4 }, () => ['id', 'text']),
}))

describe('createWorkerPool', () => {
  const pool = createWorkerPool(2)
  beforeAll(() => loadLanguageModel())
  afterAll(() => pool.close())

  it('gives every batch the outcomes runTask gives in this thread, whether a worker thread ran it or hurry did', async () => {
    const expected = await Promise.all(tasks.map((task) => runTask(task)))
    // All at once: the first runs here, the worker thread holds its share, the rest wait.
    const running = tasks.map((task) => pool.run(task))
    let hurried = 0
    while (await pool.hurry()) hurried++
    // The backlog beyond what the thread holds was taken here; what is left is the thread's to run.
    expect(hurried).toBeGreaterThan(0)
    expect(hurried).toBeLessThan(tasks.length - 1)
    expect(await Promise.all(running)).toEqual(expected)
    expect(await pool.hurry()).toBe(false)
  }, 60_000)

  it('started warm, starts its thread before any batch (cold, only with the second), and stages there as runTask does here', async () => {
    const stage: StageTask[] = tasks.slice(0, 6).map((task, b) => ({
      kind: 'stage',
      options: {},
      ahead: true,
      articles: task.articles.map((article, i) => ({ article: { ...article, site: `site${i % 2}.example` }, arrival: b * 10 + i, lineKeys: ['id', 'text', 'site'] })),
    }))
    const expected = await Promise.all(stage.map((task) => runTask(task)))
    // Cold: the first batch runs here and starts no thread; the second starts it.
    const cold = createWorkerPool(2)
    expect(cold.started()).toBe(false)
    expect(await cold.run(stage[0] as StageTask)).toEqual(expected[0])
    expect(cold.started()).toBe(false)
    expect(await cold.run(stage[1] as StageTask)).toEqual(expected[1])
    expect(cold.started()).toBe(true)
    await cold.close()
    // Warm: the thread starts (and preloads the feed stages and the model) before the first batch.
    const warm = createWorkerPool(2, { kind: 'stage', inputBytes: WARM_START_BYTES })
    expect(warm.started()).toBe(true)
    // The first batch runs here; the others are the thread's (nothing is hurried).
    const outcomes = await Promise.all(stage.map((task) => warm.run(task)))
    expect(outcomes).toEqual(expected)
    // What judging reads was computed ahead, in the thread too.
    expect(outcomes.flat().every((o) => 'lined' in o && o.lined.whole !== undefined)).toBe(true)
    await warm.close()
  }, 60_000)

  it('gives a batch of lines run in a worker thread (its bytes transferred back) the outcome runTask gives here', async () => {
    const lines = tasks.slice(0, 4).map((task, b): CleanLinesTask => ({
      kind: 'clean-lines',
      options,
      bytes: Buffer.from(task.articles.map((article) => `${JSON.stringify(article)}\n`).join('') + '{"id":"no body"}\n'),
      firstLine: b * 5 + 1,
      name: 'in',
    }))
    const expected = await Promise.all(lines.map((task) => runTask(task)))
    const threaded = createWorkerPool(2)
    const outcomes = await Promise.all(lines.map((task) => threaded.run(task)))
    expect(threaded.started()).toBe(true)
    await threaded.close()
    expect(outcomes).toEqual(expected)
    expect(outcomes.every((outcome) => outcome.failed === 1 && outcome.repeats.length === 4)).toBe(true)
  }, 60_000)

  it('starts warm only on an input of WARM_START_BYTES or more', async () => {
    const small = createWorkerPool(2, { kind: 'clean', inputBytes: WARM_START_BYTES - 1 })
    expect(small.started()).toBe(false)
    await small.close()
  })

  it('with one worker runs everything here and has nothing to hurry', async () => {
    const alone = createWorkerPool(1)
    expect(await alone.run(tasks[0] as CleanTask)).toEqual(await runTask(tasks[0] as CleanTask))
    expect(await alone.hurry()).toBe(false)
    expect(alone.started()).toBe(false)
    expect(createWorkerPool(1, { inputBytes: WARM_START_BYTES }).started()).toBe(false)
    await alone.close()
  })
})
