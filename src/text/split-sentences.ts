/**
 * Where a sentence ends: terminal punctuation followed by white space (closing quotes and
 * brackets may stand between), or a CJK full stop/question/exclamation mark, which needs no
 * space after it: the quotes and brackets that close a sentence in CJK text stay with it, and
 * the others (“ ‘ « ‹ ›, a spaced » or ›) only when white space follows them (in Chinese “ and ‘
 * open the next sentence: 他说。“走吧。”). French typography puts a (narrow) no-break space or a space before the
 * closing guillemet: `« Nous partons. » Puis…` ends after the `»`. Abbreviations ("M. Macron")
 * over-split; that is harmless here, since both copies of a repeated sentence split the same way
 * and short pieces are never cut.
 *
 * The rule, as a regular expression (the test keeps it as the oracle):
 * `[.!?…؟।॥።۔]+(?:[\u00a0\u202f ]?[»›]|["'”’“‘«‹)\]」』\u200e\u200f\u061c])*\s+|[。！？]+(?:(?:[\u00a0\u202f ]?[»›]|["'”’“‘«‹)\]」』\u200e\u200f\u061c])*\s+|["'»”’」』)\]\u200e\u200f\u061c]*\s*)`.
 * German quotes close with “ ‘ « ‹ („Wir bleiben.“, »Wir bleiben.«), French ones with » ›,
 * Japanese ones with 」 』 (also after a Latin stop: 「Hello.」); a right-to-left page may write a
 * bidirectional mark (LRM, RLM, ALM) after the stop. Where a line ends so, `endsLikeSentence`
 * (src/parse/ends-like-sentence.ts) says it ends like a sentence: the two agree (a property test
 * checks it). It is run as a
 * scan of code units (from one terminal mark to the next, found by a one-class search), not as
 * that expression: a run of punctuation is read once, and the
 * expression's backtracking over a long run with no space after it (12.8 M `؟` of a mis-decoded
 * page) overflowed the regular-expression engine's stack with a `RangeError`. The scan is linear
 * and keeps no stack.
 *
 * @module
 */

import { classOfUnits } from './invisible.js'
import { isSpace } from './is-space.js'

/**
 * Per UTF-16 code unit, bits: {@link AFTER_TERMINAL} for the closers after terminal punctuation
 * (" ' » › ” ’ “ ‘ « ‹ ) ] 」 』 and the bidirectional marks; » and › also with a space before
 * them, read apart), {@link AFTER_CJK} for those that stay with a CJK sentence end whatever
 * follows (" ' » ” ’ 」 』 ) ] and the marks; not “ or ‘, which open the next sentence in
 * Chinese: 他说。“走吧。”). Loads from one table, not chains of comparisons
 * whose rare branches (a CJK sentence end) had no type feedback when the scan was optimized and
 * deoptimized it the first time they ran; both kinds of sentence end run the same code. White
 * space is read from its own table the same way ({@link isSpace}).
 */
const AFTER_TERMINAL = 1
const AFTER_CJK = 2
const TRAITS = new Uint8Array(0x10000)
for (const c of [0x22, 0x27, 0xbb, 0x201d, 0x2019, 0x29, 0x5d, 0x300d, 0x300f, 0x200e, 0x200f, 0x061c]) TRAITS[c] = AFTER_TERMINAL | AFTER_CJK
for (const c of [0x203a, 0x201c, 0x2018, 0xab, 0x2039]) TRAITS[c] = AFTER_TERMINAL

/** The space that may stand before a closing guillemet: space, no-break space, narrow no-break space. */
function isGuillemetSpace(c: number): boolean {
  return c === 0x20 || c === 0xa0 || c === 0x202f
}

/** The closing guillemets French typography writes after a space: » and ›. */
const isClosingGuillemet = (c: number): boolean => c === 0xbb || c === 0x203a

/**
 * Per UTF-16 code unit (one load per character of the scan, not seven comparisons):
 * {@link TERMINAL} for terminal punctuation, which needs white space after it (. ! ? … ؟ । ॥ ። ۔),
 * {@link CJK_TERMINAL} for CJK terminal punctuation, a sentence end by itself (。！？), 0 for the rest.
 */
