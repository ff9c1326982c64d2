/**
 * Languages of an article and of each of its paragraphs, the article's language serving as the
 * prior for short or ambiguous paragraphs.
 */
import { identify, SIBLINGS, type Identification } from './identify.js'
import { scriptProfile, SCRIPT_LANGUAGE, type Script } from './script.js'
import { scoreTrigrams, trigramModel, trigramScorer, type TrigramModel, type TrigramScorer } from './trigram-model.js'
import { fitsAlphabet } from './alphabet.js'
import { flatCopy } from '../text/flat-copy.js'
import { allowSet, DEFAULT_MIN_LENGTH, type LanguageOptions } from './tag-language.js'

/** What {@link tagArticleLanguages} returns. */
export interface ArticleLanguages {
  /** The article's language (BCP 47), `und` when unknown. */
  language: string
  /** Confidence (0–1) of `language`. */
  confidence: number
  /** One entry per input paragraph, in order. */
  paragraphs: Array<{ language: string; confidence: number }>
}

/** Languages always put on a paragraph's short list, per script: the usual sources of quotes. */
const COMMON: Readonly<Partial<Record<Script, readonly string[]>>> = Object.freeze({
  Latin: ['en', 'fr', 'de', 'es', 'pt', 'it', 'nl'],
  Cyrillic: ['ru', 'uk', 'bg', 'sr'],
  Arabic: ['ar', 'fa', 'ur'],
  Devanagari: ['hi', 'mr', 'ne'],
  Hebrew: ['he', 'yi'],
})

/** Chars of the article read to find its language, and at most per paragraph. */
const ARTICLE_SAMPLE = 200
/** What fastText reads of the article sample, and of a paragraph identified alone inside an article (a paragraph of a long article read whole was most of the time of an article in no known language). */
const ARTICLE_BUDGET = { sample: ARTICLE_SAMPLE }
/** Shortcut of the article language (see `articleLanguage`). */
const SHORTCUT_TRIGRAMS = 100
const SHORTCUT_LEAD = 0.1
const PARAGRAPH_SAMPLE = 120
/**
 * A paragraph is scored on its first this many code units first, and on the rest of
 * {@link PARAGRAPH_SAMPLE} only when the article language does not lead there by
 * {@link DECISIVE} nats: most paragraphs are plainly in the article language, and scoring the
 * short list was the largest share of the language stage (bench/profile-clean.ts).
 */
const PARAGRAPH_FIRST = 60
/**
 * A lead (nats) on {@link PARAGRAPH_FIRST} code units that the rest is taken not to overturn: 15
 * nats short of the {@link ARTICLE_PRIOR} a paragraph is looked at alone for, and a confidence
 * already the article's (the sigmoid at 15 is 1 - 3e-7).
 */
const DECISIVE = 10
const SCRIPT_SAMPLE = 100
/** Evidence (nats) another language needs over the article's language before a paragraph is looked at alone. */
const ARTICLE_PRIOR = 5
/** Evidence (nats) a lone verdict needs over the article's language to overrule it. */
const OVERRULE = 4

/** Groups of languages that detectors confuse with each other. */
const CLOSE_GROUPS: ReadonlyArray<readonly string[]> = [
  ['cs', 'sk'], ['hr', 'sr', 'bs', 'sl'], ['ru', 'uk', 'be', 'bg', 'mk', 'sr'], ['nb', 'nn', 'da', 'sv'],
  ['es', 'pt', 'gl', 'ca'], ['id', 'ms'], ['hi', 'mr', 'ne', 'mai', 'bho', 'mag'], ['tr', 'az'], ['fa', 'prs'],
  ['ur', 'skr'], ['he', 'yi'], ['am', 'ti'], ['nl', 'af'],
]

