import { defineConfig } from 'vitest/config'
import base from './vitest.config.js'

// `npm run test:stress`: only the minute-long cases (test/**/*.stress.test.ts), with the
// aliases of the default config (its include and exclude replaced, not merged). .ci/run runs
// it after `npm test`.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['test/**/*.stress.test.ts'],
    exclude: ['**/node_modules/**'],
    // A guard against a hang, not a speed check: the 50 MB article alone took 311 s on a machine
    // shared by eight jobs (load average 15 on 2 cores).
    testTimeout: 600_000,
  },
})
