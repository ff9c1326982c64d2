/**
 * The worker-thread entry of the CLI's pool: built next to `cli.js` (`dist/pool-worker.js`),
 * run from source under tsx in tests. Piscina calls the default export with each task.
 */
export { runTask as default } from './pool-tasks.js'
