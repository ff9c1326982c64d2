import { Piscina } from 'piscina'
import { errorInfo } from '../errors.js'
import { runTask, type CleanOutcome, type CleanTask, type PoolTask, type StageOutcome, type StageTask } from './pool-tasks.js'

/** Where batches run: worker threads, or the calling thread for one worker. */
export interface WorkerPool {
  /**
   * Runs a batch (see {@link runTask}); one outcome per record, in the batch's order. Never
   * rejects: when a thread dies on a batch, its records are run one by one, and only the
   * record that kills a thread gets an error.
   */
  run(task: CleanTask): Promise<CleanOutcome[]>
  run(task: StageTask): Promise<StageOutcome[]>
  close(): Promise<void>
}

export { defaultWorkers } from './default-workers.js'

/**
 * How many batches a caller of a pool of `workers` threads keeps running at once (the `window`
 * of `orderedBatches`): every thread's {@link TASKS_PER_THREAD}, and one more batch per thread, so
 * a thread whose next batch is already handed out is not held back by the oldest batch (the
 * window moves only once that one is done).
 */
export const batchesInFlight = (workers: number): number => Math.max(1, workers) * (TASKS_PER_THREAD + 1)

/** Batches handed to each thread at once (piscina's `concurrentTasksPerWorker`): see {@link createWorkerPool}. */
const TASKS_PER_THREAD = 2

/**
 * The worker file, beside this module: `pool-worker.js` next to the built CLI; from source
 * (tests, `node --import tsx`), a small bootstrap that registers tsx in the thread first.
 */
function workerEntry(): string {
  const fromSource = import.meta.url.endsWith('.ts')
  return new URL(fromSource ? './pool-worker-source.mjs' : './pool-worker.js', import.meta.url).href
}

/**
 * A pool of `workers` threads (piscina). With one worker, batches run in the calling thread:
 * no thread to start, and the same {@link runTask}, so the output is the same. The first
 * batch also runs in the calling thread while the threads start, so a small input (one batch)
 * starts no thread at all.
 */
export function createWorkerPool(workers: number): WorkerPool {
  let pool: Piscina | null = null
  let batches = 0
  const inThreads = async (task: PoolTask): Promise<Array<CleanOutcome | StageOutcome>> => {
    // Two tasks per thread: a thread that finishes a batch starts the next one at once, rather
    // than wait idle until the main thread (busy judging or writing, which runs in microtasks
    // and does not yield to the event loop) reads its answer and sends it more work.
    pool ??= new Piscina({ filename: workerEntry(), minThreads: workers, maxThreads: workers, idleTimeout: 1000, concurrentTasksPerWorker: TASKS_PER_THREAD })
    try {
      return (await pool.run(task)) as Array<CleanOutcome | StageOutcome>
    } catch (error) {
      if (task.articles.length === 1) return [{ error: errorInfo(error) }]
      const one = (i: number): PoolTask => ({ ...task, articles: [task.articles[i]] }) as PoolTask
      const each = await Promise.all(task.articles.map((_, i) => inThreads(one(i))))
      return each.flat()
    }
  }
  return {
    run: (async (task: PoolTask) => {
      if (workers <= 1 || batches++ === 0) return runTask(task)
      return inThreads(task)
    }) as WorkerPool['run'],
    async close() {
      await pool?.destroy()
    },
  }
}