function areClose(a: string, b: string): boolean {
  return (SIBLINGS[a]?.includes(b) ?? false) || CLOSE_GROUPS.some((g) => g.includes(a) && g.includes(b))
}
/** A paragraph shorter than this (chars) keeps the article language unless its script says otherwise. */
const SENTENCE = 20

interface Context {
  language: string
  confidence: number
  script: Script | null
  /** Columns of the short list in the script's model, the article language's column first (or -1). */
  model: TrigramModel | undefined
  cols: number[]
  artCol: number
  /** Scores a paragraph against the short list (`cols`). */
  score: TrigramScorer | undefined
  allow: ReadonlySet<string> | undefined
  minLength: number
}

/**
 * Tags an article's language and each paragraph's, reading each paragraph at most a few hundred
 * characters: the article language is found once on a bounded sample; a paragraph is then scored
 * against a short list (article language, its runners-up, the common languages of its script), and
 * only when another language wins clearly is it identified alone. A short line keeps the article
 * language; a real foreign sentence (a quote) gets its own. Throws `E_LANGUAGE_MODEL` until
 * `loadLanguageModel()` has resolved.
 * @example tagArticleLanguages(['Le président a parlé.', '"We will never give up," he said.']).paragraphs
 *   // [{ language: 'fr', … }, { language: 'en', … }]
 */
export function tagArticleLanguages(paragraphs: string[], options: LanguageOptions = {}): ArticleLanguages {
  const list = Array.isArray(paragraphs) ? paragraphs.map((p) => (typeof p === 'string' ? p.trim() : '')) : []
  const allow = allowSet(options.only)
  const minLength = options.minLength ?? DEFAULT_MIN_LENGTH
  const article = articleLanguage(articleSample(list, minLength), allow)
  const [language, confidence] = article.ranked[0] ?? ['und', 0]
  // An article of one paragraph: the paragraph's language is the article's, found on the same text.
  if (list.length === 1 && list[0]!.length >= minLength && list[0]!.length <= ARTICLE_SAMPLE) {
    return { language, confidence, paragraphs: [{ language, confidence }] }
  }
  let ctx = context(language, confidence, article.script, article.ranked, allow, minLength)
  let tags = tagEach(list, ctx)
  // The sample can mislead (a foreign lead paragraph): if most text says otherwise, redo with that.
  // (Only when some paragraph says otherwise: else the majority is the article's language or none.)
  const major = tags.some((t) => t.language !== language && t.language !== 'und') ? majority(list, tags) : undefined
  if (major !== undefined && major !== language) {
    const again = articleLanguage(articleSample(list.filter((_, i) => tags[i]!.language === major), minLength), allow)
    const [lang2, conf2] = again.ranked[0] ?? ['und', 0]
    if (lang2 === major) {
      ctx = context(lang2, conf2, again.script, again.ranked, allow, minLength)
      tags = tagEach(list, ctx)
    }
  }
  return { language: ctx.language, confidence: ctx.confidence, paragraphs: tags }
}

function context(language: string, confidence: number, script: Script | null, ranked: Array<[string, number]>,
  allow: ReadonlySet<string> | undefined, minLength: number): Context {
  const model = trigramModel(script)
  const cols: number[] = []
  let artCol = -1
  if (model) {
    // Built by index, not by spreading: the spread's iterator met arrays of several maps (an empty
    // literal, a frozen list, a mapped one) and threw the optimized code away.
    const wanted: string[] = [language]
    for (let i = 1; i < ranked.length && i < 4; i++) wanted.push(ranked[i]![0])
    const common = COMMON[script!]
    if (common !== undefined) for (let i = 0; i < common.length; i++) wanted.push(common[i]!)
    for (const tag of wanted) {
      const c = model.column.get(tag)
      if (c === undefined || cols.includes(c) || (allow && !allow.has(tag))) continue
      if (tag === language) artCol = cols.length
      cols.push(c)
    }
  }
  const score = model && cols.length > 0 ? scorerFor(model, cols) : undefined
  return { language, confidence, script, model, cols, artCol, allow, minLength, score }
}

