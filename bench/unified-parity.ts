/**
 * `npm run parity`: the guard of the one-pipeline refactor. On real pages, the report the
 * unified plugins put on `file.data.newsDedup` must equal `clean()`'s on the same source, and
 * the trees they write must not change from one version to the next.
 *
 * Pages (read from ../shared/datasets, not shipped): readability-news-pages, newspaper4k
 * test pages and trafilatura eval pages, each as HTML (rehype vs `clean({ html })`) and, from
 * their expected paragraphs, as Markdown (remark vs `clean({ markdown })`). Real pages hold
 * few repeats, so each is also run with repeats injected by us (its first paragraphs copied to
 * the end, one sentence copied into a later paragraph): without them the verdict paths would
 * go untested.
 *
 * Prints the number of pages that agree and a SHA-256 digest of every report and every
 * output tree; `--check FILE` compares the digest with one saved by `--save FILE` (run before
 * a change, check after: byte-identical output or a non-zero exit).
 *
 *   node --import tsx bench/unified-parity.ts [--save FILE | --check FILE]
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import rehypeParse from 'rehype-parse'
import rehypeStringify from 'rehype-stringify'
import remarkParse from 'remark-parse'
import remarkStringify from 'remark-stringify'
import { unified } from 'unified'
import { clean } from '../src/clean.js'
import type { CleanResult } from '../src/types.js'
import { rehypeNewsDedup, remarkNewsDedup, type NewsDedupReport } from '../src/unified.js'
import { loadLanguageModel } from '../src/language/fasttext-model.js'

// clean() and the plugins' processSync need the language model loaded first.
await loadLanguageModel()

const here = dirname(fileURLToPath(import.meta.url))
const datasets = join(here, '..', '..', 'shared', 'datasets')
const SETS = [
  'readability-news-pages/readability_news_pages.jsonl',
  'newspaper4k-testpages/newspaper4k_testpages.jsonl',
  'trafilatura-eval-pages/trafilatura_eval_pages.jsonl',
]

interface Page {
  id: string
  html: string
  paragraphs: string[]
}

function loadPages(): Page[] {
  const pages: Page[] = []
  for (const set of SETS) {
    const path = join(datasets, set)
    if (!existsSync(path)) continue
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      if (line.trim() === '') continue
      const row = JSON.parse(line) as { id: string; html?: string; paragraphs?: string[]; expected_with?: string[] }
      if (typeof row.html !== 'string') continue
      pages.push({ id: row.id, html: row.html, paragraphs: row.paragraphs ?? row.expected_with ?? [] })
    }
  }
  return pages
}

/** Our injected repeats: the first two paragraphs again at the end, and a first sentence inside a later paragraph. */
function withRepeats(paragraphs: readonly string[]): string[] {
  const out = [...paragraphs]
  if (out.length >= 3) {
    const sentence = out[0]!.split(/(?<=[.!?。])\s*/)[0]!
    out[2] = `${out[2]} ${sentence}`
  }
  out.push(...paragraphs.slice(0, 2))
  return out
}

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

function injectHtml(page: Page): string {
  const extra = withRepeats(page.paragraphs).slice(page.paragraphs.length)
  const tail = extra.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')
  return page.html.includes('</body>') ? page.html.replace('</body>', `${tail}\n</body>`) : `${page.html}\n${tail}`
}

/** The report fields the plugins share with `clean()`. */
function fromClean(result: CleanResult): NewsDedupReport {
  return {
    language: result.language,
    confidence: result.confidence,
    paragraphs: result.paragraphs.map((p) => ({
      index: p.index,
      text: p.text,
      language: p.language,
      confidence: p.confidence,
      duplicate: p.duplicate,
      repeatedSentences: p.repeatedSentences,
    })),
    passages: result.passages,
  }
}

function comparable(report: NewsDedupReport): string {
  return JSON.stringify(fromClean(report as unknown as CleanResult))
}

const digest = createHash('sha256')
let compared = 0
let agreed = 0
const disagreements: string[] = []

function check(id: string, report: NewsDedupReport, expected: CleanResult, output: string, messages: string[]): void {
  compared++
  const same = comparable(report) === JSON.stringify(fromClean(expected))
  if (same) agreed++
  else disagreements.push(id)
  digest.update(`${id}\n${comparable(report)}\n${output}\n${messages.join('\n')}\n`)
}

const pages = loadPages()
let withFlags = 0
for (const page of pages) {
  for (const [variant, html] of [
    ['html', page.html],
    ['html+repeats', injectHtml(page)],
  ] as const) {
    for (const mode of ['remove', 'mark'] as const) {
      const file = unified().use(rehypeParse).use(rehypeNewsDedup, { mode }).use(rehypeStringify).processSync(html)
      const expected = clean({ html })
      if (expected.paragraphs.some((p) => p.duplicate !== null || p.repeatedSentences.length > 0)) withFlags++
      check(`${page.id} ${variant} ${mode}`, file.data.newsDedup!, expected, String(file), file.messages.map(String))
    }
  }
  if (page.paragraphs.length === 0) continue
  for (const [variant, paragraphs] of [
    ['markdown', page.paragraphs],
    ['markdown+repeats', withRepeats(page.paragraphs)],
  ] as const) {
    const markdown = paragraphs.join('\n\n')
    for (const mode of ['remove', 'mark'] as const) {
      const file = unified().use(remarkParse).use(remarkNewsDedup, { mode }).use(remarkStringify).processSync(markdown)
      const expected = clean({ markdown })
      if (expected.paragraphs.some((p) => p.duplicate !== null || p.repeatedSentences.length > 0)) withFlags++
      check(`${page.id} ${variant} ${mode}`, file.data.newsDedup!, expected, String(file), file.messages.map(String))
    }
  }
}

const sum = digest.digest('hex')
console.log(`${pages.length} pages, ${compared} plugin runs (${withFlags} with a repeat flagged): ${agreed} reports equal clean()'s`)
for (const id of disagreements.slice(0, 20)) console.log(`  differs: ${id}`)
console.log(`digest ${sum}`)

const save = process.argv.indexOf('--save')
const against = process.argv.indexOf('--check')
if (save > 0) writeFileSync(process.argv[save + 1]!, `${sum}\n`)
if (against > 0) {
  const before = readFileSync(process.argv[against + 1]!, 'utf8').trim()
  console.log(before === sum ? 'byte-identical to the saved digest' : `CHANGED: saved digest ${before}`)
  if (before !== sum) process.exitCode = 1
}
if (agreed !== compared) process.exitCode = 1
