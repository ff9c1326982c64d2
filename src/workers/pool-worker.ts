/**
 * The worker-thread entry of the CLI's pool: built next to `cli.js` (`dist/pool-worker.js`),
 * run from source under tsx in tests. Piscina calls the default export with each task; it
 * takes the thread as ready once this module is loaded, preloads included (see `preloadFor`).
 */
import { workerData } from 'node:worker_threads'
import { preloadFor, type PoolWorkerData } from './pool-tasks.js'

await preloadFor((workerData as PoolWorkerData | undefined)?.preload ?? null)

export { runInThread as default } from './worker-pool.js'
