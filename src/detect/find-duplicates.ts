import { foldGuillemets, foldText, normalizeText } from '../text/normalize-text.js'
import { sentenceRanges, splitSentences } from '../text/split-sentences.js'
import { measureLength } from '../text/measure-length.js'
import { tokenSpans } from '../text/tokenize.js'
import { cutRanges } from '../text/cut-ranges.js'
import { mix32 } from '../text/hash.js'
import type { ResolvedOptions } from '../options.js'
import type { Duplicate, RepeatedSentence } from '../types.js'
import { mayGiveWay } from './heading-rule.js'
import { PostingIndex, REPEAT } from './posting-index.js'
import { compareTokens, longestCommonRun } from './similarity.js'
import { TokenVocabulary } from './token-vocabulary.js'

/**
 * A pair of paragraphs is compared exactly only when they share at least this share of the
 * smaller one's token bigrams. A near copy at ratio 0.8 shares well over half of them; a
 * distinct paragraph on the same story shares few (bigrams, unlike single words, are rarely
 * common by chance).
 */
const CANDIDATE_SHARE = 0.5
/** At most this many candidates (the ones sharing most bigrams) are compared exactly per paragraph. */
const MAX_CANDIDATES = 4
/**
 * A bigram found in more paragraphs than this is too common to point at a copy (the article's
 * stock phrases); skipping it keeps a 50 MB article linear.
 */
const MAX_POSTINGS = 64
/**
 * A paragraph counts as `contained` in another only when it has at most this share of the
 * other's tokens; closer in size, the two are versions of one paragraph (`near`) and the
 * first is kept. 0.9: a copy missing one word in ten is still the same paragraph.
 */
const CONTAINED_MAX_SIZE = 0.9

/** Per-paragraph verdicts of {@link findDuplicates}. */
export interface DuplicateFindings {
  /** One entry per paragraph: `null`, or why it is left out. */
  duplicates: Array<Duplicate | null>
  /** One list per paragraph: sentences cut from a kept paragraph. */
  repeatedSentences: RepeatedSentence[][]
}

/** A paragraph's tokens as ids, for the exact comparisons: built only for a paragraph in a candidate pair. */
interface Prepared {
  norm: string
  tokens: Int32Array
  /** Tokens with a cut-off last word dropped, for containment of teasers. */
  stem: Int32Array
  /** The last word, for telling a word cut in half at the end of a teaser. */
  lastWord: string
}

/**
 * Finds paragraphs (and sentences) that repeat earlier material of the same article.
 *
 * Keep-first, except for containment: a teaser or a cut-off copy gives way to the more
 * complete paragraph wherever that stands. Exact repeats are equal after `normalizeText()`;
 * near repeats are decided by the longest common token subsequence (see `compareTokens`);
 * a paragraph is contained in a longer one when it occurs in it as one run of tokens (see
 * `longestCommonRun`; a cut-off last word allowed), not when its words are scattered across it.
 * Both are computed only for candidates found through shared token bigrams. Headings are never
 * removed in favour of a longer block (see `heading-rule.ts`).
 *
 * @param texts The paragraphs' texts, in order.
 * @param options Resolved detection options.
 * @param headings One flag per paragraph: `true` for a heading (by default none is).
 * @returns One verdict and one list of repeated sentences per paragraph.
 */
export function findDuplicates(texts: readonly string[], options: ResolvedOptions['detect'], headings: readonly boolean[] = []): DuplicateFindings {
  const findings = findOnce(texts, options, headings)
  settleOnCleanedText(texts, findings, options, headings)
  return findings
}

/** At most this many extra passes over the cleaned paragraphs (one is almost always enough). */
const MAX_EXTRA_PASSES = 3

/**
 * Cutting repeated sentences changes what a paragraph is: a later near copy of what is left of
 * it may have been compared, in the first pass, with the whole paragraph and missed. Detection is
 * run again on the kept paragraphs as they will be printed, and the paragraphs it flags are
 * flagged (mapped back to the input's paragraphs), until nothing new is found. So cleaning the
 * cleaned text finds nothing more: `clean()` is idempotent. Its repeated sentences are not
 * taken: the first pass already looked every sentence of the kept paragraphs up (none was new
 * in the property tests' generated articles nor in the eval's real ones).
 */
