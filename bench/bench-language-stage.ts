/**
 * CPU of the language stage of `clean()` (`tagArticleLanguages` on each article's paragraphs),
 * this tree's code against another copy of `src/` in the same process, in interleaved passes
 * (not part of `npm run bench`):
 *
 *   git archive <commit> src | tar -x -C bench/out/old      # the code to compare against
 *   node --import tsx bench/bench-language-stage.ts [--old bench/out/old/src] [--mb 2] [--passes 9]
 *
 * The paragraphs are what `clean()` hands the stage on the bench corpus (`bench.ts`: real news
 * paragraphs in 21 languages, with injected repeats). Each pass tags every article once; the two
 * codes alternate which runs first. Prints each code's least and median CPU per pass (process
 * user + system time: the stage runs on one thread), their ratio, and how many articles and
 * paragraphs the two tag differently (a speed change must say 0, unless it means to change tags).
 */
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { clean } from '../src/clean.js'
import { loadLanguageModel } from '../src/language/fasttext-model.js'
import { tagArticleLanguages, type ArticleLanguages } from '../src/language/tag-article-languages.js'
import { generateCorpus } from './bench.js'

const { values } = parseArgs({ options: { old: { type: 'string' }, mb: { type: 'string' }, passes: { type: 'string' } }, strict: false })
const oldDir = resolve(String(values.old ?? 'bench/out/old/src'))
const passes = Number(values.passes ?? 9)

type Tagger = (paragraphs: string[]) => ArticleLanguages
const oldModel = (await import(pathToFileURL(`${oldDir}/language/fasttext-model.ts`).href)) as { loadLanguageModel(): Promise<void> }
const oldTagger = (await import(pathToFileURL(`${oldDir}/language/tag-article-languages.ts`).href)) as { tagArticleLanguages: Tagger }
await Promise.all([loadLanguageModel(), oldModel.loadLanguageModel()])

const articles = generateCorpus(Number(values.mb ?? 2) * 1e6).map((text) => clean(text).paragraphs.map((p) => p.text))
const paragraphs = articles.reduce((n, a) => n + a.length, 0)

const codes: Array<[string, Tagger]> = [['old', oldTagger.tagArticleLanguages], ['new', (list) => tagArticleLanguages(list)]]

// Same tags?
let articlesDiffer = 0
let paragraphsDiffer = 0
for (const list of articles) {
  const a = codes[0]![1](list)
  const b = codes[1]![1](list)
  if (a.language !== b.language || a.confidence !== b.confidence) articlesDiffer++
  a.paragraphs.forEach((p, k) => { if (p.language !== b.paragraphs[k]!.language || p.confidence !== b.paragraphs[k]!.confidence) paragraphsDiffer++ })
}

function pass(tag: Tagger): number {
  const before = process.cpuUsage()
  for (const list of articles) tag(list)
  const used = process.cpuUsage(before)
  return (used.user + used.system) / 1000
}

const times = new Map<string, number[]>(codes.map(([name]) => [name, []]))
for (let i = 0; i < passes; i++) {
  const order = i % 2 === 0 ? codes : [...codes].reverse()
  for (const [name, tag] of order) times.get(name)!.push(pass(tag))
}
const least = (xs: number[]): number => Math.min(...xs)
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const [o, n] = [times.get('old')!, times.get('new')!]
console.log(`${articles.length} articles, ${paragraphs} paragraphs; ${passes} passes each, interleaved; load ${(await import('node:os')).loadavg()[0]!.toFixed(1)}`)
for (const [name, xs] of times) console.log(`${name}: least ${least(xs).toFixed(1)} ms, median ${median(xs).toFixed(1)} ms  (${xs.map((x) => x.toFixed(0)).join(' ')})`)
console.log(`old/new CPU: least ${(least(o) / least(n)).toFixed(3)}x, median ${(median(o) / median(n)).toFixed(3)}x`)
console.log(`tagged differently: ${articlesDiffer} articles, ${paragraphsDiffer} paragraphs`)
