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
import { comparePasses, interleavedPasses, type Code } from './ab-revision.js'
import { asHtml, generateCorpus } from './bench.js'
import { loadPages } from './dataset-pages.js'

const { values } = parseArgs({ options: { old: { type: 'string' }, fn: { type: 'string' }, pages: { type: 'boolean' }, mb: { type: 'string' }, passes: { type: 'string' } }, strict: false })
const oldDir = resolve(String(values.old ?? 'bench/out/old/src'))
const fn = String(values.fn ?? 'buildHast')
if (fn !== 'buildHast' && fn !== 'parseHtmlTree') throw new Error(`--fn is buildHast or parseHtmlTree, not ${fn}`)
const file = fn === 'buildHast' ? 'parse/build-hast.ts' : 'parse/from-html.ts'
type Parse = (page: string) => unknown
const load = async (dir: string): Promise<Parse> => ((await import(pathToFileURL(`${dir}/${file}`).href)) as Record<string, Parse>)[fn]!
const [oldParse, newParse] = [await load(oldDir), await load(resolve('src'))]
const pages = values.pages === true ? loadPages().map(([, page]) => page) : generateCorpus(Number(values.mb ?? 2) * 1e6).map(asHtml)
const codes: Code[] = [
  ['old', (i) => oldParse(pages[i]!)],
  ['new', (i) => newParse(pages[i]!)],
]
const passes = Number(values.passes ?? 15)

const CHUNK = 25
const sums = interleavedPasses([codes[0]!, codes[1]!], pages.length, passes, CHUNK)
console.log(`${fn} on ${values.pages === true ? 'the real pages' : 'the bench pages'} (${pages.length}); ${passes} passes, the two codes interleaved by chunks of ${CHUNK}; load ${loadavg()[0]!.toFixed(1)}`)
for (const line of comparePasses(sums, true)) console.log(line)