function settleOnCleanedText(
  texts: readonly string[],
  findings: DuplicateFindings,
  options: ResolvedOptions['detect'],
  headings: readonly boolean[],
): void {
  const { duplicates, repeatedSentences } = findings
  for (let pass = 0; pass < MAX_EXTRA_PASSES; pass++) {
    if (!repeatedSentences.some((ranges) => ranges.length > 0)) return
    const kept: number[] = []
    const cleaned: string[] = []
    const keptHeadings: boolean[] = []
    for (let i = 0; i < texts.length; i++) {
      if (duplicates[i] !== null) continue
      kept.push(i)
      cleaned.push(cutRanges(texts[i]!, repeatedSentences[i]!))
      keptHeadings.push(headings[i] === true)
    }
    const again = findOnce(cleaned, { ...options, minSentenceLength: 0 }, keptHeadings) // sentences: see above
    let changed = false
    again.duplicates.forEach((verdict, k) => {
      if (verdict === null) return
      const i = kept[k]!
      duplicates[i] = { ...verdict, of: kept[verdict.of]! }
      repeatedSentences[i] = []
      changed = true
    })
    if (!changed) return
    pointAtKeptParagraphs(duplicates)
  }
}

/**
 * The vocabulary and the bigram index of every pass, emptied at its start (and the index again
 * before the sentence step): new tables for every article were a visible share of a short
 * article's time (bench/profile-clean.ts). A pass never runs inside another.
 */
const VOCABULARY = new TokenVocabulary()
const POSTINGS = new PostingIndex(MAX_POSTINGS)

