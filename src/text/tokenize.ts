import { SPACELESS_CLASS } from './scripts.js'
import { FNV_OFFSET, FNV_PRIME } from './hash.js'

/**
 * The most code points one token piece takes; longer runs are taken in pieces and joined again.
 * It was the bound of the regular expression the tokenizer once was (an unbounded run overflowed
 * V8's regexp stack on a word of a few million characters; that pattern is now the reference in
 * test/text/tokenize.test.ts), and the scans keep its answers. 1,024 is far above any real word,
 * so the join almost never happens. (One edge is kept from it: past 1,024 combining marks after a
 * spaceless letter, a word glued to them joins it.)
 */
const MAX_RUN = 1024

/**
 * Splits normalized text into comparison tokens: words in scripts with spaces, single
 * characters (with their combining marks) in scripts without (Chinese, Japanese, Thai, Lao,
 * Khmer, Myanmar, Tibetan). Punctuation and symbols are not tokens. The one tokenizer: in-article
 * detection and the feed's shingles both use it, so they split the same words.
 *
 * @param normalized Text from `normalizeText()`.
 * @returns The tokens in order.
 * @example tokenize("l'été 2024 中文") // ['l', 'été', '2024', '中', '文']
 */
export function tokenize(normalized: string): string[] {
  const words = wordRuns(normalized)
  if (words !== null) return words
  const count = scanSpaceless(normalized)
  const tokens: string[] = new Array(count)
  for (let k = 0; k < count; k++) tokens[k] = normalized.slice(spanScratch[2 * k]!, spanScratch[2 * k + 1]!)
  return tokens
}

/** Classes of {@link wordRuns}, per UTF-16 code unit; 0 = not looked up yet. */
const UNKNOWN = 0
const OTHER = 1
const WORD_UNIT = 2
const SPACELESS_UNIT = 3
const SURROGATE = 4
const IS_WORD = /^[\p{L}\p{M}\p{N}]$/u
const IS_SPACELESS = new RegExp(`^[${SPACELESS_CLASS}]$`, 'v')
/**
 * The class of each code unit, filled in as units are met: one regular-expression test per
 * distinct character of the text, not a table of all 65,536 built at start-up.
 */
const unitClass = new Uint8Array(0x10000).fill(SURROGATE, 0xd800, 0xe000)

function classOf(char: string): number {
  return IS_SPACELESS.test(char) ? SPACELESS_UNIT : IS_WORD.test(char) ? WORD_UNIT : OTHER
}

/** Where {@link tokenSpans} writes: grown as needed, reused from call to call (one paragraph at a time). */
let spanScratch: Int32Array = new Int32Array(256)
/** The tokens' hashes of {@link tokenSpans}, one per span pair (half the length of `spanScratch`). */
let hashScratch: Int32Array = new Int32Array(128)
/** A scratch grown past this (entries) for one huge paragraph is let go at the next call, not kept for all later ones. */
const KEPT_SCRATCH = 1 << 16

/**
 * Where the tokens of `normalized` are, without building them: `[start, end)` pairs of UTF-16
 * offsets, the pairs of {@link tokenize}'s tokens in order. For callers that only look tokens up
 * (in-article detection): slicing every token out was most of the cost of preparing a paragraph,
 * and the set-subtraction pattern that splits text with a script without spaces most of the cost
 * of a Chinese or Japanese paragraph (bench/profile-clean.ts); both are scans of a table here.
 *
 * Each token's 32-bit FNV-1a hash of its code units comes with it (`hashes[k]`, as
 * `TokenVocabulary.idAt` would compute it): a second pass over each token to hash it was a
 * visible share of preparing a paragraph.
 *
 * The returned arrays are overwritten by the next call: read them (the first `2 × count` entries
 * of `spans`, `count` of `hashes`) before calling again.
 *
 * @param normalized Text from `normalizeText()`.
 * @returns The spans (`spans` of which the first `2 × count` entries are used) and hashes.
 * @example tokenSpans("l'été") // { spans: [0, 1, 2, 5, …], hashes: […], count: 2 }
 */
export function tokenSpans(normalized: string): { spans: Int32Array; hashes: Int32Array; count: number } {
  if (!warmedUp) warmUp()
  let count = scanWords(normalized)
  if (count < 0) {
    count = scanSpaceless(normalized)
    for (let k = 0; k < count; k++) {
      let h = FNV_OFFSET
      for (let i = spanScratch[2 * k]!, end = spanScratch[2 * k + 1]!; i < end; i++) h = Math.imul(h ^ normalized.charCodeAt(i), FNV_PRIME)
      hashScratch[k] = h
    }
  }
  return { spans: spanScratch, hashes: hashScratch, count }
}

