/**
 * Where a sentence ends: terminal punctuation followed by white space (closing quotes and
 * brackets may stand between), or a CJK full stop/question/exclamation mark, which needs no
 * space after it. French typography puts a (narrow) no-break space or a space before the
 * closing guillemet: `« Nous partons. » Puis…` ends after the `»`. Abbreviations ("M. Macron")
 * over-split; that is harmless here, since both copies of a repeated sentence split the same way
 * and short pieces are never cut.
 *
 * The rule, as a regular expression (the test keeps it as the oracle):
 * `[.!?…؟।።]+(?:[\u00a0\u202f ]?»|["'”’)\]])*\s+|[。！？]+["'»”’」』)\]]*\s*`. It is run as a
 * scan of code units, not as that expression: a run of punctuation is read once, and the
 * expression's backtracking over a long run with no space after it (12.8 M `؟` of a mis-decoded
 * page) overflowed the regular-expression engine's stack with a `RangeError`. The scan is linear
 * and keeps no stack.
 *
 * @module
 */

/** Closing quotes and brackets after terminal punctuation: " ' ” ’ ) ] (» is read with its optional space). */
function isCloser(c: number): boolean {
  return c === 0x22 || c === 0x27 || c === 0x201d || c === 0x2019 || c === 0x29 || c === 0x5d
}

/** Closing quotes and brackets after CJK punctuation: " ' » ” ’ 」 』 ) ] */
function isCjkCloser(c: number): boolean {
  return c === 0x22 || c === 0x27 || c === 0xbb || c === 0x201d || c === 0x2019 || c === 0x300d || c === 0x300f || c === 0x29 || c === 0x5d
}

/** The space that may stand before a closing guillemet: space, no-break space, narrow no-break space. */
function isGuillemetSpace(c: number): boolean {
  return c === 0x20 || c === 0xa0 || c === 0x202f
}

/** JavaScript's `\s` (and what `trimEnd` removes): every code unit here is in the BMP. */
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d)
  if (c < 0xa0) return false
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
}

const GUILLEMET = 0xbb

/** Per UTF-16 code unit: 1 for terminal punctuation, 2 for CJK terminal punctuation, 0 for the rest (one load per character of the scan, not seven comparisons). */
const TERMINAL = 1
const CJK_TERMINAL = 2
const ENDS = new Uint8Array(0x10000)
for (const c of [0x2e, 0x21, 0x3f, 0x2026, 0x061f, 0x0964, 0x1362]) ENDS[c] = TERMINAL
for (const c of [0x3002, 0xff01, 0xff1f]) ENDS[c] = CJK_TERMINAL

/** Terminal punctuation that needs white space after it: . ! ? … ؟ । ። */
const isTerminal = (c: number): boolean => ENDS[c] === TERMINAL
/** CJK terminal punctuation, a sentence end by itself: 。！？ */
const isCjkTerminal = (c: number): boolean => ENDS[c] === CJK_TERMINAL

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
    const kind = ENDS[text.charCodeAt(i)]!
    if (kind === 0) {
      i++
      continue
    }
    let stop = -1
    if (kind === TERMINAL) {
      let j = i + 1
      while (j < n && isTerminal(text.charCodeAt(j))) j++
      // Closers, read greedily. The expression would give closers back until white space
      // follows; the only closer that starts with white space is a spaced guillemet, so the
      // end is where the closers stop when white space follows there, else before the last
      // spaced guillemet, else there is no sentence end at this run.
      let lastSpaced = -1
      let k = j
      for (;;) {
        if (k >= n) break
        const d = text.charCodeAt(k)
        if (d === GUILLEMET || isCloser(d)) k++
        else if (isGuillemetSpace(d) && k + 1 < n && text.charCodeAt(k + 1) === GUILLEMET) {
          lastSpaced = k
          k += 2
        } else break
      }
      if (k < n && isSpace(text.charCodeAt(k))) stop = k
      else if (lastSpaced >= 0) stop = lastSpaced
      if (stop < 0) {
        i = j
        continue
      }
    } else {
      let k = i + 1
      while (k < n && isCjkTerminal(text.charCodeAt(k))) k++
      while (k < n && isCjkCloser(text.charCodeAt(k))) k++
      stop = k
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