/** One pass of detection over `texts` (see {@link findDuplicates}). */
function findOnce(texts: readonly string[], options: ResolvedOptions['detect'], headings: readonly boolean[]): DuplicateFindings {
  const vocabulary = VOCABULARY
  vocabulary.clear()
  const duplicates = listOf<Duplicate | null>(texts.length, null)
  // Memory (20 MB of paragraphs): what is kept of a paragraph is what a later step still reads.
  // A flagged paragraph is never a candidate nor split into sentences again, so its normalized
  // form and tokens are dropped when it is flagged (see `setVerdict`); the exact-repeat index
  // holds hashes, not the normalized strings; the sentence step keeps where a paragraph's
  // sentences end, not the guillemet-preserving form it split them in.
  const norms = listOf<string | undefined>(texts.length, undefined)
  const normOf = (j: number): string => norms[j] ?? normalizeText(texts[j]!)
  const firstByNorm = new NormIndex(normOf)
  const postings = POSTINGS
  postings.clear()
  const shared = new SharedCounts(texts.length)
  /** Token ids of the paragraphs compared exactly so far (see {@link preparedOf}). */
  const prepared = listOf<Prepared | undefined>(texts.length, undefined)
  const sentences = new SentenceRanges(texts.length)
  /** Earlier paragraphs glued whole onto a later one: their ranges in the later one. */
  const glued = listOf<RepeatedSentence[] | undefined>(texts.length, undefined)

  /**
   * Who points at whom: the paragraphs whose verdict names each paragraph. Flagging a paragraph
   * then touches only those pointing at it; scanning every verdict on each flag was quadratic
   * when many paragraphs give way to later, longer ones (200,000 teaser pairs: 136 s).
   */
  const pointers = new Map<number, number[]>()
  const setVerdict = (index: number, verdict: Duplicate): void => {
    duplicates[index] = verdict
    norms[index] = undefined
    prepared[index] = undefined
    const list = pointers.get(verdict.of)
    if (list === undefined) pointers.set(verdict.of, [index])
    else list.push(index)
  }
  const flag = (index: number, verdict: Duplicate): void => {
    setVerdict(index, verdict)
    // Paragraphs that pointed at the one now flagged follow it to the paragraph it gives way to.
    // (A verdict, once set, changes only here, so every listed paragraph still points at `index`.)
    const following = pointers.get(index)
    if (following === undefined) return
    pointers.delete(index)
    for (const k of following) setVerdict(k, { kind: 'contained', of: verdict.of, similarity: verdict.similarity })
  }

  for (let i = 0; i < texts.length; i++) {
    const text = texts[i]!
    const fold = foldText(text)
    const norm = foldGuillemets(fold)
    norms[i] = norm
    const key = normHash(norm)
    const first = firstByNorm.get(norm, key)
    if (first !== undefined && mayGiveWay(headings, i, first, 'exact')) {
      const earlier = duplicates[first]
      setVerdict(i, earlier ? { ...earlier } : { kind: 'exact', of: first, similarity: 1 })
      continue
    }
    // A heading exactly repeating an earlier block (a breadcrumb's last item) is the one kept.
    if (first !== undefined && duplicates[first] === null) flag(first, { kind: 'exact', of: i, similarity: 1 })
    firstByNorm.set(norm, i, key)
    // measureLength only adds to the plain length: it is needed only below the threshold.
    if (text.length < options.minLength && measureLength(text) < options.minLength) {
      if (options.minSentenceLength !== 0) sentences.add(i, fold)
      continue
    }

    // The paragraph's bigrams go into the postings as they are looked up; taken back if it is a repeat.
    const keyCount = bigramKeys(norm)
    const candidates = findCandidates(i, keyCount, postings, duplicates, shared)
    const matches = candidates.length === 0 ? NO_MATCHES : compareWithCandidates(i, norm, candidates, prepared, vocabulary, norms, options, headings)
    const best = matches[0]
    if (best?.kind === 'near' || best?.kind === 'contained-in-earlier') {
      for (let k = keyCount - 1; k >= 0; k--) postings.withdraw(keyScratch[k]!, i)
      setVerdict(i, { kind: best.kind === 'near' ? 'near' : 'contained', of: best.of, similarity: round(best.similarity) })
      continue
    }
    if (options.minSentenceLength !== 0) sentences.add(i, fold)
    // Every earlier paragraph this one wholly contains gives way to this more complete version
    // (a teaser, a paragraph continued) — unless it was glued on after material of this one's
    // own: then it is a block glued onto another paragraph, the first occurrence stays and the
    // copy is cut from this one.
    for (const match of matches) {
      const range = gluedRange(text, norms[match.of]!)
      if (range === null) {
        if (mayGiveWay(headings, match.of, i, 'contained')) flag(match.of, { kind: 'contained', of: i, similarity: round(match.similarity) })
      } else {
        // Built as the sentence step builds its ranges (same fields, same order: one hidden class).
        const block: RepeatedSentence = { start: range.start, end: range.end, of: match.of, similarity: 1 }
        const list = glued[i]
        if (list === undefined) glued[i] = [block]
        else list.push(block)
      }
    }
  }
  // The sentence step needs neither: let them go before it allocates its own.
  postings.clear()
  vocabulary.clear()
  prepared.length = 0
  // A scratch grown for a huge paragraph is not kept alive until some later call's small one.
  if (keyScratch.length > KEPT_SCRATCH) keyScratch = new Int32Array(1024)

  const repeatedSentences = findRepeatedSentences(texts, norms, sentences, firstByNorm, duplicates, glued, options.minSentenceLength, headings)
  pointAtKeptParagraphs(duplicates)
  return { duplicates, repeatedSentences }
}

const NO_MATCHES: Match[] = []

/**
 * `n` times `value`, in an array built by `push`. Not `texts.map(() => value)` nor `new
 * Array(n)`: `map` gives a packed array while its caller is interpreted and a holey one (another
 * hidden class) once TurboFan inlines it, and every optimized function that had only seen the
 * first kind was deoptimized ("wrong map") and compiled again, 2–4 times a run and in every
 * worker thread (`node --trace-deopt`). An array filled by `push` from `[]` is packed whatever
 * tier runs it.
 */