/** Traits of a character for {@link scanSpaceless}: of a script without spaces, a letter or digit, a combining mark. */
const SPACELESS = 1
const LETTER_OR_DIGIT = 2
const MARK = 4
const TRAITS_SEEN = 8
const IS_LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u
const IS_MARK = /^\p{M}$/u
/** Traits of each BMP code unit (| `TRAITS_SEEN`), filled in as units are met. */
const unitTraits = new Uint8Array(0x10000)

function traitsOf(char: string): number {
  return (IS_SPACELESS.test(char) ? SPACELESS : 0) | (IS_LETTER_OR_DIGIT.test(char) ? LETTER_OR_DIGIT : 0) | (IS_MARK.test(char) ? MARK : 0)
}

/** The traits of the code point at `i` (a lone surrogate has none). */
function traitsAt(text: string, i: number): number {
  const unit = text.charCodeAt(i)
  if (unit < 0xd800 || unit > 0xdbff) {
    let traits = unitTraits[unit]!
    if (traits === 0) unitTraits[unit] = traits = traitsOf(text[i]!) | TRAITS_SEEN
    return traits
  }
  const code = text.codePointAt(i)!
  return code > 0xffff ? traitsOf(String.fromCodePoint(code)) : 0
}

/**
 * The tokens of text with a script without spaces (what the reference pattern of
 * test/text/tokenize.test.ts finds): a letter or digit of such a script with the combining marks after it, or a run of
 * letters, marks and digits of other scripts; each capped at {@link MAX_RUN} code points, and a
 * capped piece joined with the next when that one follows directly and is of the second kind,
 * as the reference pattern's pieces were joined. Writes `spanScratch` and returns the count.
 */
function scanSpaceless(text: string): number {
  let spans: Int32Array = spanScratch
  let count = 0
  let previousEnd = -1
  let previousCut = false
  let i = 0
  while (i < text.length) {
    const traits = traitsAt(text, i)
    const start = i
    let end = i + (text.codePointAt(i)! > 0xffff ? 2 : 1)
    if ((traits & SPACELESS) !== 0 && (traits & LETTER_OR_DIGIT) !== 0) {
      for (let marks = 0; end < text.length && marks < MAX_RUN && (traitsAt(text, end) & MARK) !== 0; marks++) end += text.codePointAt(end)! > 0xffff ? 2 : 1
    } else if ((traits & SPACELESS) === 0 && (traits & (LETTER_OR_DIGIT | MARK)) !== 0) {
      for (let points = 1; end < text.length && points < MAX_RUN; points++) {
        const next = traitsAt(text, end)
        if ((next & SPACELESS) !== 0 || (next & (LETTER_OR_DIGIT | MARK)) === 0) break
        end += text.codePointAt(end)! > 0xffff ? 2 : 1
      }
    } else {
      i = end
      continue
    }
    if (previousCut && start === previousEnd && (traits & SPACELESS) === 0) spans[2 * count - 1] = end
    else {
      if (2 * count + 2 > spans.length) spans = growSpans()
      spans[2 * count] = start
      spans[2 * count + 1] = end
      count++
    }
    previousEnd = end
    previousCut = end - start >= MAX_RUN
    i = end
  }
  return count
}


/**
 * The runs of letters, marks and digits of `text` (what `[\p{L}\p{M}\p{N}]+` matches), found
 * by a loop over a table instead of a regular expression, which was the largest single cost
 * of duplicate detection (bench/profile-clean.ts); `null` when the text has a character of a
 * script without spaces, which the tokenizer splits differently.
 */
function wordRuns(text: string): string[] | null {
  const count = scanWords(text)
  if (count < 0) return null
  const words: string[] = new Array(count)
  for (let k = 0; k < count; k++) words[k] = text.slice(spanScratch[2 * k]!, spanScratch[2 * k + 1]!)
  if (spanScratch.length > KEPT_SCRATCH) letScratchGo()
  return words
}

/**
 * Writes the runs of {@link wordRuns} into `spanScratch` as `[start, end)` pairs; their count, or -1 for a spaceless character.
 *
 * A unit of the BMP already classed as a word unit or not is read without a branch on which:
 * `k` (twice the runs so far, plus one inside a run) moves on where the kind changes, the unit's
 * offset is written at `spans[k]` at every unit (the write that stays is the one before `k`
 * moves), and the hash of the run is kept in `hashes[k >> 1]` as it grows (the FNV offset outside
 * a run). A branch on the kind went the wrong way at every word's end and start (the fold's pass
 * wrote that way ran in 0.8 of the time, 2026-12-02). Other units (not classed yet, surrogates,
 * spaceless letters) take the branch.
 */
