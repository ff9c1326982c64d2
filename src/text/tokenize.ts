/**
 * Scripts written without spaces between words. Each of their characters is one token:
 * a word segmenter would need a dictionary per language, and a character is what near-copy
 * detection needs there (measured: `Intl.Segmenter` sentence/word granularity runs far below
 * the library's 5 MB/s target on long text; natural's tokenizers drop CJK and Thai entirely).
 */
const NO_SPACE_SCRIPTS = '\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}\\p{sc=Thai}\\p{sc=Lao}\\p{sc=Khmer}\\p{sc=Myanmar}\\p{sc=Tibetan}'

/** One no-space-script character, or a run of letters, marks and digits of any other script. */
const TOKEN = new RegExp(`[${NO_SPACE_SCRIPTS}]|[[\\p{L}\\p{M}\\p{N}]--[${NO_SPACE_SCRIPTS}]]+`, 'gv')
/** A run of letters, marks and digits: the fast path, taken when the text has no no-space script. */
const WORD = /[\p{L}\p{M}\p{N}]+/gu
const HAS_NO_SPACE_SCRIPT = new RegExp(`[${NO_SPACE_SCRIPTS}]`, 'v')

/**
 * Splits normalized text into comparison tokens: words in scripts with spaces, single
 * characters in scripts without (Chinese, Japanese, Thai, Lao, Khmer, Myanmar, Tibetan).
 * Punctuation and symbols are not tokens.
 *
 * @param normalized Text from `normalizeText()`.
 * @returns The tokens in order.
 * @example tokenize("l'été 2024 中文") // ['l', 'été', '2024', '中', '文']
 */
export function tokenize(normalized: string): string[] {
  // The set-subtraction pattern is several times slower than a plain word run: use it only
  // where it changes the answer.
  return normalized.match(HAS_NO_SPACE_SCRIPT.test(normalized) ? TOKEN : WORD) ?? []
}
