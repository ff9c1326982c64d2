import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { isAbsolute, join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

// The built package (npm test builds before it runs vitest): both entries load and agree.
const root = resolve(__dirname, '..', '..')
const fixture = readFileSync(join(root, 'fixtures', 'whatsapp-outage-fr.txt'), 'utf8')
// clean() needs the language model loaded first, as every user does once per process.
const script = (load: string) => `${load}
loadLanguageModel().then(() => {
  const r = clean(process.argv[1]);
  console.log(JSON.stringify({ kept: r.paragraphs.filter(p => p.duplicate === null).length, language: r.language, passages: r.passages }))
})`

describe('built package', () => {
  it.each([
    ['ESM import', ['--input-type=module', '-e', script(`import { clean, loadLanguageModel } from ${JSON.stringify(join(root, 'dist', 'index.js'))}`)]],
    ['CJS require', ['-e', script(`const { clean, loadLanguageModel } = require(${JSON.stringify(join(root, 'dist', 'index.cjs'))})`)]],
  ])('%s cleans the reference article', (_, args) => {
    const out = JSON.parse(execFileSync(process.execPath, [...args, fixture], { encoding: 'utf8' }))
    expect(out).toEqual({ kept: 4, language: 'fr', passages: [{ kind: 'exact', paragraphs: [4, 6], of: [1, 3] }] })
  })

  // Self-reference through the package's own exports map, as a user's import or require would resolve it.
  it.each([
    ['news-dedup', ['clean', 'createDeduplicator', 'toHtml']],
    ['news-dedup/stores', ['createSqliteIndex', 'createRedisIndex', 'openIndex']],
    ['news-dedup/unified', ['rehypeNewsDedup', 'remarkNewsDedup']],
    ['news-dedup/node', ['createCleanTransform', 'createFeedTransform']],
  ])('%s loads through import and require with the same exports', (entry, names) => {
    const esm = execFileSync(process.execPath, ['--input-type=module', '-e', `console.log(JSON.stringify(Object.keys(await import(${JSON.stringify(entry)})).sort()))`], { cwd: root, encoding: 'utf8' })
    const cjs = execFileSync(process.execPath, ['-e', `console.log(JSON.stringify(Object.keys(require(${JSON.stringify(entry)})).sort()))`], { cwd: root, encoding: 'utf8' })
    expect(JSON.parse(cjs)).toEqual(JSON.parse(esm))
    expect(JSON.parse(esm)).toEqual(expect.arrayContaining(names))
  })

  // One copy of the library behind every entry: an error thrown through news-dedup/unified,
  // news-dedup/stores or news-dedup/node is an instance of the DedupeError of news-dedup, in
  // both module systems (each CommonJS entry once bundled its own copy of the code).
  const throwers = `[
    ['unified', () => unified.resolvePluginOptions({ mode: 'drop' })],
    ['node', () => node.createCleanTransform({ highWaterMark: -1 })],
    ['stores', () => stores.connectIndex('redis://127.0.0.1:1/0')],
  ]`
  const check = `const out = {}
for (const [name, thrower] of ${throwers}) {
  try { await thrower(); out[name] = 'no error' } catch (error) { out[name] = [error instanceof core.DedupeError, error.code] }
}
console.log(JSON.stringify(out))`
  it.each([
    ['CJS require', ['-e', `const core = require('news-dedup'), unified = require('news-dedup/unified'), stores = require('news-dedup/stores'), node = require('news-dedup/node');\n(async () => {\n${check}\n})()`]],
    ['ESM import', ['--input-type=module', '-e', `import * as core from 'news-dedup'; import * as unified from 'news-dedup/unified'; import * as stores from 'news-dedup/stores'; import * as node from 'news-dedup/node';\n${check}`]],
  ])('%s: a DedupeError from any entry is instanceof the one of news-dedup', (_, args) => {
    const out = JSON.parse(execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8' }))
    expect(out).toEqual({ unified: [true, 'E_INVALID_OPTION'], node: [true, 'E_INVALID_OPTION'], stores: [true, 'E_INDEX_UNAVAILABLE'] })
  })

  it('the CommonJS build holds each source module once', () => {
    const dist = join(root, 'dist')
    // The bundler writes `// src/<path>` before each module it inlines (twice in one file when it
    // hoists the module's imports): the files that hold each module, across every .cjs file.
    const modules = readdirSync(dist)
      .filter((f) => f.endsWith('.cjs'))
      .flatMap((f) => [...new Set(readFileSync(join(dist, f), 'utf8').match(/^\/\/ src\/\S+$/gm) ?? [])])
    expect(modules.length).toBeGreaterThan(50)
    expect(modules.filter((m, k) => modules.indexOf(m) !== k)).toEqual([])
  })

  it('packs a tarball whose exports map resolves for import and require', () => {
    const dir = mkdtempSync(join(tmpdir(), 'news-dedup-pack-'))
    const out = execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: root, encoding: 'utf8' })
    const files = (JSON.parse(out) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((f) => f.path)
    expect(files).toEqual(expect.arrayContaining(['dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/index.d.cts', 'dist/cli.js', 'dist/unified.js', 'dist/stores.cjs', 'dist/node.d.cts', 'schema/news-dedup.schema.json', 'package.json', 'LICENSE']))
    expect(files.some((f) => f.startsWith('src/') || f.startsWith('test/'))).toBe(false)
  })

  it("no file of the build holds the build machine's directories (source maps name their sources relative to themselves)", () => {
    const dist = join(root, 'dist')
    const holding = readdirSync(dist).filter((file) => readFileSync(join(dist, file), 'utf8').includes(root))
    expect(holding).toEqual([])
    for (const file of readdirSync(dist).filter((f) => f.endsWith('.map'))) {
      const map = JSON.parse(readFileSync(join(dist, file), 'utf8')) as { sources: string[]; file?: string }
      expect([...map.sources, map.file ?? ''].filter((path) => isAbsolute(path))).toEqual([])
    }
  })

  it('ships an MIT LICENSE, as package.json says', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { license: string }
    expect(pkg.license).toBe('MIT')
    expect(readFileSync(join(root, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} news-dedup contributors\n/)
  })

  it("each build's copy of parse5, entities and property-information sits in one chunk with each one's licence, and no other file of that build holds or imports them", () => {
    const dist = join(root, 'dist')
    for (const extension of ['.js', '.cjs']) {
      const files = readdirSync(dist).filter((f) => f.endsWith(extension))
      // The bundler writes `// node_modules/<package>/...` before each module it inlines.
      const holders = files.filter((f) => /^\/\/ (?:.*\/)?node_modules\/(?:parse5|entities|property-information)\//m.test(readFileSync(join(dist, f), 'utf8')))
      expect(holders, extension).toHaveLength(1)
      const chunk = readFileSync(join(dist, holders[0]!), 'utf8')
      for (const name of ['parse5', 'entities', 'property-information']) {
        // The copy parse5 imports: its own nested one, if the install has one.
        const installed = [join(root, 'node_modules', 'parse5', 'node_modules', name), join(root, 'node_modules', name)].find((dir) => existsSync(dir))!
        const licence = readdirSync(installed).find((f) => /^licen[cs]e/i.test(f))!
        const { version } = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { version: string }
        // esbuild indents the gathered notices by two spaces.
        const indented = readFileSync(join(installed, licence), 'utf8').trimEnd().split('\n').map((line) => (line === '' ? '  ' : `  ${line}`)).join('\n')
        expect(chunk).toContain(`(*! ${name} ${version} `)
        expect(chunk).toContain(indented)
      }
      // Neither build loads an installed copy at run time: `import` and `require()` of one release run the same code.
      const importers = files.filter((f) => /(?:from |import\(|require\()\s*["'](?:parse5|entities|property-information)(?:\/[^"']*)?["']/.test(readFileSync(join(dist, f), 'utf8')))
      expect(importers, extension).toEqual([])
    }
  })

  it('the CLI binary runs the main job', () => {
    const out = execFileSync(process.execPath, [join(root, 'dist', 'cli.js'), 'clean', '--quiet', join(root, 'fixtures', 'whatsapp-outage-fr.txt')], { encoding: 'utf8' })
    expect(out.trimEnd().split('\n\n')).toEqual(fixture.trimEnd().split('\n').slice(0, 4))
  })
})
