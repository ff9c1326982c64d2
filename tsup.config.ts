import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, isAbsolute, join, relative } from 'node:path'
import { data } from 'franc/data.js'
import { defineConfig, type Options } from 'tsup'
import { encodeTrigramProfiles, readProfiles } from './src/language/trigram-profiles.js'
import { readsTextByRuns } from './src/parse/build-hast.js'

/**
 * franc's trigram profiles read into numbers once, here, rather than on the first article of
 * every process (~50 ms of the CLI's start-up): see src/language/trigram-profiles.ts, which
 * decodes this constant when the build defines it and reads the profiles itself when it does not.
 */
const TRIGRAM_PROFILES = JSON.stringify(encodeTrigramProfiles(Object.fromEntries(Object.entries(data).map(([script, profiles]) => [script, readProfiles(profiles)]))))

/**
 * With the profiles embedded, the built package never reads franc's data (238 KB, ~6 ms of CPU to
 * load): its import resolves to an empty table here, so the package does not load it at run time.
 */
const francDataEmbedded: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'franc-data-embedded',
  setup(build) {
    build.onResolve({ filter: /^franc\/data\.js$/ }, () => ({ path: 'franc-data', namespace: 'franc-data-embedded' }))
    build.onLoad({ filter: /.*/, namespace: 'franc-data-embedded' }, () => ({ contents: 'export const data = {}', loader: 'js' }))
  },
}

/**
 * The packages both builds bundle into the HTML parser's chunk rather than importing from
 * node_modules: ~31 files (parse5 and the `entities` decoder it imports, property-information),
 * each resolved through its package's manifest, read and compiled on its own by Node 20's module
 * loader. The chunk and what it imports took 71 ms of CPU to import that way against 29 ms as
 * one chunk (a fresh process, loaded machine; README, "CLI start-up", fourth round). parse5 is
 * pinned to one version already (its tokenizer's internals are read by build-hast.ts), so
 * bundling it fixes nothing that was free to move; entities (a range in parse5's manifest) and
 * property-information (a range in ours) are fixed at build time by bundling. The CommonJS build
 * bundles the same three, so `import` and `require()` of one release run the same copies and give
 * the same output whatever versions a later install resolves.
 */
const BUNDLED = ['parse5', 'entities', 'property-information']

/**
 * Whether build-hast.ts's text-run tokenizer reads as the parse5 being bundled does: checked here,
 * once, on that same copy, so the built pages skip the check (see build-hast.ts).
 */
const READS_AS_PARSE5 = String(readsTextByRuns())
// A parse5 whose tokenizer no longer reads as the text-run tokenizer expects would leave every
// built page on parse5's own, slower parser for good, silently: stop the build instead.
if (READS_AS_PARSE5 !== 'true') throw new Error('tsup.config.ts: build-hast.ts no longer reads as the bundled parse5 (readsTextByRuns() is false): update its text-run tokenizer')

/**
 * Each bundled package's licence, from its installed copy, as a legal comment of each of its
 * modules: esbuild keeps one copy of each at the end of the chunk that holds the code, so the
 * notices the licences ask for travel with the code, whatever the chunk is called.
 */
const bundledLicences: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'bundled-licences',
  setup(build) {
    const licences = new Map<string, string>()
    // The package's own directory (the last node_modules on the path: a nested copy is its own).
    const packages = new RegExp(`^(.*[/\\\\]node_modules[/\\\\](${BUNDLED.join('|')}))[/\\\\].*\\.js$`)
    build.onLoad({ filter: packages }, (args) => {
      const [, root, name] = packages.exec(args.path)!
      let licence = licences.get(root!)
      if (licence === undefined) {
        const manifest = JSON.parse(readFileSync(join(root!, 'package.json'), 'utf8')) as { version: string; license: string }
        const file = readdirSync(root!).find((f) => /^licen[cs]e(\.(md|txt))?$/i.test(f))
        if (file === undefined) throw new Error(`bundled-licences: no licence file in ${root}`)
        licence = `/*! ${name} ${manifest.version} (${manifest.license}), bundled:\n${readFileSync(join(root!, file), 'utf8').replaceAll('*/', '* /').trimEnd()}\n*/\n`
        licences.set(root!, licence)
      }
      return { contents: licence + readFileSync(args.path, 'utf8'), loader: 'js', resolveDir: dirname(args.path) }
    })
  },
}

