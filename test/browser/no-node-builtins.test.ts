import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { bundleForBrowser, isNodeBuiltin, ROOT } from './harness.js'

/** Static imports and re-exports (`import … from`, `import '…'`, `export … from`) and dynamic `import('…')`. */
const SPECIFIER = /(?:^|[\s;}])(?:import|export)\s+(?:type\s+)?(?:[\w*${}\s,]+?\s+from\s+)?['"]([^'"\n]+)['"]|\bimport\s*\(\s*['"]([^'"\n]+)['"]\s*\)/g
/** Node globals a browser lacks. */
const NODE_GLOBAL = /(?<![\w$.'"`])(Buffer|process|__dirname|__filename|require|setImmediate|global)\b(?!\s*:)/g

/** Source without comments (good enough for our own code: no `//` or `/*` inside strings that matter here). */
function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:\\'"])\/\/.*$/gm, '$1')
}

/** `../x.js` → the `.ts` file it names. */
function resolveLocal(from: string, specifier: string): string {
  const target = resolve(dirname(from), specifier)
  for (const candidate of [target.replace(/\.js$/, '.ts'), target, `${target}.ts`, join(target, 'index.ts')]) {
    if (existsSync(candidate) && candidate.endsWith('.ts')) return candidate
  }
  throw new Error(`${relative(ROOT, from)}: cannot resolve ${specifier}`)
}

interface Graph {
  files: string[]
  /** `file: specifier` for every import of a Node built-in. */
  builtins: string[]
  /** `file: name` for every use of a Node-only global. */
  globals: string[]
  packages: Set<string>
}

/** Walks the import graph from `entry` through our own files, reading them and matching import specifiers. */
function walk(entry: string): Graph {
  const graph: Graph = { files: [], builtins: [], globals: [], packages: new Set() }
  const seen = new Set<string>()
  const queue = [resolve(ROOT, entry)]
  while (queue.length > 0) {
    const file = queue.shift()!
    if (seen.has(file)) continue
    seen.add(file)
    graph.files.push(relative(ROOT, file))
    const source = stripComments(readFileSync(file, 'utf8'))
    for (const match of source.matchAll(SPECIFIER)) {
      const specifier = (match[1] ?? match[2])!
      if (specifier.startsWith('.')) queue.push(resolveLocal(file, specifier))
      else if (isNodeBuiltin(specifier)) graph.builtins.push(`${relative(ROOT, file)}: ${specifier}`)
      else graph.packages.add(specifier)
    }
    // Type declarations (`Buffer` in a type position) would still tie the types to @types/node.
    for (const match of source.matchAll(NODE_GLOBAL)) graph.globals.push(`${relative(ROOT, file)}: ${match[1]}`)
  }
  return graph
}

describe('the core imports no Node built-in', () => {
  it('recognises what it looks for', () => {
    const specifiers = (source: string) => [...stripComments(source).matchAll(SPECIFIER)].map((m) => m[1] ?? m[2])
    expect(
      specifiers(`import { createHash } from 'node:crypto'
import fs from "fs"
import type { Readable } from 'node:stream'
export { a, type B } from './a.js'
export * from './b.js'
import './side-effect.js'
const lazy = await import('path')
// import x from 'buffer'`),
    ).toEqual(['node:crypto', 'fs', 'node:stream', './a.js', './b.js', './side-effect.js', 'path'])
    for (const name of ['node:crypto', 'crypto', 'fs', 'fs/promises', 'path', 'buffer', 'node:test', 'util']) expect(isNodeBuiltin(name), name).toBe(true)
    for (const name of ['franc', 'eld/small', 'unified', 'rehype-parse', 'hast']) expect(isNodeBuiltin(name), name).toBe(false)
  })

  for (const entry of ['src/index.ts', 'src/output/review/render-review.ts']) {
    it(`${entry}: no node:* or bare built-in import, no Buffer/process/require, in any file it reaches`, () => {
      const graph = walk(entry)
      expect(graph.files.length).toBeGreaterThan(entry === 'src/index.ts' ? 30 : 3)
      if (entry === 'src/index.ts') {
        expect(graph.files).toContain('src/feed/content-id.ts')
        expect(graph.files).toContain('src/stores/memory.ts')
        expect(graph.files.filter((f) => /stores\/(sqlite|redis|open-index)|\/cli\//.test(f))).toEqual([])
      }
      expect(graph.builtins).toEqual([])
      expect(graph.globals).toEqual([])
    })
  }

  it('the esbuild browser bundle of src/index.ts (dependencies included) imports no built-in and uses no Node global', async () => {
    const bundle = await bundleForBrowser('src/index.ts')
    expect(bundle.builtins).toEqual([])
    expect(bundle.inputs.some((input) => input.includes('node_modules/franc/'))).toBe(true)
    // An import left in the output would be an external one: a built-in.
    expect(bundle.imports).toEqual([])
    // A read behind `typeof` is an environment check (fastText's emscripten glue asks whether it
    // runs in Node), which a browser passes; any other use of a Node global would fail there.
    // A use guarded by `typeof Buffer < "u" ? … : …` (jschardet's tables: Buffer when there is one, atob otherwise) is no dependency on Node.
    const unguarded = bundle.code.replace(/typeof Buffer\s*<\s*"u"\s*\?[^:]*:/g, '')
    expect([...unguarded.matchAll(/(?<![\w$.]|typeof )(?:Buffer\s*[.(]|process\s*\.\s*\w|__dirname|__filename|setImmediate\s*\()/g)].map((m) => m[0])).toEqual([])
  }, 60_000)
})
