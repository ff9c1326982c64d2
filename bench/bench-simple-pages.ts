/**
 * The simple pages' reader (`src/parse/simple-page.ts`) against parse5 alone, on three sets (not
 * part of `npm run bench`; writes `bench/results/simple-pages.md`):
 *
 *   node --import tsx bench/bench-simple-pages.ts [--passes 15]
 *
 * - the bench's pages (2 MB of the corpus, `asHtml` as `bench.ts` makes them);
 * - real article bodies: the article HTML Readability extracted from each of its 37 news test pages
 *   (`expected_html` of ../shared/datasets/readability-news-pages), the HTML a content pipeline holds;
 * - the 190 real whole pages of the datasets (`dataset-pages.ts`).
 * For each: how many pages the reader takes, whether every tree is parse5's (JSON, positions
 * included: `buildHastBy(page, true)` against `buildHastBy(page, false)`), and the CPU of
 * `buildHast` per pass with the reader and with parse5 alone, in one process, the two interleaved
 * page by page in alternating order (least and median of `--passes`, the first 3 left out as warm-up).
 */
import { readFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { buildHastBy } from '../src/parse/build-hast.js'
import { quantile } from './ab-revision.js'
import { asHtml, generateCorpus } from './bench.js'
import { loadPages } from './dataset-pages.js'
import { writeResult } from './write-result.js'

const { values } = parseArgs({ options: { passes: { type: 'string' } }, strict: false })
const PASSES = Number(values.passes ?? 15)
const WARM_UP = 3
const here = dirname(fileURLToPath(import.meta.url))

function articleBodies(): string[] {
  const file = join(here, '..', '..', 'shared', 'datasets', 'readability-news-pages', 'readability_news_pages.jsonl')
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { expected_html: string }).expected_html)
}

interface Row {
  name: string
  pages: number
  taken: number
  same: number
  bytes: number
  withReader: number[]
  parse5Only: number[]
}

function measure(name: string, pages: readonly string[]): Row {
  let taken = 0
  let same = 0
  for (const page of pages) {
    const simple = buildHastBy(page, true)
    const parse5 = buildHastBy(page, false)
    if (simple.reader === 'simple') taken++
    if (JSON.stringify(simple.tree) === JSON.stringify(parse5.tree) && simple.depth === parse5.depth) same++
  }
  const withReader: number[] = []
  const parse5Only: number[] = []
  for (let pass = 0; pass < PASSES; pass++) {
    let a = 0
    let b = 0
    pages.forEach((page, k) => {
      // Alternating which goes first, page by page, so neither always runs on the other's warm caches.
      const first = (k + pass) % 2 === 0
      for (const simple of first ? [true, false] : [false, true]) {
        const start = process.cpuUsage()
        buildHastBy(page, simple)
        const used = process.cpuUsage(start)
        if (simple) a += used.user + used.system
        else b += used.user + used.system
      }
    })
    withReader.push(a / 1000)
    parse5Only.push(b / 1000)
  }
  const bytes = pages.reduce((n, page) => n + Buffer.byteLength(page), 0)
  return { name, pages: pages.length, taken, same, bytes, withReader: withReader.slice(WARM_UP), parse5Only: parse5Only.slice(WARM_UP) }
}

const rows = [
  measure("the bench's pages (2 MB of the corpus as `asHtml` pages)", generateCorpus(2e6).map(asHtml)),
  measure('real article bodies (Readability’s extracted HTML of its 37 news test pages)', articleBodies()),
  measure('the 190 real whole pages of the datasets', loadPages().map(([, html]) => html)),
]

const ms = (xs: readonly number[]): string => `${Math.min(...xs).toFixed(1)} / ${quantile(xs, 0.5).toFixed(1)}`
const lines = [
  '# The simple pages’ reader against parse5 alone',
  '',
  `\`node --import tsx bench/bench-simple-pages.ts --passes ${PASSES}\`, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, Node ${process.version}, load average ${loadavg()[0]!.toFixed(1)}. CPU of \`buildHast\` per pass over each set, the two ways interleaved page by page in one process (least / median of passes ${WARM_UP + 1}–${PASSES}); "same trees": JSON of the tree, positions included, equal to parse5's.`,
  '',
  '| set | pages | taken by the reader | same trees | MB | with the reader, ms | parse5 alone, ms | parse5 alone / with the reader (medians) |',
  '|---|---|---|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.name} | ${r.pages} | ${r.taken} | ${r.same} | ${(r.bytes / 1e6).toFixed(2)} | ${ms(r.withReader)} | ${ms(r.parse5Only)} | ${(quantile(r.parse5Only, 0.5) / quantile(r.withReader, 0.5)).toFixed(2)}× |`),
  '',
]
console.log(lines.join('\n'))
writeResult(join(here, 'results', 'simple-pages.md'), lines.join('\n'))