type Scorer = TrigramScorer
/** Scorers made so far, by model and column list: most articles of a language have the same short list, and a scorer's tables cost more to set up than to score a paragraph with. */
const scorers = new WeakMap<TrigramModel, Map<string, Scorer>>()
/** Column lists remembered per model; past this the oldest is let go (a stream of articles in many languages). */
const MAX_SCORERS = 256

/** A scorer of `cols` (see `trigramScorer`), the one made before for the same list when there is one. */
function scorerFor(model: TrigramModel, cols: readonly number[]): Scorer {
  let byList = scorers.get(model)
  if (byList === undefined) scorers.set(model, (byList = new Map()))
  const key = cols.join(',')
  let scorer = byList.get(key)
  if (scorer === undefined) {
    if (byList.size >= MAX_SCORERS) byList.delete(byList.keys().next().value!)
    scorer = trigramScorer(model, cols)
    byList.set(key, scorer)
  }
  return scorer
}

/**
 * The article's language from its sample. Shortcut: when franc's trigram profiles alone give one
 * language a clear lead over the runner-up (≥ 0.1 nats per trigram on ≥ 100 trigrams), fastText is
 * not asked; otherwise fastText on the sample ({@link identify}). The shortcut is a speed measure:
 * fastText was a fifth of clean()'s time when asked for every article (bench/profile-clean.ts), and
 * on the held-out news the article language is as often right with it as without (eval-language).
 * The lead is the same for a close pair (pt/gl, cs/sk, nl/af, ru/bg, sv/nn): twice it, as it once
 * was, sent a third of the bench's articles to fastText, and on the UDHR dev set's samples of six
 * paragraphs that passed 0.1 but not 0.2 (89, every one a close pair) the trigram leader was right
 * for 88, fastText for 83; under 0.1 fastText is the better judge (55 against 53 of 64 between 0.05
 * and 0.1), so the lead stays. The leader must also fit the sample's letters ({@link fitsAlphabet}:
 * a Russian sample full of transcribed names can lead as Bulgarian, but Bulgarian has no э or ы;
 * Swedish as Nynorsk, which has no ä or ö), the check fastText's answer gets in {@link identify}.
 */
function articleLanguage(sample: string, allow: ReadonlySet<string> | undefined): Identification {
  const prof = scriptProfile(sample, ARTICLE_SAMPLE)
  // A sample too short for the shortcut's trigrams does not need the trigram tables built.
  const model = sample.length > SHORTCUT_TRIGRAMS ? trigramModel(prof.script) : undefined
  if (model && prof.share > 0.9) {
    const cols = allow ? allowedColumns(model, allow) : everyColumn(model)
    if (cols.length >= 2) {
      const { scores, trigrams } = (allow ? scorerFor(model, cols) : everyScorer(model))(sample, ARTICLE_SAMPLE)
      const order = bestColumns(scores, 4)
      const lead = (scores[order[0]!]! - scores[order[1]!]!) / Math.max(1, trigrams)
      const top = model.languages[cols[order[0]!]!]!
      if (trigrams >= SHORTCUT_TRIGRAMS && lead >= SHORTCUT_LEAD && fitsAlphabet(top, sample)) {
        const ranked: Array<[string, number]> = [[top, round(Math.min(0.99, 0.75 + lead))]]
        for (const j of order.slice(1, 4)) ranked.push([model.languages[cols[j]!]!, 0])
        return { ranked, script: prof.script, letters: prof.letters }
      }
    }
  }
  return identify(sample, allow, ARTICLE_BUDGET)
}

/** The columns of `model` whose languages `allow` lists. */
function allowedColumns(model: TrigramModel, allow: ReadonlySet<string>): number[] {
  const cols: number[] = []
  model.languages.forEach((tag, i) => { if (allow.has(tag)) cols.push(i) })
  return cols
}

