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
    testTimeout: 300_000,
  },
})
