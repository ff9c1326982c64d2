/**
 * `npm run eval` (extraction): how well `clean(page, { extract: true })` takes the article out of
 * real pages, against Mozilla Readability on its own and the whole page.
 *
 * - trafilatura-eval-pages (133 pages, de/en/es/fr/pl/…): each page's `expected_with` snippets
 *   must be in the output ("must-have kept"), its `expected_without` snippets must not ("must-not
 *   dropped"). A snippet is in the output when it occurs, white space folded, in the text of the
 *   paragraphs (one per line).
 * - newspaper4k-testpages (the 20 pages with HTML): share of the expected article paragraphs
 *   that occur in the output.
 * - ms per page: median over the pages of the extraction step alone (Readability on linkedom,
 *   matching and rules) and of `clean()` with and without `extract: true`, in CPU time of this
 *   process (median of three runs per page, after a first pass over every page).
 *
 * Rules were tuned on the dev half (even positions in each file) and are reported on the test
 * half (odd positions) too. Writes bench/results/extract.md.
 *
 *   node --import tsx bench/eval-extract.ts
 *   node --import tsx bench/eval-extract.ts --failures dev   # what `extract: true` misses and keeps on the dev half; writes nothing
 *   node --import tsx bench/eval-extract.ts --scores-only    # the table of scores only; writes nothing
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'
import { clean } from '../src/clean.js'
import { loadLanguageModel } from '../src/language/fasttext-model.js'
import { extractArticle, readArticle } from '../src/parse/extract-article.js'
import { parseHtmlTree } from '../src/parse/from-html.js'

const here = dirname(fileURLToPath(import.meta.url))
const datasets = join(here, '..', '..', 'shared', 'datasets')

interface Page {
  id: string
  html: string
  must: string[]
  mustNot: string[]
  paragraphs: string[]
  half: 'dev' | 'test'
}

function readJsonl(path: string): Record<string, unknown>[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>)
}

interface Pages {
  trafilatura: Page[]
  newspaper: Page[]
  /** Mozilla Readability's own news test pages: never looked at while writing the rules. */
  readability: Page[]
}

function loadPages(): Pages {
  const trafilatura = readJsonl(join(datasets, 'trafilatura-eval-pages', 'trafilatura_eval_pages.jsonl')).map((row, k) => ({
    id: String(row.id),
    html: String(row.html),
    must: (row.expected_with as string[]) ?? [],
    mustNot: (row.expected_without as string[]) ?? [],
    paragraphs: [],
    half: k % 2 === 0 ? ('dev' as const) : ('test' as const),
  }))
  const newspaper = readJsonl(join(datasets, 'newspaper4k-testpages', 'newspaper4k_testpages.jsonl'))
    .filter((row) => typeof row.html === 'string')
    .map((row, k) => ({
      id: String(row.id),
      html: String(row.html),
      must: [],
      mustNot: [],
      paragraphs: row.paragraphs as string[],
      half: k % 2 === 0 ? ('dev' as const) : ('test' as const),
    }))
  const readability = readJsonl(join(datasets, 'readability-news-pages', 'readability_news_pages.jsonl')).map((row) => ({
    id: String(row.id),
    html: String(row.html),
    must: [],
    mustNot: [],
    paragraphs: (row.paragraphs as string[]) ?? [],
    half: 'test' as const,
  }))
  return { trafilatura, newspaper, readability }
}

const fold = (text: string): string => text.normalize('NFC').replace(/\s+/g, ' ').trim()

type Method = 'whole page' | 'Readability alone' | 'extract: true'

function outputOf(page: Page, method: Method): string {
  switch (method) {
    case 'whole page':
      return fold(clean({ html: page.html }).paragraphs.map((p) => p.text).join('\n'))
    case 'Readability alone':
      return fold((readArticle(page.html)?.blocks ?? []).map((b) => b.text).join('\n'))
    case 'extract: true':
      return fold(clean({ html: page.html }, { extract: true }).paragraphs.map((p) => p.text).join('\n'))
  }
}

interface Score {
  must: [number, number]
  mustNot: [number, number]
  paragraphs: [number, number]
}

function score(pages: Pages, method: Method, half: 'dev' | 'test' | 'all'): Score {
  const s: Score = { must: [0, 0], mustNot: [0, 0], paragraphs: [0, 0] }
  for (const page of pages.trafilatura) {
    if (half !== 'all' && page.half !== half) continue
    const out = outputOf(page, method)
    for (const snippet of page.must) {
      s.must[1]++
      if (out.includes(fold(snippet))) s.must[0]++
    }
    for (const snippet of page.mustNot) {
      s.mustNot[1]++
      if (!out.includes(fold(snippet))) s.mustNot[0]++
    }
  }
  for (const page of pages.newspaper) {
    if (half !== 'all' && page.half !== half) continue
    const out = outputOf(page, method)
    for (const paragraph of page.paragraphs) {
      s.paragraphs[1]++
      if (out.includes(fold(paragraph))) s.paragraphs[0]++
    }
  }
  return s
}

function paragraphsKept(pages: readonly Page[], method: Method): [number, number] {
  const kept: [number, number] = [0, 0]
  for (const page of pages) {
    const out = outputOf(page, method)
    for (const paragraph of page.paragraphs) {
      kept[1]++
      if (out.includes(fold(paragraph))) kept[0]++
    }
  }
  return kept
}