const TERMINAL = 1
const CJK_TERMINAL = 2
const ENDS = new Uint8Array(0x10000)
const TERMINAL_UNITS = [0x2e, 0x21, 0x3f, 0x2026, 0x061f, 0x0964, 0x0965, 0x1362, 0x06d4]
const CJK_TERMINAL_UNITS = [0x3002, 0xff01, 0xff1f]
for (const c of TERMINAL_UNITS) ENDS[c] = TERMINAL
for (const c of CJK_TERMINAL_UNITS) ENDS[c] = CJK_TERMINAL
/** Any unit {@link ENDS} marks, as one character class (built from the same lists). */
const TERMINAL_MARK = new RegExp(`[${classOfUnits([...TERMINAL_UNITS, ...CJK_TERMINAL_UNITS].sort((a, b) => a - b))}]`, 'g')

/**
 * Splits a paragraph into sentences.
 *
 * A scan, not `Intl.Segmenter`: measured here, the segmenter's sentence mode runs at a few kB/s
 * on long text, two orders of magnitude below what the library needs.
 *
 * @param text A paragraph.
 * @returns `[start, end)` UTF-16 ranges into `text`, trailing white space excluded, in order.
 */
export function splitSentences(text: string): Array<[number, number]> {
  const flat: number[] = []
  sentenceRanges(text, flat)
  const ranges: Array<[number, number]> = []
  for (let k = 0; k < flat.length; k += 2) ranges.push([flat[k]!, flat[k + 1]!])
  return ranges
}

/**
 * {@link splitSentences} without a pair per sentence: appends each sentence's `start, end` to
 * `out` (for callers that keep them flat, as duplicate detection does for every paragraph).
 *
 * @param text A paragraph.
 * @param out Where the offsets are appended, two per sentence.
 */
export function sentenceRanges(text: string, out: number[]): void {
  const n = text.length
  let start = 0
  let i = 0
  while (i < n) {
    // The next terminal mark, found by the regular-expression engine's scan: one table load per
    // unit in a loop here was 3 % of clean() (most paragraphs have a stop every sentence or so).
    TERMINAL_MARK.lastIndex = i
    if (!TERMINAL_MARK.test(text)) break
    i = TERMINAL_MARK.lastIndex - 1
    const kind = ENDS[text.charCodeAt(i)]!
    // The run of punctuation of this kind, then closers, read greedily. The expression would
    // give closers back until white space follows; the only closer that starts with white space
    // is a spaced guillemet, so the end is where the closers stop when white space follows
    // there, else before the last spaced guillemet. Else, after terminal punctuation there is no
    // sentence end at this run, and after CJK punctuation it is where the closers that always
    // stay with it stop (`cjkEnd`: the run's start made only of them).
    let j = i + 1
    while (j < n && ENDS[text.charCodeAt(j)] === kind) j++
    let lastSpaced = -1
    let k = j
    let cjkEnd = j
    for (;;) {
      if (k >= n) break
      const d = text.charCodeAt(k)
      const traits = TRAITS[d]!
      if ((traits & AFTER_TERMINAL) !== 0) {
        if (cjkEnd === k && (traits & AFTER_CJK) !== 0) cjkEnd = k + 1
        k++
      } else if (isGuillemetSpace(d) && k + 1 < n && isClosingGuillemet(text.charCodeAt(k + 1))) {
        lastSpaced = k
        k += 2
      } else break
    }
    const stop = k < n && isSpace(text.charCodeAt(k)) ? k : lastSpaced >= 0 || kind === TERMINAL ? lastSpaced : cjkEnd
    if (stop < 0) {
      i = j
      continue
    }
    let next = stop
    while (next < n && isSpace(text.charCodeAt(next))) next++
    if (stop > start) out.push(start, stop)
    start = next
    i = next
  }
  let end = n
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--
  if (end > start) out.push(start, end)
}
