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
 *   node --import tsx bench/eval-extract.ts --failures readability   # the paragraphs of Readability's test pages it loses
 *   node --import tsx bench/eval-extract.ts --scores-only    # the table of scores only; writes nothing
 */
import { dirname, join } from 'node:path'
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'
import { clean } from '../src/clean.js'
import { loadLanguageModel } from '../src/language/fasttext-model.js'
import { extractArticle, readArticle } from '../src/parse/extract-article.js'
import { parseHtmlTree } from '../src/parse/from-html.js'
import { fold, loadPages, median, paragraphsKept as keptOf, pct, score as scoreOf, type Page, type Pages, type Score } from './extract-pages.js'
import { writeResult } from './write-result.js'

const here = dirname(fileURLToPath(import.meta.url))

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

function score(pages: Pages, method: Method, half: 'dev' | 'test' | 'all'): Score {
  return scoreOf(pages, (page) => outputOf(page, method), half)
}

function paragraphsKept(pages: readonly Page[], method: Method): [number, number] {
  return keptOf(pages, (page) => outputOf(page, method))
}

/**
 * Prints, per page of one half, the must-have snippets and paragraphs `extract: true` loses and
 * the must-not snippets it keeps; with `readability`, the paragraphs of Readability's own test
 * pages it loses (each marked with whether Readability alone keeps it).
 */
function printFailures(pages: Pages, half: 'dev' | 'test' | 'readability'): void {
  if (half === 'readability') {
    for (const page of pages.readability) {
      const out = outputOf(page, 'extract: true')
      const alone = outputOf(page, 'Readability alone')
      const missed = page.paragraphs.filter((s) => !out.includes(fold(s)))
      if (missed.length === 0) continue
      console.log(`## ${page.id}`)
      for (const s of missed) console.log(`  missed${alone.includes(fold(s)) ? '' : ' (Readability alone too)'}: ${fold(s).slice(0, 160)}`)
    }
    return
  }
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
  if (values.failures === 'dev' || values.failures === 'test' || values.failures === 'readability') {
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
  log(`Pages: ${pages.trafilatura.length} trafilatura-eval-pages, ${pages.newspaper.length} newspaper4k-testpages with HTML. Dev: even positions, test: odd positions. Snippets and outputs are compared with white space folded and invisible format characters (soft hyphen, zero-width space, word joiner, BOM) left out.`)
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
  writeResult(join(here, 'results', 'extract.md'), `${out.join('\n')}\n`)
}

await main()