/** Every column of a model, and its scorer: the article shortcut's list without `only`, made once per model, not per article (the key of its list in `scorerFor` was 126 numbers joined). */
const everyColumns = new WeakMap<TrigramModel, { cols: number[]; scorer: Scorer }>()

function every(model: TrigramModel): { cols: number[]; scorer: Scorer } {
  let all = everyColumns.get(model)
  if (all === undefined) {
    const cols = model.languages.map((_, i) => i)
    all = { cols, scorer: trigramScorer(model, cols) }
    everyColumns.set(model, all)
  }
  return all
}
const everyColumn = (model: TrigramModel): number[] => every(model).cols
const everyScorer = (model: TrigramModel): Scorer => every(model).scorer

/**
 * The indexes of the `n` highest scores, best first, ties in index order: the first `n` of a
 * stable sort by score, without sorting all ~100 columns of the Latin model for every article.
 */
function bestColumns(scores: Float64Array, n: number): number[] {
  const best: number[] = []
  for (let j = 0; j < scores.length; j++) {
    const score = scores[j]!
    if (best.length === n && score <= scores[best[n - 1]!]!) continue
    let at = best.length === n ? n - 1 : best.length
    while (at > 0 && scores[best[at - 1]!]! < score) {
      best[at] = best[at - 1]!
      at--
    }
    best[at] = j
  }
  return best
}

function articleSample(list: string[], minLength: number): string {
  let sample = ''
  for (const p of list) {
    if (p.length < minLength) continue
    sample += (sample ? ' ' : '') + p.slice(0, 400)
    if (sample.length >= ARTICLE_SAMPLE) break
  }
  // Flat copies, not the concatenation or a slice: see {@link flatCopy}, and the scans the
  // sample goes through (script counts, trigrams) also run on every paragraph, where one more kind
  // of string than V8 keeps fast made their `charCodeAt` megamorphic.
  if (sample !== '') return flatCopy(sample)
  // Only short lines: together they may still say something; under minLength in all, nothing (`und`).
  const all = list.join(' ').trim()
  return all.length >= minLength ? flatCopy(all.slice(0, ARTICLE_SAMPLE)) : ''
}

/** UTF-8 length: a fairer weight than code units between CJK and alphabetic paragraphs. */
function utf8Length(text: string): number {
  let n = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? 2 : 3
  }
  return n
}

/** The language of more than half of the text (by UTF-8 length), if any. */
function majority(list: string[], tags: Array<{ language: string }>): string | undefined {
  const chars = new Map<string, number>()
  let total = 0
  list.forEach((p, i) => {
    const l = tags[i]!.language
    if (l === 'und') return
    const w = utf8Length(p)
    chars.set(l, (chars.get(l) ?? 0) + w)
    total += w
  })
  for (const [l, n] of chars) if (n * 2 > total) return l
  return undefined
}

/**
 * Each paragraph's tag. In an article of no known language each is identified alone: that case is
 * not a branch of {@link tagParagraph}, whose optimized code V8 threw away the first time an
 * article in no known language came (a call never made before it was compiled).
 */
function tagEach(list: string[], ctx: Context): Array<{ language: string; confidence: number }> {
  if (ctx.language !== 'und') return list.map((p) => tagParagraph(p, ctx))
  return list.map((p) => (p.length < ctx.minLength ? { language: 'und', confidence: round(ctx.confidence * 0.5) } : lone(p, ctx)))
}

