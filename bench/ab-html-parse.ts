/**
 * CPU of the page parse alone, this tree's code against another copy of `src/` in the same
 * process, in interleaved passes (not part of `npm run bench`):
 *
 *   git archive <commit> src | tar -x -C bench/out/old      # the code to compare against
 *   node --import tsx bench/ab-html-parse.ts [--old bench/out/old/src] [--fn buildHast|parseHtmlTree] [--pages | --mb 2] [--passes 15]
 *
 * `--fn buildHast` (the default) times the tree build (`src/parse/build-hast.ts`: parse5 with
 * the text-run tokenizer and the hast adapter), `--fn parseHtmlTree` the whole page parse
 * (tree, title, paragraph walk). The pages are the 190 real pages of ../shared/datasets with
 * `--pages` (`dataset-pages.ts`), else the bench corpus as pages (`asHtml`, as `bench.ts`).
 * Each pass parses every page once with each code, chunk by chunk, the order alternating; prints
 * each code's CPU per pass (least, median, all passes), the median of the passes' ratios and the
 * machine's load. `bench/html-output-hash.ts --compare` says whether outputs are the same.
 */
import { loadavg } from 'node:os'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { cpuMs, least, median } from './ab-revision.js'
import { asHtml, generateCorpus } from './bench.js'
import { loadPages } from './dataset-pages.js'

const { values } = parseArgs({ options: { old: { type: 'string' }, fn: { type: 'string' }, pages: { type: 'boolean' }, mb: { type: 'string' }, passes: { type: 'string' } }, strict: false })
const oldDir = resolve(String(values.old ?? 'bench/out/old/src'))
const fn = String(values.fn ?? 'buildHast')
if (fn !== 'buildHast' && fn !== 'parseHtmlTree') throw new Error(`--fn is buildHast or parseHtmlTree, not ${fn}`)
const file = fn === 'buildHast' ? 'parse/build-hast.ts' : 'parse/from-html.ts'
type Parse = (page: string) => unknown
const load = async (dir: string): Promise<Parse> => ((await import(pathToFileURL(`${dir}/${file}`).href)) as Record<string, Parse>)[fn]!
const codes: Array<[string, Parse]> = [
  ['old', await load(oldDir)],
  ['new', await load(resolve('src'))],
]
const pages = values.pages === true ? loadPages().map(([, page]) => page) : generateCorpus(Number(values.mb ?? 2) * 1e6).map(asHtml)
const passes = Number(values.passes ?? 15)

// The pages in chunks, each chunk parsed by one code then the other (the order alternating):
// the machine's load changes over seconds, and this way both codes see the same.
const CHUNK = 25
const sums = new Map<string, number[]>(codes.map(([name]) => [name, []]))
for (let i = 0; i < passes; i++) {
  const pass = new Map<string, number>(codes.map(([name]) => [name, 0]))
  for (let at = 0, n = 0; at < pages.length; at += CHUNK, n++) {
    const to = Math.min(pages.length, at + CHUNK)
    for (const [name, parse] of (n + i) % 2 === 0 ? codes : [...codes].reverse()) {
      pass.set(name, pass.get(name)! + cpuMs(() => {
        for (let k = at; k < to; k++) parse(pages[k]!)
      }))
    }
  }
  for (const [name, ms] of pass) sums.get(name)!.push(ms)
}
const [o, n] = [sums.get('old')!, sums.get('new')!]
const ratios = o.map((x, i) => x / n[i]!)
console.log(`${fn} on ${values.pages === true ? 'the real pages' : 'the bench pages'} (${pages.length}); ${passes} passes, the two codes interleaved by chunks of ${CHUNK}; load ${loadavg()[0]!.toFixed(1)}`)
for (const [name, xs] of sums) console.log(`${name}: CPU per pass least ${least(xs).toFixed(1)} ms, median ${median(xs).toFixed(1)} ms [${xs.map((x) => x.toFixed(0)).join(' ')}]`)
console.log(`old/new CPU: median of the passes' ratios ${median(ratios).toFixed(3)}x (least ${least(ratios).toFixed(3)}, most ${Math.max(...ratios).toFixed(3)}); ratio of least passes ${(least(o) / least(n)).toFixed(3)}x`)
