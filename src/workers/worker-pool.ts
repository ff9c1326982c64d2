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
  /**
   * Runs the oldest batch still waiting for a worker thread in the calling thread, for a caller
   * that would otherwise wait for a worker: resolves `true` once it is done, `false` (at once)
   * when no batch is waiting.
   */
  hurry(): Promise<boolean>
  close(): Promise<void>
}

export { defaultWorkers } from './default-workers.js'

/**
 * How many batches a caller of a pool of `workers` threads keeps running at once (the `window`
 * of `orderedBatches`): `workers × (TASKS_PER_THREAD + 1)`, what the worker threads hold and a
 * backlog beyond {@link HURRY_BACKLOG} per thread that the calling thread may take from, so the
 * threads are not held back by the oldest batch (the window moves only once that one is done).
 */
export const batchesInFlight = (workers: number): number => Math.max(1, workers) * (TASKS_PER_THREAD + 1)

/**
 * Batches handed to each thread at once (piscina's `concurrentTasksPerWorker`): see
 * {@link createWorkerPool}. Enough that a thread has work while the main thread stages a batch
 * of its own or judges (it reads the threads' answers, and hands them more, only in between).
 */
const TASKS_PER_THREAD = 4

/**
 * Batches per worker thread that may wait beyond those it holds before the calling thread takes
 * one itself ({@link WorkerPool.hurry}): it also reads, judges and writes, so it takes a share of
 * the staging only when the threads fall that far behind. Measured on 2 cores (2026-12-01, 5 MB
 * of the bench-workers corpus): at 1–2 the calling thread took about twice the worker's share.
 */
const HURRY_BACKLOG = 4

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
 * while the threads start, so a small input (one batch) starts no thread at all.
 */
export function createWorkerPool(workers: number): WorkerPool {
  const threads = Math.max(0, workers - 1)
  let pool: Piscina | null = null
  let batches = 0
  let inFlight = 0
  const waiting: Array<{ task: PoolTask; resolve: (outcomes: Array<CleanOutcome | StageOutcome>) => void }> = []
  const inThreads = async (task: PoolTask): Promise<Array<CleanOutcome | StageOutcome>> => {
    // Several tasks per thread: a thread that finishes a batch starts the next one at once, rather
    // than wait idle until the main thread (busy staging, judging or writing, which runs in
    // microtasks and does not yield to the event loop) reads its answer and sends it more work.
    pool ??= new Piscina({ filename: workerEntry(), minThreads: threads, maxThreads: threads, idleTimeout: 1000, concurrentTasksPerWorker: TASKS_PER_THREAD })
    try {
      return (await pool.run(task)) as Array<CleanOutcome | StageOutcome>
    } catch (error) {
      if (task.articles.length === 1) return [{ error: errorInfo(error) }]
      const one = (i: number): PoolTask => ({ ...task, articles: [task.articles[i]] }) as PoolTask
      const each = await Promise.all(task.articles.map((_, i) => inThreads(one(i))))
      return each.flat()
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
      return new Promise<Array<CleanOutcome | StageOutcome>>((resolve) => {
        waiting.push({ task, resolve })
        dispatch()
      })
    }) as WorkerPool['run'],
    async hurry() {
      // Only a backlog beyond what the threads already hold: the calling thread has its own work
      // (reading, judging, writing) and takes a batch only when the threads fall behind by more.
      if (waiting.length <= threads * HURRY_BACKLOG) return false
      const next = waiting.shift()
      if (!next) return false
      next.resolve(await runTask(next.task))
      return true
    },
    async close() {
      await pool?.destroy()
    },
  }
}
