/**
 * The scripts written without spaces between words: the one list behind tokenizing (in-article
 * detection and feed shingles alike).
 *
 * Each of their characters (with the combining marks that follow it) is one token: a word
 * segmenter would need a dictionary per language, and a character is what near-copy detection
 * needs there (measured: `Intl.Segmenter` sentence/word granularity runs far below the
 * library's 5 MB/s target on long text; natural's tokenizers drop CJK and Thai entirely).
 * Tibetan is in the list although it marks syllables with a tsheg: its syllables are short,
 * and a character is the unit the other scripts of the list use.
 *
 * Three other character tables answer nearby but different questions, on purpose:
 * `cjk.ts` (`isCjkCode`: Han, kana and CJK punctuation, where joined lines get no space; Thai
 * is not there, as Thai separates phrases with spaces), `measure-length.ts` (what weighs three
 * Latin letters: `isCjkCode` plus Hangul, which is spaced but dense) and the column width of
 * `parse/from-text.ts` (East Asian Wide/Fullwidth, as a terminal draws it); `language/script.ts`
 * names the script of every letter, to identify languages.
 *
 * @module
 */

/** Unicode `Script` values of the scripts written without spaces. */
export const SPACELESS_SCRIPTS = ['Han', 'Hiragana', 'Katakana', 'Thai', 'Lao', 'Khmer', 'Myanmar', 'Tibetan'] as const

/** {@link SPACELESS_SCRIPTS} as the body of a regular-expression character class (`u` or `v` flag). */
export const SPACELESS_CLASS = SPACELESS_SCRIPTS.map((script) => `\\p{sc=${script}}`).join('')
