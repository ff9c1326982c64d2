import { availableParallelism } from 'node:os'

/**
 * The default `--workers`: the cores this process may use. Apart from the pool, so that reading
 * the CLI's flags does not load the thread pool's package.
 */
export const defaultWorkers = (): number => availableParallelism()