function scanWords(text: string): number {
  if (spanScratch.length > KEPT_SCRATCH) letScratchGo()
  const n = text.length
  // `k` moves at most once per unit: n + 2 entries hold every pair, and the writes past the last
  // (6 bytes a unit with the hashes, as the fold's scratch; one grown for a huge paragraph is let
  // go at the next call). Sized up front: a check of the room per unit, or per chunk of units,
  // took the scan 1.1–1.15× the CPU (2026-12-02).
  if (spanScratch.length < n + 2) growSpansTo(n + 2)
  const spans = spanScratch
  const hashes = hashScratch
  // The hash's constants as int32 locals: FNV_OFFSET, above 2^31, is otherwise a boxed number to read.
  const offset = FNV_OFFSET | 0
  const prime = FNV_PRIME
  let k = 0
  let h = offset
  for (let i = 0; i < n; i++) {
    const unit = text.charCodeAt(i)
    // 0 for a unit of no word, 1 for a word unit; the other classes are out of that range.
    const word = unitClass[unit]! - OTHER
    if (word >>> 0 <= 1) {
      hashes[k >> 1] = h
      spans[k] = i
      k += word ^ (k & 1)
      const keep = -word
      h = (Math.imul(h ^ unit, prime) & keep) | (offset & ~keep)
      continue
    }
    if (word === UNKNOWN - OTHER) {
      unitClass[unit] = classOf(text[i]!)
      i-- // read again, classed
      continue
    }
    if (word === SPACELESS_UNIT - OTHER) return -1
    // A character outside the BMP (rare: looked up each time), or a lone surrogate (no letter).
    const code = text.codePointAt(i)!
    const kind = code > 0xffff ? classOf(String.fromCodePoint(code)) : OTHER
    if (kind === SPACELESS_UNIT) return -1
    hashes[k >> 1] = h
    spans[k] = i
    if (kind === WORD_UNIT) {
      k |= 1
      h = Math.imul(Math.imul(h ^ unit, prime) ^ text.charCodeAt(i + 1), prime)
    } else {
      k += k & 1
      h = offset
    }
    if (code > 0xffff) i++
  }
  if ((k & 1) === 1) {
    hashes[k >> 1] = h
    spans[k++] = n
  }
  return k >> 1
}

/** Replaces scratch arrays grown for one huge paragraph by small ones (two assignments: a destructuring runs the array iterator). */
function letScratchGo(): void {
  spanScratch = new Int32Array(256)
  hashScratch = new Int32Array(128)
}

function growSpans(): Int32Array {
  return growSpansTo(spanScratch.length * 2)
}

/** Grows the span scratch (and the hashes, half its length) to `entries` entries, keeping what they hold. */
function growSpansTo(entries: number): Int32Array {
  const grown = new Int32Array(entries + (entries & 1))
  grown.set(spanScratch)
  spanScratch = grown
  const hashes = new Int32Array(grown.length >> 1)
  hashes.set(hashScratch)
  hashScratch = hashes
  return grown
}

/** Whether {@link warmUp} ran (at the first call of {@link tokenSpans}, not at load: a program that imports the tokenizer and never calls it pays nothing). */
let warmedUp = false

/**
 * Type feedback for every path of the scans before the first paragraph. V8 optimizes a scan for
 * what it has seen: a kind of string it had not seen (one-byte or two-byte, flat, sliced by
 * `trim()` or concatenated), a character outside the BMP, or the end of a paragraph (the first
 * call, on a long paragraph, is optimized in its loop before it returns) each deoptimized it when
 * first met, and each new TurboFan compile took 25–65 ms, in every worker thread (`node
 * --trace-deopt`: 4 compiles of `scanWords` a run). A dozen calls on these samples cost a few
 * milliseconds once, most of it the compilation of the character-class expressions that the
 * first paragraph in a script without spaces would compile anyway. (V8 gives a function its
 * feedback only after a few calls: hence the repeats.)
 */
function warmUp(): void {
  warmedUp = true
  const lower = (text: string): string => text.toUpperCase().toLowerCase()
  const samples = [
    lower('one-byte words, 12 ü'),
    lower('двухбайтовые слова 𝐀𝐁 😀 \ud800 x'),
    lower('  a sliced piece of text  ').trim(),
    lower('a concatenated ') + lower('piece of text'),
    lower('中文 and words'),
  ]
  for (let k = 0; k < 12; k++) for (const sample of samples) tokenSpans(sample)
}