function listOf<T>(n: number, value: T): T[] {
  const list: T[] = []
  for (let i = 0; i < n; i++) list.push(value)
  return list
}

/**
 * The first paragraph of each normalized form, found through a hash of the form: the strings
 * themselves were a copy of the whole article kept to the end. A hit is checked against the
 * paragraph's normalized form (`normOf`: recomputed when it was dropped), so a collision
 * never makes an exact verdict. Behaves as a `Map<string, number>`.
 */
class NormIndex {
  readonly #byHash = new Map<number, number | number[]>()
  readonly #normOf: (index: number) => string

  constructor(normOf: (index: number) => string) {
    this.#normOf = normOf
  }

  /** @param key `normHash(norm)`, when the caller has it already (it is about to `set` the same form). */
  get(norm: string, key = normHash(norm)): number | undefined {
    const entry = this.#byHash.get(key)
    if (entry === undefined) return undefined
    if (typeof entry === 'number') return this.#normOf(entry) === norm ? entry : undefined
    return entry.find((j) => this.#normOf(j) === norm)
  }

  set(norm: string, index: number, key = normHash(norm)): void {
    const entry = this.#byHash.get(key)
    if (entry === undefined) return void this.#byHash.set(key, index)
    const list = typeof entry === 'number' ? [entry] : entry
    // Same form as a listed paragraph: it takes its place (Map semantics); else a collision, kept apart.
    const same = list.findIndex((j) => this.#normOf(j) === norm)
    if (same >= 0) list[same] = index
    else list.push(index)
    this.#byHash.set(key, list.length === 1 ? list[0]! : list)
  }
}

/**
 * 53 bits of two 32-bit hashes: collisions (checked anyway) are rare even among millions of
 * paragraphs. `hash32(norm) * 2^21 + (hash32(norm, 1) & (2^21 - 1))`, both lanes in one pass
 * over the text (two passes were a visible share of detection, bench/profile-clean.ts). Not
 * `hash32Pair(norm, 0, 1, lanes)`, which gives the same values: measured A/B in one process on
 * 20 k paragraphs (2026-12-01), it took 1.14–1.43× this loop's CPU (its seeds are mixed at run
 * time and its lanes go through a typed array).
 */
function normHash(norm: string): number {
  let a = 0x811c9dc5
  let b = (0x811c9dc5 ^ 0x9e3779b1) >>> 0
  for (let i = 0; i < norm.length; i++) {
    const c = norm.charCodeAt(i)
    a = Math.imul(a ^ c, 0x01000193)
    b = Math.imul(b ^ c, 0x01000193)
  }
  return mix32(a) * 0x200000 + (mix32(b) & 0x1fffff)
}

/**
 * Where each paragraph's sentences are (`splitSentences` of its guillemet-preserving form, which
 * is not kept): `[start, end)` pairs in one flat list, a paragraph's slice of it by index.
 */
class SentenceRanges {
  readonly #ranges: number[] = []
  readonly #from: Int32Array
  readonly #to: Int32Array

  constructor(paragraphs: number) {
    this.#from = new Int32Array(paragraphs)
    this.#to = new Int32Array(paragraphs)
  }

  /** Splits paragraph `index`'s folded form (`foldText`) into sentences and records them. */
  add(index: number, fold: string): void {
    this.#from[index] = this.#ranges.length
    sentenceRanges(fold, this.#ranges)
    this.#to[index] = this.#ranges.length
  }

  /**
   * The recorded sentences of paragraph `index` (none when it was not split): the `[start, end)`
   * pairs at `ranges[k], ranges[k + 1]` for `k` from `from` to `to` by 2 (read in place: a
   * generator and a pair per sentence showed in the sentence step's time).
   */
  of(index: number): { ranges: readonly number[]; from: number; to: number } {
    return { ranges: this.#ranges, from: this.#from[index]!, to: this.#to[index]! }
  }
}

/**
 * A bigram's key: the two tokens' hashes (FNV-1a of their code units, from `tokenSpans`) hashed
 * to 30 bits. Hashes, not the tokens' ids: an id needs a look-up of every token in the article's
 * vocabulary (and a copy of every new token), which only a paragraph compared exactly needs (see
 * {@link preparedOf}); most paragraphs of an article have no candidate. A small integer is stored
 * unboxed by every JavaScript engine (a 42-bit key was a boxed heap number per bigram). A
 * collision, of two tokens' hashes or of two keys, changes the bigrams two paragraphs seem to
 * share: a candidate so found is rejected by the exact comparison on token ids, but the inflated
 * count also ranks the candidates, of which only {@link MAX_CANDIDATES} are compared, so a crafted
 * collision (FNV-1a is not collision-resistant: two words with one hash are easy to find) can
 * push the real original of a near copy out of the list when more than that many earlier
 * paragraphs qualify. The keys of ids before (41577ff) were 30-bit hashes too, open to the same
 * miss on key collisions; a hash of tokens makes the collision easier to craft. Outputs were
 * byte-identical on the bench corpus, the real pages and the injected-repeat sets.
 */
function bigramKey(first: number, second: number): number {
  return mix32((Math.imul(first, 0x9e3779b1) + second) | 0) >>> 2
}

/** Entries past which the scratch of keys is replaced by a small one at the next ordinary paragraph. */
const KEPT_SCRATCH = 1 << 16
/** The current paragraph's bigram keys ({@link bigramKeys}), reused from paragraph to paragraph. */
let keyScratch = new Int32Array(1024)

/**
 * Writes the bigram keys of `norm`'s tokens, in order, into `keyScratch` (the one token of a
 * one-token paragraph stands for its bigram) and returns their count; a key may repeat (the
 * postings tell, see `PostingIndex.visit`).
 */
function bigramKeys(norm: string): number {
  const { hashes, count } = tokenSpans(norm)
  const n = count === 1 ? 1 : Math.max(0, count - 1)
  if (n > keyScratch.length) {
    let size = keyScratch.length
    while (size < n) size *= 2
    keyScratch = new Int32Array(size)
  } else if (keyScratch.length > KEPT_SCRATCH && n <= 1024) keyScratch = new Int32Array(1024)
  const keys = keyScratch
  if (count === 1) keys[0] = hashes[0]! >>> 2
  else for (let k = 0; k < n; k++) keys[k] = bigramKey(hashes[k]!, hashes[k + 1]!)
  return n
}

/**
 * The token ids of paragraph `j` (its normalized form `norm`), built the first time it is in a
 * candidate pair and kept while it may be compared again. Ids are equal exactly when the tokens
 * are: their values, which depend on the order paragraphs are prepared in, are never read.
 */
function preparedOf(j: number, norm: string, prepared: Array<Prepared | undefined>, vocabulary: TokenVocabulary): Prepared {
  let paragraph = prepared[j]
  if (paragraph === undefined) {
    paragraph = prepare(norm, vocabulary)
    prepared[j] = paragraph
  }
  return paragraph
}

function prepare(norm: string, vocabulary: TokenVocabulary): Prepared {
  // Token ids straight from the tokens' places in `norm` (no token sliced out).
  const { spans, hashes, count } = tokenSpans(norm)
  const tokens = new Int32Array(count)
  for (let k = 0; k < count; k++) tokens[k] = vocabulary.idAt(norm, spans[2 * k]!, spans[2 * k + 1]!, hashes[k]!)
  const lastWord = count > 0 ? norm.slice(spans[2 * count - 2]!, spans[2 * count - 1]!) : ''
  const stem = endsCutOff(norm) && tokens.length > 1 ? tokens.subarray(0, tokens.length - 1) : tokens
  return { norm, tokens, stem, lastWord }
}

/**
 * Whether a paragraph ends like a teaser: an ellipsis, three dots, "[…]" or "(...)" after
 * normalization, then nothing but white space. Tested on the end, not with a regular expression
 * anchored at `$`, which V8 tries from every offset of the paragraph.
 */
function endsCutOff(norm: string): boolean {
  const end = norm.trimEnd()
  return end.endsWith('...') || end.endsWith('[...]') || end.endsWith('(...)')
}

interface Match {
  kind: 'near' | 'contained-in-earlier' | 'earlier-contained'
  of: number
  similarity: number
}

/**
 * How many bigrams the paragraph being compared shares with each earlier one: a count per
 * paragraph and the list of those counted, reset after each paragraph (a `Map` and a callback
 * per posting, for every paragraph, were most of the comparison's own time); and each
 * paragraph's number of distinct bigrams.
 */
class SharedCounts {
  readonly counts: Int32Array
  readonly touched: number[] = []
  readonly distinct: Int32Array

  constructor(paragraphs: number) {
    this.counts = new Int32Array(paragraphs)
    this.distinct = new Int32Array(paragraphs)
  }
}

/**
 * Visits paragraph `index`'s bigram keys (`keyScratch`, `keyCount` of them) in the postings,
 * which records them there, and returns the earlier kept paragraphs sharing at least
 * {@link CANDIDATE_SHARE} of the smaller one's distinct bigrams: at most {@link MAX_CANDIDATES},
 * those sharing most first (then the earliest).
 */
function findCandidates(index: number, keyCount: number, postings: PostingIndex, duplicates: ReadonlyArray<Duplicate | null>, shared: SharedCounts): number[] {
  const { counts, touched, distinct } = shared
  const keys = keyScratch
  let own = 0
  for (let b = 0; b < keyCount; b++) {
    // Room for the next block of keys: not for all of a huge paragraph's at once, most of which
    // may repeat (a million times the same two words would have sized the index for a million).
    if (b % RESERVE_BLOCK === 0) postings.reserve(Math.min(RESERVE_BLOCK, keyCount - b))
    const head = postings.visit(keys[b]!, index)
    if (head === REPEAT) continue
    own++
    for (let entry = head; entry !== -1; entry = postings.next(entry)) {
      const j = postings.paragraphOf(entry)
      if (counts[j] === 0) touched.push(j)
      counts[j]!++
    }
  }
  distinct[index] = own
  if (touched.length === 0) return NO_CANDIDATES
  let eligible: Array<[number, number]> | undefined
  for (let t = 0; t < touched.length; t++) {
    const j = touched[t]!
    const count = counts[j]!
    counts[j] = 0
    if (duplicates[j] === null && count >= CANDIDATE_SHARE * Math.min(own, distinct[j]!)) (eligible ??= []).push([j, count])
  }
  touched.length = 0
  if (eligible === undefined) return NO_CANDIDATES
  if (eligible.length > 1) eligible.sort((a, b) => b[1] - a[1] || a[0] - b[0])
  const candidates: number[] = []
  for (let c = 0; c < eligible.length && c < MAX_CANDIDATES; c++) candidates.push(eligible[c]![0])
  return candidates
}

const NO_CANDIDATES: number[] = []
/** Keys the postings make room for at a time (see {@link findCandidates}). */
const RESERVE_BLOCK = 1024

function compareWithCandidates(
  index: number,
  norm: string,
  candidates: readonly number[],
  prepared: Array<Prepared | undefined>,
  vocabulary: TokenVocabulary,
  norms: ReadonlyArray<string | undefined>,
  options: ResolvedOptions['detect'],
  headings: readonly boolean[],
): Match[] {
  const paragraph = preparedOf(index, norm, prepared, vocabulary)
  const found: Match[] = []
  for (const j of candidates) {
    const earlier = preparedOf(j, norms[j]!, prepared, vocabulary)
    const thisShorter = paragraph.tokens.length < earlier.tokens.length
    // Two conditionals, not `[short, long] = thisShorter ? [a, b] : [b, a]`: the destructuring
    // runs the array iterator, and its untaken side deoptimized the function the first time it ran.
    const short = thisShorter ? paragraph : earlier
    const long = thisShorter ? earlier : paragraph
    // Containment first: when one paragraph is (nearly) all inside a clearly longer one, as one
    // run, the longer, more complete version is kept, whichever came first.
    if (short.tokens.length <= CONTAINED_MAX_SIZE * long.tokens.length) {
      const stem = cutOffStem(short, long)
      const inLong = longestCommonRun(stem, long.tokens) / stem.length
      if (inLong >= options.containThreshold) {
        consider(found, { kind: thisShorter ? 'contained-in-earlier' : 'earlier-contained', of: j, similarity: inLong }, index, headings)
        continue
      }
    }
    const { ratio } = compareTokens(paragraph.tokens, earlier.tokens)
    if (ratio >= options.nearThreshold) consider(found, { kind: 'near', of: j, similarity: ratio }, index, headings)
  }
  if (found.length === 0) return found
  found.sort((a, b) => rank(b) - rank(a) || b.similarity - a.similarity || a.of - b.of)
  // Either this paragraph gives way to its best match, or the earlier paragraphs it contains give way to it.
  return found[0]!.kind !== 'earlier-contained' ? found.slice(0, 1) : found.filter((m) => m.kind === 'earlier-contained')
}

/** Adds a match of paragraph `index` to `found`, unless the heading rule keeps the paragraph that would give way. */
function consider(found: Match[], match: Match, index: number, headings: readonly boolean[]): void {
  // An earlier heading inside this paragraph is kept (checked where it would be flagged), but its glued copy is still cut.
  if (match.kind === 'earlier-contained' || mayGiveWay(headings, index, match.of, match.kind === 'near' ? 'near' : 'contained')) found.push(match)
}

/**
 * The tokens of `short` to look for in `long`: without a last word that an ellipsis marks as
 * cut, or that is a word of `long` cut in half (a teaser cut off mid-word without "…").
 */
function cutOffStem(short: Prepared, long: Prepared): Int32Array {
  if (short.stem !== short.tokens || short.tokens.length < 2) return short.stem
  const last = short.lastWord
  if (!long.norm.includes(last) || long.tokens.includes(short.tokens[short.tokens.length - 1]!)) return short.stem
  return short.tokens.subarray(0, short.tokens.length - 1)
}

/** This paragraph giving way (near, or contained in an earlier one) beats taking an earlier one's place. */
function rank(match: Match): number {
  return match.kind === 'near' ? 2 : match.kind === 'contained-in-earlier' ? 1 : 0
}

/** Similarities are reported to 3 decimals, so output stays stable across platforms' float printing. */
function round(value: number): number {
  return Math.round(value * 1000) / 1000
}

const NO_BLOCKS: RepeatedSentence[] = []

/** A sentence made only of this (no letter, no digit) is not material worth keeping. */
const MATERIAL = /[\p{L}\p{N}]/u

function findRepeatedSentences(
  texts: readonly string[],
  norms: ReadonlyArray<string | undefined>,
  sentences: SentenceRanges,
  firstByNorm: NormIndex,
  duplicates: Array<Duplicate | null>,
  glued: ReadonlyArray<RepeatedSentence[] | undefined>,
  minSentenceLength: number,
  headings: readonly boolean[],
): RepeatedSentence[][] {
  const repeated: RepeatedSentence[][] = []
  for (let i = 0; i < texts.length; i++) repeated.push([])
  const seen = new Map<string, number>()
  for (let i = 0; i < texts.length; i++) {
    if (duplicates[i] !== null) continue
    // A glued block is cut only while the paragraph it repeats is still kept.
    const gluedHere = glued[i]
    const blocks: RepeatedSentence[] = gluedHere === undefined ? NO_BLOCKS : gluedHere.filter((block) => duplicates[block.of] === null)
    // Sentences are looked up in the normalized paragraph, which is already at hand; only a
    // paragraph with a hit is split again in its written form, to find the ranges to cut.
    // Split where the guillemets still show their direction; read the keys at the same offsets of the normalized form.
    const norm = norms[i]!
    // Made at the first hit: most paragraphs repeat no sentence, and a map for each was a visible share of this step.
    let hits: Map<string, number> | undefined
    const { ranges, from, to } = sentences.of(i)
    for (let k = from; k < to; k += 2) {
      const start = ranges[k]!
      const end = ranges[k + 1]!
      if (end - start < minSentenceLength && measureLength(norm, start, end) < minSentenceLength) continue
      const key = norm.slice(start, end)
      const of = seen.get(key)
      if (of === undefined) seen.set(key, i)
      else {
        hits ??= new Map<string, number>()
        if (!hits.has(key)) hits.set(key, of)
      }
    }
    // A heading is never cut (heading-rule.ts); its sentences are still there for later paragraphs to repeat.
    if (headings[i] === true) continue
    if (hits === undefined) {
      if (blocks.length > 0) settle(i, blocks)
      continue
    }
    const text = texts[i]!
    const found: RepeatedSentence[] = []
    for (const block of blocks) found.push(block)
    // A sentence said twice within this paragraph keeps its first occurrence.
    const firstHere = new Set([...hits].filter(([, of]) => of === i).map(([key]) => key))
    for (const [start, end] of splitSentences(text)) {
      const key = normalizeText(text.slice(start, end))
      const of = hits.get(key)
      if (of === undefined) continue
      if (firstHere.delete(key)) continue
      if (blocks.some((b) => b.start < end && start < b.end)) continue
      found.push({ start, end, of, similarity: 1 })
    }
    if (found.length > 0) settle(i, found.sort((a, b) => a.start - b.start))
  }
  return repeated

  /** Records the ranges cut from paragraph `i`, or flags it when nothing of its own is left. */
  function settle(i: number, found: RepeatedSentence[]): void {
    const rest = cutRanges(texts[i]!, found)
    const restEqualTo = firstByNorm.get(normalizeText(rest))
    if (!MATERIAL.test(rest)) {
      // Nothing of its own is left: the whole paragraph repeats earlier sentences.
      duplicates[i] = { kind: 'contained', of: found[0]!.of, similarity: 1 }
    } else if (restEqualTo !== undefined && restEqualTo < i && duplicates[restEqualTo] === null) {
      // What is left is an earlier kept paragraph: all of this one is earlier material.
      duplicates[i] = { kind: 'contained', of: restEqualTo, similarity: 1 }
    } else {
      repeated[i] = found
    }
  }
}

/** At most this many sentences of a paragraph are tried as the start of a glued block (bounds the quadratic search). */
const MAX_GLUE_SENTENCES = 200

/**
 * Where an earlier paragraph (`earlierNorm`, normalized) sits in `text` as a run of whole
 * sentences that does not start the paragraph: a block glued on after other material. `null`
 * when it is at the start (the paragraph is then a more complete version of it) or does not
 * match whole sentences exactly (an edited copy: containment decides).
 */
function gluedRange(text: string, earlierNorm: string): { start: number; end: number } | null {
  const sentences = splitSentences(text)
  const keys = sentences.slice(0, MAX_GLUE_SENTENCES).map(([start, end]) => normalizeText(text.slice(start, end)))
  for (let a = 1; a < keys.length; a++) {
    if (!earlierNorm.startsWith(keys[a]!)) continue
    let joined = keys[a]!
    for (let b = a; b < keys.length && joined.length <= earlierNorm.length; b++) {
      if (b > a) joined += ` ${keys[b]!}`
      if (joined === earlierNorm) return { start: sentences[a]![0], end: sentences[b]![1] }
    }
  }
  return null
}

/**
 * Makes every verdict name a kept paragraph: a verdict pointing at a paragraph flagged later
 * (by the sentence stage) follows it to the paragraph that one gives way to.
 */
function pointAtKeptParagraphs(duplicates: Array<Duplicate | null>): void {
  for (let i = 0; i < duplicates.length; i++) {
    let verdict = duplicates[i]
    if (!verdict) continue
    for (let hops = 0; hops < duplicates.length; hops++) {
      const next: Duplicate | null | undefined = duplicates[verdict.of]
      if (!next || next.of === i) break
      verdict = { kind: verdict.kind === 'exact' && next.kind === 'exact' ? 'exact' : 'contained', of: next.of, similarity: Math.min(verdict.similarity, next.similarity) }
    }
    duplicates[i] = verdict
  }
}
