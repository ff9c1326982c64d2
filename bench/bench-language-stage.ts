/**
 * CPU of the language stage of `clean()` (`tagArticleLanguages` on each article's paragraphs),
 * this tree's code against another copy of `src/` in the same process, in interleaved passes
 * (not part of `npm run bench`):
 *
 *   git archive <commit> src | tar -x -C bench/out/old      # the code to compare against
 *   node --import tsx bench/bench-language-stage.ts [--old bench/out/old/src] [--new DIR] [--mb 2] [--passes 9] [--clean]
 *
 * The paragraphs are what `clean()` hands the stage on the bench corpus (`bench.ts`: real news
 * paragraphs in 21 languages, with injected repeats). Each pass tags every article once with each
 * code, chunk by chunk, the two alternating which runs first. Prints each code's least and median
 * CPU per pass (process user + system time: the stage runs on one thread), the median of the
 * passes' ratios, and how many articles and paragraphs the two tag differently (a speed change
 * must say 0, unless it means to change tags). `--clean` times the two codes' whole `clean()` on
 * the article texts the same way (and counts the articles whose results differ); `--html` does
 * so with `clean(page, { format: 'html' })` on the articles as pages (`asHtml`, as `bench.ts`),
 * and `--html --pages` on the real pages of ../shared/datasets (`dataset-pages.ts`).
 */
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { loadavg } from 'node:os'
import { clean } from '../src/clean.js'
import { loadLanguageModel } from '../src/language/fasttext-model.js'
import { tagArticleLanguages, type ArticleLanguages } from '../src/language/tag-article-languages.js'
import { comparePasses, interleavedPasses, type Code } from './ab-revision.js'
import { asHtml, generateCorpus } from './bench.js'
import { loadPages } from './dataset-pages.js'

const { values } = parseArgs({ options: { old: { type: 'string' }, new: { type: 'string' }, mb: { type: 'string' }, passes: { type: 'string' }, clean: { type: 'boolean' }, html: { type: 'boolean' }, pages: { type: 'boolean' } }, strict: false })
const oldDir = resolve(String(values.old ?? 'bench/out/old/src'))
/** The code measured against `--old`: this tree's by default, another copy with `--new`. */
const newDir = values.new === undefined ? undefined : resolve(String(values.new))
const passes = Number(values.passes ?? 9)

type Tagger = (paragraphs: string[]) => ArticleLanguages
type Clean = (text: string, options?: { format: 'html' }) => unknown
/** One copy of the code: its tagger and its `clean()`, with its language model loaded. */
async function code(dir: string | undefined): Promise<{ tag: Tagger; clean: Clean }> {
  if (dir === undefined) return { tag: (list) => tagArticleLanguages(list), clean: (text, options) => clean(text, options) }
  const model = (await import(pathToFileURL(`${dir}/language/fasttext-model.ts`).href)) as { loadLanguageModel(): Promise<void> }
  const tagger = (await import(pathToFileURL(`${dir}/language/tag-article-languages.ts`).href)) as { tagArticleLanguages: Tagger }
  const cleaner = (await import(pathToFileURL(`${dir}/clean.ts`).href)) as { clean: Clean }
  await model.loadLanguageModel()
  return { tag: (list) => tagger.tagArticleLanguages(list), clean: (text, options) => cleaner.clean(text, options) }
}
await loadLanguageModel()
const [oldCode, newCode] = [await code(oldDir), await code(newDir)]

/** With `--html`, what `clean()` reads as HTML: the articles as pages, or with `--pages` the real pages. */
const html = values.html === true
const texts = html && values.pages === true ? loadPages().map(([, page]) => page) : generateCorpus(Number(values.mb ?? 2) * 1e6).map((text) => (html ? asHtml(text) : text))
const articles = texts.map((text) => clean(text, html ? { format: 'html' } : undefined).paragraphs.map((p) => p.text))
const paragraphs = articles.reduce((n, a) => n + a.length, 0)

/** What a pass runs per article: the stage on its paragraphs, or with `--clean` all of `clean()` on its text. */
const wholeClean = values.clean === true || html
const codes: Code[] = [oldCode, newCode].map((c, k): Code => [k === 0 ? 'old' : 'new', wholeClean ? (i: number) => c.clean(texts[i]!, html ? { format: 'html' } : undefined) : (i: number) => c.tag(articles[i]!)])

// Same outputs?
let articlesDiffer = 0
let paragraphsDiffer = 0
for (let i = 0; i < articles.length; i++) {
  if (wholeClean) {
    if (JSON.stringify(codes[0]![1](i)) !== JSON.stringify(codes[1]![1](i))) articlesDiffer++
    continue
  }
  const a = oldCode.tag(articles[i]!)
  const b = newCode.tag(articles[i]!)
  if (a.language !== b.language || a.confidence !== b.confidence) articlesDiffer++
  a.paragraphs.forEach((p, k) => { if (p.language !== b.paragraphs[k]!.language || p.confidence !== b.paragraphs[k]!.confidence) paragraphsDiffer++ })
}

const CHUNK = 25
const sums = interleavedPasses([codes[0]!, codes[1]!], articles.length, passes, CHUNK)
console.log(`${html ? `clean(html, { format: 'html' }) on ${values.pages === true ? 'the real pages' : 'the articles as pages'}: ` : wholeClean ? 'clean(): ' : ''}${articles.length} articles, ${paragraphs} paragraphs; ${passes} passes, the two codes interleaved by chunks of ${CHUNK} articles; load ${loadavg()[0]!.toFixed(1)}`)
for (const line of comparePasses(sums)) console.log(line)
console.log(wholeClean ? `results differing: ${articlesDiffer} articles` : `tagged differently: ${articlesDiffer} articles, ${paragraphsDiffer} paragraphs`)