const pct = ([hit, all]: [number, number]): string => (all === 0 ? '–' : `${((100 * hit) / all).toFixed(1)} % (${hit}/${all})`)

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? 0
}

/** Prints, per page of one half, the must-have snippets and paragraphs `extract: true` loses and the must-not snippets it keeps. */
function printFailures(pages: Pages, half: 'dev' | 'test'): void {
  for (const page of [...pages.trafilatura, ...pages.newspaper]) {
    if (page.half !== half) continue
    const out = outputOf(page, 'extract: true')
    const missed = [...page.must, ...page.paragraphs].filter((s) => !out.includes(fold(s)))
    const kept = page.mustNot.filter((s) => out.includes(fold(s)))
    if (missed.length === 0 && kept.length === 0) continue
    console.log(`## ${page.id}`)
    for (const s of missed) console.log(`  missed: ${fold(s).slice(0, 160)}`)
    for (const s of kept) console.log(`  kept:   ${fold(s).slice(0, 160)}`)
  }
}

async function main(): Promise<void> {
  await loadLanguageModel()
  const pages = loadPages()
  const { values } = parseArgs({ options: { failures: { type: 'string' }, 'scores-only': { type: 'boolean' } } })
  if (values.failures === 'dev' || values.failures === 'test') {
    printFailures(pages, values.failures)
    return
  }
  const out: string[] = []
  const log = (line = ''): void => {
    out.push(line)
    console.log(line)
  }
  log('# Article extraction: trafilatura snippets, newspaper4k paragraphs')
  log()
  log(`Pages: ${pages.trafilatura.length} trafilatura-eval-pages, ${pages.newspaper.length} newspaper4k-testpages with HTML. Dev: even positions, test: odd positions.`)
  log()
  log('| method | half | must-have kept | must-not dropped | newspaper4k paragraphs kept |')
  log('|---|---|---|---|---|')
  for (const method of ['whole page', 'Readability alone', 'extract: true'] as const) {
    for (const half of ['dev', 'test', 'all'] as const) {
      const s = score(pages, method, half)
      log(`| ${method} | ${half} | ${pct(s.must)} | ${pct(s.mustNot)} | ${pct(s.paragraphs)} |`)
    }
  }
  log()
  log(`Held out entirely (not used to write the rules): the ${pages.readability.length} news pages of Mozilla Readability's own tests (en, zh, fr, ja, cs, de, es, pt); their expected paragraphs are Readability's reviewed output, so they say whether the rules drop paragraphs of real articles.`)
  log()
  log('| method | Readability test pages: paragraphs kept |')
  log('|---|---|')
  for (const method of ['whole page', 'Readability alone', 'extract: true'] as const) {
    log(`| ${method} | ${pct(paragraphsKept(pages.readability, method))} |`)
  }
  log()
  if (values['scores-only'] === true) return

  // Fallbacks taken, and time per page (a warm-up pass first; the median of three timings per page).
  const all = [...pages.trafilatura, ...pages.newspaper]
  const fallbacks = new Map<string, string[]>()
  for (const page of all) {
    for (const warning of clean({ html: page.html }, { extract: true }).warnings ?? []) {
      fallbacks.set(warning.code, [...(fallbacks.get(warning.code) ?? []), page.id])
    }
  }
  const cleanMs: number[] = []
  const extractMs: number[] = []
  const plainMs: number[] = []
  const readabilityMs: number[] = []
  for (const page of all) {
    const { page: parsed, tree } = parseHtmlTree(page.html)
    // CPU time of this process (user + system), not wall time: the machine is shared, and a
    // wall clock counts the time other processes held the core.
    const time = (run: () => unknown): number => {
      const runs: number[] = []
      for (let k = 0; k < 3; k++) {
        const t0 = process.cpuUsage()
        run()
        const used = process.cpuUsage(t0)
        runs.push((used.user + used.system) / 1000)
      }
      return median(runs)
    }
    extractMs.push(time(() => extractArticle(parsed.blocks, parsed.title, tree)))
    readabilityMs.push(time(() => readArticle(page.html)))
    cleanMs.push(time(() => clean({ html: page.html }, { extract: true })))
    plainMs.push(time(() => clean({ html: page.html })))
  }
  log('| per page (median, CPU time) | ms |')
  log('|---|---|')
  log(`| extraction step (DOM from the parsed page, Readability, matching, rules) | ${median(extractMs).toFixed(1)} |`)
  log(`| Readability on linkedom alone, from the page's markup (reference) | ${median(readabilityMs).toFixed(1)} |`)
  log(`| clean() with extract: true | ${median(cleanMs).toFixed(1)} |`)
  log(`| clean() without extraction (baseline, same run) | ${median(plainMs).toFixed(1)} |`)
  log()
  log(`Warnings: ${[...fallbacks].map(([code, ids]) => `${code} on ${ids.length} page(s) (${ids.join(', ')})`).join('; ') || 'none'}.`)
  mkdirSync(join(here, 'results'), { recursive: true })
  writeFileSync(join(here, 'results', 'extract.md'), `${out.join('\n')}\n`)
}

await main()
