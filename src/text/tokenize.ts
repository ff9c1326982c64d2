import { matchRuns } from './match-runs.js'
import { SPACELESS_CLASS } from './scripts.js'

/**
 * The most characters one match takes; longer runs are matched in pieces and joined again
 * ({@link matchRuns}: an unbounded run overflowed V8's regexp stack on a word of a few million
 * characters). 1,024 is far above any real word, so the join almost never runs. (One edge is
 * not kept: past 1,024 combining marks after a spaceless letter, a word glued to them joins it.)
 */
const MAX_RUN = 1024

/**
 * One letter or digit of a script without spaces (`scripts.ts`) with the combining marks that
 * follow it (a Thai consonant keeps its vowel sign and tone mark; the scripts' own punctuation,
 * such as the Tibetan tsheg, is no token), or a run of letters, marks and digits of any other script.
 */
const TOKEN = new RegExp(`[[${SPACELESS_CLASS}]&&[\\p{L}\\p{N}]]\\p{M}{0,${MAX_RUN}}|[[\\p{L}\\p{M}\\p{N}]--[${SPACELESS_CLASS}]]{1,${MAX_RUN}}`, 'gv')
/** A run of letters, marks and digits (in pieces): the fast path, taken when the text has no spaceless script. */
const WORD = new RegExp(`[\\p{L}\\p{M}\\p{N}]{1,${MAX_RUN}}`, 'gu')
const HAS_SPACELESS = new RegExp(`[${SPACELESS_CLASS}]`, 'v')
/** A piece starting a spaceless letter is a token of its own, never the rest of a cut run. */
const STARTS_SPACELESS = new RegExp(`^[${SPACELESS_CLASS}]`, 'v')

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
  if (!HAS_SPACELESS.test(normalized)) return matchRuns(normalized, WORD, MAX_RUN)
  return matchRuns(normalized, TOKEN, MAX_RUN, (piece) => !STARTS_SPACELESS.test(piece))
}
