import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { clean } from '../../src/clean.js'

// The built CLI (npm test builds before it runs vitest), run in a child process under a module
// loader hook that writes the URL of every module it loads to a file: what its start-up loads.
const root = resolve(__dirname, '..', '..')
const cli = join(root, 'dist', 'cli.js')
const dir = mkdtempSync(join(tmpdir(), 'news-dedup-startup-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const HOOKS = `import { appendFileSync } from 'node:fs'
let log
export function initialize(data) { log = data.log }
export async function load(url, context, next) { appendFileSync(log, url + '\\n'); return next(url, context) }`
const REGISTER = join(dir, 'list-modules.mjs')
writeFileSync(REGISTER, `import { register } from 'node:module'
register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(HOOKS)}`)}, { data: { log: process.env.MODULE_LOG } })`)

/** The packages of the HTML, Markdown and extraction parsers (and the modules they stand on). */
const HTML = ['parse5', 'property-information']
const MARKDOWN = ['remark-parse', 'micromark', 'mdast-util-from-markdown']
const EXTRACT = ['@mozilla/readability', 'linkedom']
/** The charset libraries: the `<meta>` prescan and label table, the detector, the legacy decoders. */
const CHARSETS = ['html-encoding-sniffer', 'jschardet', '@exodus/bytes']

let runs = 0
/** Runs the built CLI on `args`: its standard output, and the packages whose modules it loaded. */
function run(args: string[]): { stdout: string; packages: Set<string> } {
  const log = join(dir, `modules-${runs++}.txt`)
  writeFileSync(log, '')
  const stdout = execFileSync(process.execPath, ['--import', pathToFileURL(REGISTER).href, cli, 'clean', '--quiet', ...args], {
    encoding: 'utf8',
    env: { ...process.env, MODULE_LOG: log },
  })
  const urls = readFileSync(log, 'utf8').split('\n')
  const packages = new Set(urls.flatMap((url) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? bundledIn(url)))
  return { stdout, packages }
}

/**
 * The packages a module of dist/ holds a copy of (the ESM build bundles the HTML parser's: see
 * tsup.config.ts), named by the licence notices esbuild gathers at the end of the chunk.
 */
function bundledIn(url: string): string[] {
  if (!url.startsWith(pathToFileURL(join(root, 'dist')).href)) return []
  return [...readFileSync(new URL(url), 'utf8').matchAll(/^ {2}\(\*! (\S+) \S+ \([^)]*\), bundled:$/gm)].map((m) => m[1]!)
}

function file(name: string, content: string): string {
  const path = join(dir, name)
  writeFileSync(path, content)
  return path
}

const PAGE = `<!doctype html><html><head><title>Le chat</title></head><body><article><h1>Le chat dort</h1>
<p>Le chat dort sur le tapis depuis ce matin, sans bouger, et personne ne le dérange.</p>
<p>The cat has been sleeping on the mat since this morning, and nobody disturbs it.</p>
<p>Le chat dort sur le tapis depuis ce matin, sans bouger, et personne ne le dérange.</p>
</article><footer><a href="/">Accueil</a></footer></body></html>`

/** What the CLI writes for `--to json` of one file: the library's clean() of its bytes, with its path. */
function libraryJson(path: string, options: Parameters<typeof clean>[1]): unknown {
  return { id: path, ...clean(readFileSync(path), options) }
}

