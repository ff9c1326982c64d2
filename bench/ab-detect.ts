/**
 * Repeat detection (`findDuplicates`) of this tree against another revision's, in one process:
 * the same paragraphs of the bench corpus, passes of the two in turn (which goes first
 * alternating), CPU time per pass (`process.cpuUsage`), after a check that both give the same
 * verdicts on every article. Not part of `npm run bench`.
 *
 *   node --import tsx bench/ab-detect.ts --vs 41577ff [--mb 3] [--passes 15]
 *
 * The other revision's `src/` is extracted with `git archive` into a temporary directory
 * (`ab-revision.ts`).
 */
import { loadavg } from 'node:os'
import { isDeepStrictEqual, parseArgs } from 'node:util'
import { findDuplicates } from '../src/detect/find-duplicates.js'
import { defaultOptions } from '../src/options.js'
import { parseText } from '../src/parse/from-text.js'
import { cpuMs, extractRevision, least, median } from './ab-revision.js'
import { generateCorpus } from './bench.js'

const { values } = parseArgs({ options: { vs: { type: 'string' }, mb: { type: 'string' }, passes: { type: 'string' } } })
if (values.vs === undefined) throw new Error('--vs REV is required (the revision to compare with)')
const revision = extractRevision(values.vs)
try {
  const other = await revision.load<{ findDuplicates: typeof findDuplicates }>('detect/find-duplicates.ts')
  const mb = Number(values.mb ?? 3)
  const passes = Number(values.passes ?? 15)
  const articles = generateCorpus(mb * 1e6).map((article) => parseText(article))
  const texts = articles.map((blocks) => blocks.map((b) => b.text))
  const headings = articles.map((blocks) => blocks.map((b) => b.heading === true))
  const options = defaultOptions.detect
  for (let i = 0; i < texts.length; i++) {
    if (!isDeepStrictEqual(other.findDuplicates(texts[i]!, options, headings[i]!), findDuplicates(texts[i]!, options, headings[i]!))) throw new Error(`article ${i}: the two revisions differ`)
  }
  const pass = (find: typeof findDuplicates): number =>
    cpuMs(() => {
      for (let i = 0; i < texts.length; i++) find(texts[i]!, options, headings[i]!)
    })
  for (let w = 0; w < 2; w++) {
    pass(other.findDuplicates)
    pass(findDuplicates)
  }
  const before: number[] = []
  const after: number[] = []
  for (let p = 0; p < passes; p++) {
    if (p % 2 === 0) before.push(pass(other.findDuplicates))
    after.push(pass(findDuplicates))
    if (p % 2 === 1) before.push(pass(other.findDuplicates))
  }
  const ratios = before.map((b, p) => b / after[p]!)
  console.log(`${texts.length} articles (${mb} MB), ${passes} passes each, load ${loadavg()[0]!.toFixed(1)}`)
  console.log(`${values.vs}: least ${least(before).toFixed(0)} ms, median ${median(before).toFixed(0)} ms; this tree: least ${least(after).toFixed(0)} ms, median ${median(after).toFixed(0)} ms`)
  console.log(`${values.vs} / this tree: ${(least(before) / least(after)).toFixed(2)}× (least), ${median(ratios).toFixed(2)}× (median of the passes' ratios, ${least(ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`)
} finally {
  revision.dispose()
}