const shared: Options = {
  sourcemap: true,
  // Optional dependencies, required lazily by the stores that use them.
  external: ['better-sqlite3', 'ioredis'],
  target: 'node20',
  define: { __NEWS_DEDUP_TRIGRAM_PROFILES__: TRIGRAM_PROFILES },
  esbuildPlugins: [francDataEmbedded],
  // Not external, or tsup's own resolution would keep the import before the plugin above sees it.
  noExternal: [/^franc\/data\.js$/],
}

/**
 * tsup's CommonJS splitting turns the ESM chunks into CommonJS with sucrase, which rewrites every
 * `import()` into `require()`. The fastText glue is `import()`ed from a file URL computed at run
 * time (see src/language/fasttext-model.ts), which `require()` cannot load: in the CommonJS
 * chunks only, that one call goes through an indirect eval, which sucrase does not see (the CJS
 * build runs in Node only, where no Content-Security-Policy forbids it).
 */
const keepRuntimeImport: NonNullable<Options['plugins']>[number] = {
  name: 'keep-runtime-import',
  renderChunk(code, info) {
    if (this.format !== 'cjs' || !/\.(js|cjs)$/.test(info.path)) return
    const kept = code.replace(/\bimport\(\s*\/\* @vite-ignore \*\/\s*(\w+)\s*\)/g, "(0, eval)('(url) => import(url)')($1)")
    return kept === code ? undefined : { code: kept }
  },
}

/**
 * The source maps as any machine builds them: tsup's CommonJS splitting (the sucrase pass above)
 * names the chunk it rewrote by its absolute path in the map's `sources` and `file` (`/home/…/dist/index.cjs`),
 * which put the build machine's directories into the package and made two checkouts build
 * different maps. Each such path is made relative to the map, as esbuild writes the others.
 * `onSuccess` runs once the build of its formats is written.
 */
async function relativeMapSources(): Promise<void> {
  for (const file of readdirSync('dist')) {
    if (!file.endsWith('.map')) continue
    const path = join('dist', file)
    const map = JSON.parse(readFileSync(path, 'utf8')) as { sources: string[]; file?: string }
    if (!map.sources.some((source) => isAbsolute(source)) && !(map.file !== undefined && isAbsolute(map.file))) continue
    const fromMap = (to: string): string => (isAbsolute(to) ? relative(dirname(join(process.cwd(), path)), to).replaceAll('\\', '/') : to)
    map.sources = map.sources.map(fromMap)
    if (map.file !== undefined) map.file = fromMap(map.file)
    writeFileSync(path, JSON.stringify(map))
  }
}

export default defineConfig([
  { ...shared, entry: { index: 'src/index.ts', stores: 'src/stores.ts', node: 'src/node.ts', unified: 'src/unified.ts', cli: 'src/cli/main.ts', 'pool-worker': 'src/workers/pool-worker.ts' }, format: 'esm', noExternal: [...(shared.noExternal ?? []), ...BUNDLED.map((name) => new RegExp(`^${name}(/|$)`))], esbuildPlugins: [...(shared.esbuildPlugins ?? []), bundledLicences], define: { ...shared.define, __NEWS_DEDUP_READS_AS_PARSE5__: READS_AS_PARSE5 }, dts: { entry: { index: 'src/index.ts', stores: 'src/stores.ts', node: 'src/node.ts', unified: 'src/unified.ts' } } },
  // linkedom exports `linkedom/worker` only under an `import` condition, so require() cannot
  // resolve it even on Node ≥ 20.19: the CJS build bundles it. The ESM-only packages (franc, unified) export a default condition and are require()d as
  // ESM. `shims` gives the CJS build import.meta.url
  // (used to require the optional drivers lazily). `splitting` makes the four CJS entries
  // require shared chunks, as the ESM ones import them: one copy of the code (one DedupeError
  // class, each module once), and requiring the four costs about what importing them does
  // (`node --import tsx bench/bench-load.ts`).
  { ...shared, entry: { index: 'src/index.ts', stores: 'src/stores.ts', node: 'src/node.ts', unified: 'src/unified.ts' }, format: 'cjs', splitting: true, dts: true, shims: true, noExternal: [...(shared.noExternal ?? []), /^linkedom/, ...BUNDLED.map((name) => new RegExp(`^${name}(/|$)`))], esbuildPlugins: [...(shared.esbuildPlugins ?? []), bundledLicences], define: { ...shared.define, __NEWS_DEDUP_READS_AS_PARSE5__: READS_AS_PARSE5 }, plugins: [keepRuntimeImport], onSuccess: relativeMapSources },
])