describe('CLI start-up: the parsers load when an input of their format arrives', () => {
  it('cleans a UTF-8 plain-text file without loading the HTML, Markdown or extraction parsers or the charset libraries', () => {
    const path = file('note.txt', 'Le chat dort sur le tapis.\n\nThe cat sleeps on the mat today.\n')
    const { stdout, packages } = run([path, '--to', 'json'])
    // The hook saw the packages that were loaded (the language model's glue); franc's trigram
    // profiles are embedded in the build as numbers, so its data is not read.
    expect(packages).toContain('fasttext.wasm.js')
    for (const name of [...HTML, ...MARKDOWN, ...EXTRACT, ...CHARSETS, 'franc']) expect(packages).not.toContain(name)
    expect(JSON.parse(stdout)).toEqual(libraryJson(path, { format: 'text' }))
  })

  it('loads the HTML parser, not the extraction one or the charset libraries, for a UTF-8 page without <meta>, and cleans it as clean() does', () => {
    const path = file('page.html', PAGE)
    const { stdout, packages } = run([path, '--to', 'json'])
    for (const name of HTML) expect(packages).toContain(name)
    for (const name of [...MARKDOWN, ...EXTRACT, ...CHARSETS]) expect(packages).not.toContain(name)
    expect(JSON.parse(stdout)).toEqual(libraryJson(path, { format: 'html' }))
  })

  it('loads the <meta> prescan for a page that has a <meta>, and decodes it by its charset as clean() does', () => {
    // "Le café est fort" in windows-1252, declared by the page's <meta>.
    const path = join(dir, 'meta.html')
    writeFileSync(path, Buffer.from(`<html><head><meta charset="windows-1252"></head><body>${PAGE.slice(PAGE.indexOf('<article>')).replace('</body></html>', '')}<p>Le caf\xe9 est fort ce matin, tr\xe8s fort.</p></body></html>`, 'latin1'))
    const { stdout, packages } = run([path, '--to', 'json'])
    expect(packages).toContain('html-encoding-sniffer')
    const out = JSON.parse(stdout)
    expect(out.encoding).toEqual({ name: 'windows-1252', source: 'meta' })
    expect(out).toEqual(libraryJson(path, { format: 'html' }))
  })

  it('loads Readability and linkedom with --extract, and extracts as clean() does', () => {
    const path = file('article.html', PAGE)
    const { stdout, packages } = run([path, '--extract', '--to', 'json'])
    for (const name of [...HTML, ...EXTRACT]) expect(packages).toContain(name)
    expect(JSON.parse(stdout)).toEqual(libraryJson(path, { format: 'html', extract: true }))
  })

  it('loads the detector and the legacy decoders for a text file that is not UTF-8, and decodes it as clean() does', () => {
    // "Le café est fort ce matin, très fort." in windows-1252, twice.
    const line = Buffer.from('Le caf\xe9 est fort ce matin, tr\xe8s fort.\n\n', 'latin1')
    const path = join(dir, 'cafe.txt')
    writeFileSync(path, Buffer.concat([line, line]))
    const { stdout, packages } = run([path, '--to', 'json'])
    for (const name of ['jschardet', '@exodus/bytes']) expect(packages).toContain(name)
    const out = JSON.parse(stdout)
    expect(out.encoding).toEqual({ name: 'windows-1252', source: 'detected' })
    expect(out).toEqual(libraryJson(path, { format: 'text' }))
  })

  it('loads the Markdown parser for Markdown', () => {
    const path = file('note.md', '# Le chat\n\nLe chat dort sur le tapis depuis ce matin.\n\n- un\n- deux\n')
    const { stdout, packages } = run([path, '--to', 'json'])
    for (const name of MARKDOWN) expect(packages).toContain(name)
    for (const name of EXTRACT) expect(packages).not.toContain(name)
    expect(JSON.parse(stdout)).toEqual(libraryJson(path, { format: 'markdown' }))
  })

  it('cleans JSONL of text records written as JSONL (the pool batches) without loading the parsers', () => {
    const records = [
      { id: 'a', text: 'Le chat dort sur le tapis.\n\nLe chat dort sur le tapis.' },
      { id: 'b', text: 'Der Hund schläft im Garten, seit dem frühen Morgen.' },
    ]
    const path = file('texts.jsonl', records.map((r) => JSON.stringify(r)).join('\n'))
    // --workers 2, so that piscina would be loaded here if one batch started a pool (the default
    // depends on the machine's cores).
    const { stdout, packages } = run([path, '--workers', '2'])
    expect(packages).toContain('fasttext.wasm.js')
    // The first record alone, then one batch (17 records or fewer in all), are cleaned in the CLI's own
    // thread: no thread pool is loaded.
    for (const name of [...HTML, ...MARKDOWN, ...EXTRACT, ...CHARSETS, 'piscina']) expect(packages).not.toContain(name)
    const lines = stdout.trimEnd().split('\n').map((line) => JSON.parse(line))
    expect(lines.map((line) => [line.id, line.text])).toEqual(records.map((r) => [r.id, clean({ text: r.text }).text]))
  })

  it('loads the thread pool for JSONL of more than one batch with --workers 2, and writes what clean() gives', () => {
    const records = Array.from({ length: 40 }, (_, i) => ({ id: `r${i}`, text: `Le chat numéro ${i} dort sur le tapis.\n\nThe cat number ${i} sleeps on the mat.` }))
    const path = file('many.jsonl', records.map((r) => JSON.stringify(r)).join('\n'))
    const { stdout, packages } = run([path, '--workers', '2'])
    expect(packages).toContain('piscina')
    const lines = stdout.trimEnd().split('\n').map((line) => JSON.parse(line))
    expect(lines.map((line) => [line.id, line.text, line.language])).toEqual(records.map((r) => [r.id, ...(({ text, language }) => [text, language])(clean({ text: r.text }))]))
  })

  it("tags paragraphs in every script of franc's trigram tables as clean() does from source (the built tables are the build's encoding)", () => {
    const texts = [
      'Le gouvernement a annoncé mardi une réforme des retraites.\n\n"We will never accept this," said the union leader.',
      'Правительство объявило во вторник о новой реформе.\n\nУряд оголосив про нову реформу у вівторок.',
      'أعلنت الحكومة يوم الثلاثاء عن إصلاح جديد.\n\nدولت روز سه‌شنبه اصلاحات جدیدی را اعلام کرد.',
      'सरकार ने मंगलवार को नए सुधार की घोषणा की।\n\nसरकारने मंगळवारी नवीन सुधारणांची घोषणा केली.',
      'הממשלה הודיעה ביום שלישי על רפורמה חדשה.\n\nהשרים ידונו בהצעה בשבוע הבא בירושלים.',
      'မြန်မာနိုင်ငံ အစိုးရက အင်္ဂါနေ့တွင် ကြေညာခဲ့သည်။\n\nဝန်ကြီးများသည် လာမည့်အပတ်တွင် ဆွေးနွေးမည်။',
      'መንግሥት ማክሰኞ አዲስ ማሻሻያ አስታወቀ።\n\nሚኒስትሮቹ በሚቀጥለው ሳምንት ይወያያሉ።',
    ]
    // Two paragraphs each: a paragraph of an article is scored on its script's trigram tables.
    const path = file('scripts.jsonl', texts.map((text, i) => JSON.stringify({ id: i, text })).join('\n'))
    const { stdout } = run([path, '--to', 'json'])
    expect(JSON.parse(stdout)).toEqual(texts.map((text, i) => ({ id: i, ...clean({ text }) })))
  })

  it('loads the parsers a JSONL record needs when it is cleaned in the CLI process', () => {
    const records = [
      { id: 'a', text: 'Le chat dort sur le tapis.\n\nLe chat dort sur le tapis.' },
      { id: 'b', html: '<p>Der Hund schläft im Garten, seit dem frühen Morgen.</p><p>Der Hund schläft im Garten, seit dem frühen Morgen.</p>' },
    ]
    const path = file('feed.jsonl', records.map((r) => JSON.stringify(r)).join('\n'))
    const { stdout, packages } = run([path, '--to', 'json'])
    for (const name of HTML) expect(packages).toContain(name)
    expect(JSON.parse(stdout)).toEqual([
      { id: 'a', ...clean({ text: records[0]!.text! }) },
      { id: 'b', ...clean({ html: records[1]!.html! }) },
    ])
  })
})
