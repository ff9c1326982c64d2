import type { Piscina } from 'piscina'
import {
  runTask,
  type CleanLinesOutcome,
  type CleanLinesTask,
  type CleanOutcome,
  type CleanTask,
  type PoolTask,
  type PoolWorkerData,
  type StageOutcome,
  type StageTask,
} from './pool-tasks.js'
import { retryOneByOne, type Outcome } from './retry-one-by-one.js'

/** Where batches run: worker threads, or the calling thread for one worker. */
export interface WorkerPool {
  /**
   * Runs a batch (see {@link runTask}); one outcome per record, in the batch's order. Never
   * rejects: when a thread dies on a batch, its records are run one by one, and only the
   * record that kills a thread gets an error.
   */
  run(task: CleanTask): Promise<CleanOutcome[]>
  run(task: StageTask): Promise<StageOutcome[]>
  run(task: CleanLinesTask): Promise<CleanLinesOutcome>
  /**
   * Runs the oldest batch still waiting for a worker thread in the calling thread, for a caller
   * that would otherwise wait for a worker: resolves `true` once it is done, `false` (at once)
   * when no batch is waiting.
   */
  hurry(): Promise<boolean>
  /**
   * Whether the worker threads have been started: at once when warm (see
   * {@link WorkerPoolOptions.inputBytes}), else with the second batch; never with one worker.
   */
  started(): boolean
  close(): Promise<void>
}

export { defaultWorkers } from './default-workers.js'

/**
 * Input size (bytes) from which the worker threads start warm (see
 * {@link WorkerPoolOptions.inputBytes}): about five batches of news articles, so that the threads'
 * start-up overlaps the calling thread's own; below it an input of one batch starts none.
 */
export const WARM_START_BYTES = 256 * 1024

/** Options of {@link createWorkerPool}. */
export interface WorkerPoolOptions {
  /**
   * The kind of batches the pool will run: what a thread started warm loads (modules, language
   * model) before its first batch arrives.
   * @default 'clean'
   */
  kind?: PoolTask['kind']
  /**
   * The input's size in bytes, when known (a file's): from {@link WARM_START_BYTES} on, the
   * worker threads start at once (warm), loading what batches of `kind` need while the calling
   * thread opens its input and index and stages the first batch. Unknown or smaller (standard
   * input, a small file), they start with the second batch, so a one-batch input starts none.
   * @default undefined
   */
  inputBytes?: number
}

/**
 * How many batches a caller of a pool of `workers` threads keeps running at once (the `window`
 * of `orderedBatches`): {@link WINDOW_PER_THREAD} per thread, the calling thread's included.
 * Beyond what the worker threads hold, a backlog the calling thread takes from whenever it would
 * otherwise wait for the oldest batch ({@link WorkerPool.hurry}), and room for the worker threads
 * to run ahead while it judges and writes: the window moves only once the oldest batch is done.
 */
export const batchesInFlight = (workers: number): number => Math.max(1, workers) * WINDOW_PER_THREAD

/**
 * Batches handed to each thread at once (piscina's `concurrentTasksPerWorker`): see
 * {@link createWorkerPool}. Enough that a thread has work while the main thread stages a batch
 * of its own or judges (it reads the threads' answers, and hands them more, only in between).
 */
const TASKS_PER_THREAD = 4

/**
 * See {@link batchesInFlight}. Measured on 2 cores (2026-12-01, the bench-workers corpus): at 5
 * (what a worker thread holds and one more) the calling thread waited idle for a quarter of a
 * `clean` run while the worker thread still held the oldest batch.
 */
const WINDOW_PER_THREAD = 8

/**
 * The worker file, beside this module: `pool-worker.js` next to the built CLI; from source
 * (tests, `node --import tsx`), a small bootstrap that registers tsx in the thread first.
 */
function workerEntry(): string {
  const fromSource = import.meta.url.endsWith('.ts')
  return new URL(fromSource ? './pool-worker-source.mjs' : './pool-worker.js', import.meta.url).href
}

