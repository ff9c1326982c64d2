import { SPACELESS_CLASS } from './scripts.js'

/**
 * One letter or digit of a script without spaces (`scripts.ts`) with the combining marks that
 * follow it (a Thai consonant keeps its vowel sign and tone mark; the scripts' own punctuation,
 * such as the Tibetan tsheg, is no token), or a run of letters, marks and digits of any other script.
 */
const TOKEN = new RegExp(`[[${SPACELESS_CLASS}]&&[\\p{L}\\p{N}]]\\p{M}*|[[\\p{L}\\p{M}\\p{N}]--[${SPACELESS_CLASS}]]+`, 'gv')
/** A run of letters, marks and digits: the fast path, taken when the text has no spaceless script. */
const WORD = /[\p{L}\p{M}\p{N}]+/gu
const HAS_SPACELESS = new RegExp(`[${SPACELESS_CLASS}]`, 'v')

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
  // The set-subtraction pattern is several times slower than a plain word run: use it only
  // where it changes the answer.
  return normalized.match(HAS_SPACELESS.test(normalized) ? TOKEN : WORD) ?? []
}
