/**
 * CPU of the language stage of `clean()` (`tagArticleLanguages` on each article's paragraphs),
 * this tree's code against another copy of `src/` in the same process, in interleaved passes
 * (not part of `npm run bench`):
 *
 *   git archive <commit> src | tar -x -C bench/out/old      # the code to compare against
 *   node --import tsx bench/bench-language-stage.ts [--old bench/out/old/src] [--new DIR] [--mb 2] [--passes 9]
 *
 * The paragraphs are what `clean()` hands the stage on the bench corpus (`bench.ts`: real news
 * paragraphs in 21 languages, with injected repeats). Each pass tags every article once with each
 * code, chunk by chunk, the two alternating which runs first. Prints each code's least and median
 * CPU per pass (process user + system time: the stage runs on one thread), the median of the
 * passes' ratios, and how many articles and paragraphs the two tag differently (a speed change
 * must say 0, unless it means to change tags).
 */
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { loadavg } from 'node:os'
import { clean } from '../src/clean.js'
import { loadLanguageModel } from '../src/language/fasttext-model.js'
import { tagArticleLanguages, type ArticleLanguages } from '../src/language/tag-article-languages.js'
import { generateCorpus } from './bench.js'

const { values } = parseArgs({ options: { old: { type: 'string' }, new: { type: 'string' }, mb: { type: 'string' }, passes: { type: 'string' } }, strict: false })
const oldDir = resolve(String(values.old ?? 'bench/out/old/src'))
/** The code measured against `--old`: this tree's by default, another copy with `--new`. */
const newDir = values.new === undefined ? undefined : resolve(String(values.new))
const passes = Number(values.passes ?? 9)

type Tagger = (paragraphs: string[]) => ArticleLanguages
const oldModel = (await import(pathToFileURL(`${oldDir}/language/fasttext-model.ts`).href)) as { loadLanguageModel(): Promise<void> }
const oldTagger = (await import(pathToFileURL(`${oldDir}/language/tag-article-languages.ts`).href)) as { tagArticleLanguages: Tagger }
const newModel = newDir === undefined ? { loadLanguageModel } : ((await import(pathToFileURL(`${newDir}/language/fasttext-model.ts`).href)) as { loadLanguageModel(): Promise<void> })
const newTagger = newDir === undefined ? { tagArticleLanguages } : ((await import(pathToFileURL(`${newDir}/language/tag-article-languages.ts`).href)) as { tagArticleLanguages: Tagger })
await Promise.all([loadLanguageModel(), newModel.loadLanguageModel(), oldModel.loadLanguageModel()])

const articles = generateCorpus(Number(values.mb ?? 2) * 1e6).map((text) => clean(text).paragraphs.map((p) => p.text))
const paragraphs = articles.reduce((n, a) => n + a.length, 0)

const codes: Array<[string, Tagger]> = [['old', (list) => oldTagger.tagArticleLanguages(list)], ['new', (list) => newTagger.tagArticleLanguages(list)]]

// Same tags?
let articlesDiffer = 0
let paragraphsDiffer = 0
for (const list of articles) {
  const a = codes[0]![1](list)
  const b = codes[1]![1](list)
  if (a.language !== b.language || a.confidence !== b.confidence) articlesDiffer++
  a.paragraphs.forEach((p, k) => { if (p.language !== b.paragraphs[k]!.language || p.confidence !== b.paragraphs[k]!.confidence) paragraphsDiffer++ })
}

/** CPU (ms) of tagging one chunk of articles. */
function cpu(tag: Tagger, chunk: string[][]): number {
  const before = process.cpuUsage()
  for (const list of chunk) tag(list)
  const used = process.cpuUsage(before)
  return (used.user + used.system) / 1000
}

// The articles in chunks of CHUNK, each chunk tagged by one code then the other (the order
// alternating): the machine's load changes over seconds, and this way both codes see the same.
const CHUNK = 25
const sums = new Map<string, number[]>(codes.map(([name]) => [name, []]))
for (let i = 0; i < passes; i++) {
  const pass = new Map<string, number>(codes.map(([name]) => [name, 0]))
  for (let at = 0, n = 0; at < articles.length; at += CHUNK, n++) {
    const chunk = articles.slice(at, at + CHUNK)
    for (const [name, tag] of (n + i) % 2 === 0 ? codes : [...codes].reverse()) pass.set(name, pass.get(name)! + cpu(tag, chunk))
  }
  for (const [name, ms] of pass) sums.get(name)!.push(ms)
}
const least = (xs: number[]): number => Math.min(...xs)
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const [o, n] = [sums.get('old')!, sums.get('new')!]
const ratios = o.map((x, i) => x / n[i]!)
console.log(`${articles.length} articles, ${paragraphs} paragraphs; ${passes} passes, the two codes interleaved by chunks of ${CHUNK} articles; load ${loadavg()[0]!.toFixed(1)}`)
for (const [name, xs] of sums) console.log(`${name}: CPU per pass least ${least(xs).toFixed(1)} ms, median ${median(xs).toFixed(1)} ms`)
console.log(`old/new CPU: median of the passes' ratios ${median(ratios).toFixed(3)}x (least ${least(ratios).toFixed(3)}, most ${Math.max(...ratios).toFixed(3)}); ratio of least passes ${(least(o) / least(n)).toFixed(3)}x`)
console.log(`tagged differently: ${articlesDiffer} articles, ${paragraphsDiffer} paragraphs`)
