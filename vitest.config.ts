import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const src = (path: string): string => fileURLToPath(new URL(`./src/${path}`, import.meta.url))

export default defineConfig({
  // The examples import the package by its name, as users do; in tests that name is the source
  // (tsconfig.json's `paths` say the same to tsc). The package tests resolve the built package.
  resolve: {
    alias: [
      { find: /^news-dedup$/, replacement: src('index.ts') },
      { find: /^news-dedup\/stores$/, replacement: src('stores.ts') },
      { find: /^news-dedup\/unified$/, replacement: src('unified.ts') },
      { find: /^news-dedup\/node$/, replacement: src('node.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    // clean() and the taggers need the language model loaded (once, asynchronously).
    setupFiles: ['test/helpers/load-language-model.ts'],
    // The minute-long cases (a 50 MB article, 100,000-tag pages, multi-process workers) are
    // `npm run test:stress` (vitest.stress.config.ts), which .ci/run runs after `npm test`.
    exclude: ['**/node_modules/**', 'test/**/*.stress.test.ts'],
    testTimeout: 60_000,
    // Many files wait on child processes (the CLI, workers, Redis), so one more worker than
    // vitest's default (cores - 1) keeps the cores busy: on 2 cores the loop took 106 s with the
    // default and 66 s with 3 workers (2026-12-01).
    maxWorkers: Math.max(3, availableParallelism() - 1),
  },
})