function tagParagraph(text: string, ctx: Context): { language: string; confidence: number } {
  const A = ctx.language
  if (text.length < ctx.minLength) return { language: A, confidence: round(ctx.confidence * 0.5) }
  const prof = scriptProfile(text, SCRIPT_SAMPLE)
  if (prof.script === null) return { language: 'und', confidence: 0 }
  const long = text.length >= SENTENCE
  if (prof.script !== ctx.script) {
    // Kanji-only lines in a Japanese article are Japanese.
    if (A === 'ja' && prof.script === 'Han') return { language: A, confidence: ctx.confidence }
    if (!long) return { language: A, confidence: round(ctx.confidence * 0.5) }
    return lone(text, ctx)
  }
  const single = SCRIPT_LANGUAGE[prof.script]
  if (single !== undefined || !ctx.score || ctx.artCol < 0) {
    if (single !== undefined) return { language: A, confidence: ctx.confidence }
    return verdict(text, ctx, long)
  }
  let scores = ctx.score.prefix(text, PARAGRAPH_FIRST).scores
  if (text.length > PARAGRAPH_FIRST) {
    const first = lead(scores, ctx.artCol)
    if (first.margin >= DECISIVE) return { language: A, confidence: round(ctx.confidence * (0.5 + 0.5 * sigmoid(first.margin + ARTICLE_PRIOR))) }
    scores = ctx.score.extend(PARAGRAPH_SAMPLE).scores
  }
  const { margin, winner } = lead(scores, ctx.artCol)
  if (margin >= -ARTICLE_PRIOR || !long) {
    return { language: A, confidence: round(ctx.confidence * (0.5 + 0.5 * sigmoid(margin + ARTICLE_PRIOR))) }
  }
  // The short list's winner is a close relative of the article language (bg in a Russian article,
  // gl in a Portuguese one): the verdict's own rule for a close relative decides without fastText,
  // the article language unless the letters rule it out. On the bench corpus fastText's answer for
  // these paragraphs was the article language every time (135 of 135), and its answer would only
  // have mattered as a third language the short list had scored lower.
  if (areClose(A, ctx.model!.languages[ctx.cols[winner]!]!) && fitsAlphabet(A, text)) return { language: A, confidence: round(ctx.confidence * 0.5) }
  return verdict(text, ctx, long)
}

/** The article language's score less the best other one, and which column that is (-1: none). */
function lead(scores: Float64Array, artCol: number): { margin: number; winner: number } {
  let other = -Infinity
  let winner = -1
  for (let j = 0; j < scores.length; j++) if (j !== artCol && scores[j]! > other) { other = scores[j]!; winner = j }
  return { margin: scores[artCol]! - other, winner }
}

/** Lone identification of a paragraph that the article language does not clearly explain. */
function verdict(text: string, ctx: Context, long: boolean): { language: string; confidence: number } {
  const A = ctx.language
  if (!long) return { language: A, confidence: round(ctx.confidence * 0.5) }
  const r = identify(text, ctx.allow, ARTICLE_BUDGET)
  const [top, conf] = r.ranked[0] ?? ['und', 0]
  if (top === 'und' || top === A) return { language: A, confidence: Math.max(conf, round(ctx.confidence * 0.75)) }
  // A close relative of the article language (hr/sr, cs/sk, pt/gl, ...) is far more likely a
  // misreading than a quote, unless the letters rule the article language out.
  if (areClose(A, top)) {
    return fitsAlphabet(A, text) ? { language: A, confidence: round(ctx.confidence * 0.5) } : { language: top, confidence: conf }
  }
  const model = ctx.model
  const colA = model?.column.get(A)
  const colT = model?.column.get(top)
  if (model && colA !== undefined && colT !== undefined) {
    const { scores } = scoreTrigrams(model, text, [colT, colA], PARAGRAPH_SAMPLE)
    if (scores[0]! - scores[1]! < OVERRULE) return { language: A, confidence: round(ctx.confidence * 0.5) }
  } else if (conf < 0.6) {
    return { language: A, confidence: round(ctx.confidence * 0.5) }
  }
  return { language: top, confidence: conf }
}

function lone(text: string, ctx: Context): { language: string; confidence: number } {
  const [language, confidence] = identify(text, ctx.allow, ARTICLE_BUDGET).ranked[0] ?? ['und', 0]
  return { language, confidence }
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x))
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000
}
