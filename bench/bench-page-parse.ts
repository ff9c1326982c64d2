/**
 * What the HTML path's own parse costs beside the text path's (not part of `npm run bench`): on
 * the bench corpus's first `--mb` MB (`bench.ts`: its articles, and the same articles as pages),
 * the text parser (`parseDocument(…, 'text')`) against the page parse (`parseHtmlTree`: parse5's
 * tree through our adapter, the title, the paragraph walk) and `buildHast` alone, and the page
 * parse of pages of one word (what a page costs before its paragraphs: doctype, head, title, the
 * parser's reset, the walk's set-up).
 *
 *   node --import tsx bench/bench-page-parse.ts [--mb 1] [--passes 40]
 *
 * All in one process, one after the other in each pass; each figure is the least wall time of the
 * passes after the first quarter (warm, and the pass the machine's other jobs disturbed least), in
 * ms per pass, and per MB of input.
 */
import { parseArgs } from 'node:util'
import { allParsers } from '../src/parse/all-parsers.js'
import { buildHast } from '../src/parse/build-hast.js'
import { parseHtmlTree } from '../src/parse/from-html.js'
import { parseDocument } from '../src/parse/parse-document.js'
import { asHtml, generateCorpus } from './bench.js'

const { values } = parseArgs({ options: { mb: { type: 'string' }, passes: { type: 'string' } }, strict: false })
const mb = Number(values.mb ?? 1)
const passes = Number(values.passes ?? 40)

const articles: string[] = []
for (let k = 0, corpus = generateCorpus(), taken = 0; k < corpus.length && taken < mb * 1e6; k++) {
  articles.push(corpus[k]!)
  taken += Buffer.byteLength(corpus[k]!)
}
const pages = articles.map(asHtml)
const oneWord = articles.map((_, k) => asHtml(`word${k}`))
const bytes = (list: readonly string[]): number => list.reduce((n, s) => n + Buffer.byteLength(s), 0)

const runs: Array<{ name: string; input: readonly string[]; run: (s: string) => unknown }> = [
  { name: 'text parser, articles', input: articles, run: (a) => parseDocument(allParsers, a, 'text') },
  { name: 'page parse (parseHtmlTree), pages', input: pages, run: (p) => parseHtmlTree(p) },
  { name: 'buildHast alone, pages', input: pages, run: (p) => buildHast(p) },
  { name: 'page parse, pages of one word', input: oneWord, run: (p) => parseHtmlTree(p) },
]
const least = runs.map(() => Infinity)
for (let pass = 0; pass < passes; pass++) {
  runs.forEach(({ input, run }, k) => {
    const start = process.hrtime.bigint()
    for (const s of input) run(s)
    const ms = Number(process.hrtime.bigint() - start) / 1e6
    if (pass >= passes / 4) least[k] = Math.min(least[k]!, ms)
  })
}
console.log(`${articles.length} articles, ${(bytes(articles) / 1e6).toFixed(2)} MB of text, ${(bytes(pages) / 1e6).toFixed(2)} MB as pages; least of passes ${Math.ceil(passes / 4) + 1}–${passes}`)
runs.forEach(({ name, input }, k) => {
  const rate = k === runs.length - 1 ? `${((least[k]! * 1000) / input.length).toFixed(1)} µs a page` : `${((least[k]! / bytes(input)) * 1e6).toFixed(2)} ms per MB`
  console.log(`  ${name.padEnd(36)} ${least[k]!.toFixed(2).padStart(7)} ms a pass, ${rate}`)
})
