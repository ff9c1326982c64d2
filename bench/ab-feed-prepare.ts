/**
 * The feed's per-article preparation (`prepareArticle`: fingerprints, shingles, content id) of
 * this tree against another revision's, in one process: the same `clean()` results of the
 * `--workers` bench feed (`workersCorpus`, edited copies injected), passes of the two in turn
 * (which goes first alternating), CPU time per article (`process.cpuUsage`), after a check that
 * both prepare every article alike (ids stripped from a third of the records, so content ids are
 * computed too). With `--whole`, each pass is instead a whole in-memory deduplicator of either
 * revision (`clean()`, preparing, judging, the result) over the feed. Not part of `npm run bench`.
 *
 *   node --import tsx bench/ab-feed-prepare.ts --vs b9c559d [--mb 1] [--passes 9] [--whole]
 *
 * The other revision's `src/` is extracted with `git archive` into a temporary directory
 * (`ab-revision.ts`), with a link to this tree's `node_modules`.
 */
import { loadavg } from 'node:os'
import { isDeepStrictEqual, parseArgs } from 'node:util'
import { clean } from '../src/clean.js'
import { createDeduplicator } from '../src/feed/create-deduplicator.js'
import { prepareArticle } from '../src/feed/prepare-article.js'
import type { Article } from '../src/feed/types.js'
import { loadLanguageModel } from '../src/language/fasttext-model.js'
import { defaultOptions } from '../src/options.js'
import { extractRevision, median } from './ab-revision.js'
import { workersCorpus } from './workers-corpus.js'

const { values } = parseArgs({ options: { vs: { type: 'string' }, mb: { type: 'string' }, passes: { type: 'string' }, whole: { type: 'boolean' } } })
if (values.vs === undefined) throw new Error('--vs REV is required (the revision to compare with)')
const revision = extractRevision(values.vs)
try {
  const load = revision.load
  const other = {
    prepareArticle: (await load<{ prepareArticle: typeof prepareArticle }>('feed/prepare-article.ts')).prepareArticle,
    createDeduplicator: (await load<{ createDeduplicator: typeof createDeduplicator }>('feed/create-deduplicator.ts')).createDeduplicator,
  }
  await loadLanguageModel()
  await (await load<{ loadLanguageModel: typeof loadLanguageModel }>('language/fasttext-model.ts')).loadLanguageModel()
  const articles = workersCorpus(Number(values.mb ?? 1), true).map((line, i) => {
    const article = JSON.parse(line) as Article
    if (i % 3 === 0) delete article.id
    return article
  })
  const cleaned = articles.map((article) => clean(article.text as string))
  const minLength = defaultOptions.detect.minLength
  for (let i = 0; i < articles.length; i++) {
    if (!isDeepStrictEqual(other.prepareArticle(articles[i]!, cleaned[i]!, 0, 3, minLength), prepareArticle(articles[i]!, cleaned[i]!, 0, 3, minLength))) throw new Error(`article ${i}: the two revisions differ`)
  }
  const passes = Number(values.passes ?? 9)
  const ROUNDS = 5
  const pass = async (mine: boolean): Promise<number> => {
    const start = process.cpuUsage()
    if (values.whole === true) {
      const dedup = (mine ? createDeduplicator : other.createDeduplicator)({})
      for (const article of articles) await dedup.add(article)
      await dedup.close()
    } else {
      const prepare = mine ? prepareArticle : other.prepareArticle
      for (let r = 0; r < ROUNDS; r++) for (let i = 0; i < articles.length; i++) prepare(articles[i]!, cleaned[i]!, 0, 3, minLength)
    }
    const used = process.cpuUsage(start)
    return (used.user + used.system) / 1000 / (values.whole === true ? articles.length : ROUNDS * articles.length)
  }
  const times = { mine: [] as number[], other: [] as number[] }
  const loadBefore = loadavg()[0]!
  // One pass of each to warm up, not counted.
  for (let k = 0; k <= passes; k++) {
    for (const mine of k % 2 === 0 ? [false, true] : [true, false]) {
      const t = await pass(mine)
      if (k > 0) (mine ? times.mine : times.other).push(t)
    }
  }
  const a = median(times.other)
  const b = median(times.mine)
  const ratios = times.other.map((t, i) => t / times.mine[i]!).sort((x, y) => x - y)
  console.log(`${values.whole === true ? 'whole deduplicator' : 'prepareArticle'}, ${articles.length} articles, median of ${passes} passes: ${values.vs} ${a.toFixed(3)} ms CPU/article, this tree ${b.toFixed(3)} ms: ${(a / b).toFixed(3)}× (pass by pass ${ratios[0]!.toFixed(2)}–${ratios[ratios.length - 1]!.toFixed(2)}×, median ${median(ratios).toFixed(3)}×; load ${loadBefore.toFixed(1)} → ${loadavg()[0]!.toFixed(1)})`)
} finally {
  revision.dispose()
}
