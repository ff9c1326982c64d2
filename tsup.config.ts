import { defineConfig, type Options } from 'tsup'

const shared: Options = {
  sourcemap: true,
  // Optional dependencies, required lazily by the stores that use them.
  external: ['better-sqlite3', 'ioredis'],
  target: 'node20',
}

export default defineConfig([
  { ...shared, entry: { index: 'src/index.ts', stores: 'src/stores.ts', node: 'src/node.ts', unified: 'src/unified.ts', cli: 'src/cli/main.ts', 'pool-worker': 'src/workers/pool-worker.ts' }, format: 'esm', dts: { entry: { index: 'src/index.ts', stores: 'src/stores.ts', node: 'src/node.ts', unified: 'src/unified.ts' } } },
  // eld's package.json exports only an `import` condition, so require() cannot resolve it even on
  // Node ≥ 20.19: the CJS build bundles it. The other ESM-only packages (franc, unified) export a
  // default condition and are require()d as ESM. `shims` gives the CJS build import.meta.url
  // (used to require the optional better-sqlite3 lazily).
  { ...shared, entry: { index: 'src/index.ts', stores: 'src/stores.ts', node: 'src/node.ts', unified: 'src/unified.ts' }, format: 'cjs', dts: true, noExternal: [/^eld/], shims: true },
])