/**
 * A pool of `workers` threads, the calling thread one of them: `workers - 1` worker threads
 * (piscina), each handed {@link TASKS_PER_THREAD} batches at a time; the batches beyond those
 * wait, and the calling thread takes them itself when it would otherwise wait for a worker
 * ({@link WorkerPool.hurry}). So `workers` threads stage on `workers` cores without one waiting
 * for a core another holds, and no more isolates than cores start, warm up and collect. With one
 * worker, every batch runs in the calling thread: no thread to start, and the same
 * {@link runTask}, so the output is the same. The first batch also runs in the calling thread
 * while the threads start; unless `warm`, they start with the second batch, so a small input
 * (one batch) starts no thread at all.
 */
export function createWorkerPool(workers: number, options: WorkerPoolOptions = {}): WorkerPool {
  const threads = Math.max(0, workers - 1)
  const warm = (options.inputBytes ?? 0) >= WARM_START_BYTES
  // piscina is imported when the threads start (with the first batch sent to one, or at once
  // when warm), not with this module: an input of one batch (a small file) never loads it.
  const start = (): Promise<Piscina> =>
    import('piscina').then(
      ({ Piscina }) =>
        new Piscina({
          filename: workerEntry(),
          minThreads: threads,
          maxThreads: threads,
          idleTimeout: 1000,
          concurrentTasksPerWorker: TASKS_PER_THREAD,
          workerData: { preload: warm ? (options.kind ?? 'clean') : null } satisfies PoolWorkerData,
        }),
    )
  // Warm: the threads start now, and load their modules and the language model while the
  // calling thread opens its input and index and stages the first batch.
  let pool: Promise<Piscina> | null = threads > 0 && warm ? start() : null
  // (A failed import is reported by the batches that await it, not as an unhandled rejection.)
  pool?.catch(() => undefined)
  let batches = 0
  let inFlight = 0
  const waiting: Array<{ task: PoolTask; resolve: (outcome: Outcome) => void }> = []
  const inThreads = async (task: PoolTask): Promise<Outcome> => {
    // Several tasks per thread: a thread that finishes a batch starts the next one at once, rather
    // than wait idle until the main thread (busy staging, judging or writing, which runs in
    // microtasks and does not yield to the event loop) reads its answer and sends it more work.
    pool ??= start()
    try {
      return (await (await pool).run(task)) as Outcome
    } catch (error) {
      // The thread died on this batch: only the record that kills a thread gets an error.
      return retryOneByOne(task, error, inThreads)
    }
  }
  // Hands waiting batches to the threads while they have room.
  const dispatch = (): void => {
    while (inFlight < threads * TASKS_PER_THREAD && waiting.length > 0) {
      const { task, resolve } = waiting.shift() as (typeof waiting)[number]
      inFlight++
      void inThreads(task).then((outcomes) => {
        inFlight--
        resolve(outcomes)
        dispatch()
      })
    }
  }
  return {
    run: ((task: PoolTask) => {
      if (threads === 0 || batches++ === 0) return runTask(task)
      return new Promise<Outcome>((resolve) => {
        waiting.push({ task, resolve })
        dispatch()
      })
    }) as WorkerPool['run'],
    async hurry() {
      // Called only when the calling thread would wait (see orderedBatches): any batch the worker
      // threads have not been handed yet is better run here than waited for.
      const next = waiting.shift()
      if (!next) return false
      next.resolve(await runTask(next.task))
      return true
    },
    started: () => pool !== null,
    async close() {
      // A pool whose import failed has no thread to stop (its batches got the error).
      await (await pool?.catch(() => null))?.destroy()
    },
  }
}

/** piscina, in a worker thread (where it is loaded already: it runs the thread). */
let piscina: Promise<{ Piscina: typeof Piscina }> | undefined

/**
 * The worker threads' handler (see `pool-worker.ts`): {@link runTask}, the bytes of a
 * {@link CleanLinesOutcome} transferred to the calling thread rather than copied.
 */
export async function runInThread(task: PoolTask): Promise<unknown> {
  const outcome = await runTask(task)
  if (task.kind !== 'clean-lines') return outcome
  const { Piscina } = await (piscina ??= import('piscina'))
  const lines = outcome as CleanLinesOutcome
  return Piscina.move({ [Piscina.transferableSymbol]: lines.bytes.buffer, [Piscina.valueSymbol]: lines } as unknown as ArrayBuffer)
}
