// The worker entry when the CLI runs from source (tests, `node --import tsx src/cli/main.ts`):
// registers tsx in this thread (a loader given to the parent does not always reach a worker
// thread), then loads the TypeScript entry. The built CLI uses dist/pool-worker.js instead.
import { register } from 'tsx/esm/api'

register()
const { default: runTask } = await import('./pool-worker.ts')
export default runTask
