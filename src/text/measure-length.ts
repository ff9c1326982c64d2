import { DENSE, eastAsianTraits } from './scripts.js'

/**
 * How long a text reads, in Latin-equivalent characters: one Han ideograph, kana or Hangul
 * syllable stands for about three Latin letters (a 24-character Chinese sentence and a
 * 28-syllable Korean one translate an 80-character English one), so they count three, and so
 * does CJK punctuation (the `DENSE` blocks of the East Asian table in `scripts.ts`). Length
 * thresholds (`detect.minLength`, `detect.minSentenceLength`) use this measure, so they mean the
 * same amount of text in every script instead of switching detection off for Chinese and Japanese.
 */

/** Weight of a CJK character: ~80 English characters per ~24–28 Chinese, Japanese or Korean ones. */
const CJK_WEIGHT = 3
/** Below this code point there are no CJK characters (Hangul Jamo start at U+1100). */
const FIRST_CJK = 0x1100

/** Han, kana and CJK punctuation (the scripts joined without spaces), or a Hangul syllable or jamo: the `DENSE` blocks of `scripts.ts`. */
function weighsThree(code: number): boolean {
  return (eastAsianTraits(code) & DENSE) !== 0
}

/**
 * The length of `text[start, end)` in Latin-equivalent characters (see the module comment).
 * @example measureLength('Le chat dort.') // 13
 * @example measureLength('市议会批准了预算。') // 9 × 3 = 27 (the full stop is CJK too)
 */
export function measureLength(text: string, start = 0, end = text.length): number {
  let length = end - start
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i)
    if (code >= FIRST_CJK && weighsThree(code)) length += CJK_WEIGHT - 1
  }
  return length
}
