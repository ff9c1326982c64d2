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
 * The same file holds the one table of East Asian code units ({@link EAST_ASIAN_BLOCKS}) that
 * the other "is this CJK" questions read: where joined lines get no space (`cjk.ts`), what
 * weighs three Latin letters (`measure-length.ts`), the column width of hard-wrapped text
 * (`parse/from-text.ts`) and the script of a Han, kana or Hangul letter (`language/script.ts`).
 * The tokenizer asks Unicode's `Script` property instead (a regular expression cannot read a
 * table), for the list above: Han and kana are in both, as they must be.
 *
 * @module
 */

/** Unicode `Script` values of the scripts written without spaces. */
export const SPACELESS_SCRIPTS = ['Han', 'Hiragana', 'Katakana', 'Thai', 'Lao', 'Khmer', 'Myanmar', 'Tibetan'] as const

/** {@link SPACELESS_SCRIPTS} as the body of a regular-expression character class (`u` or `v` flag). */
export const SPACELESS_CLASS = SPACELESS_SCRIPTS.map((script) => `\\p{sc=${script}}`).join('')

/** Trait of {@link EAST_ASIAN_BLOCKS}: two such characters on either side of a line break are joined without a space. */
export const JOINED = 1
/** Trait of {@link EAST_ASIAN_BLOCKS}: the character weighs three Latin letters in `measureLength` (one stands for about a word). */
export const DENSE = 2
/** Trait of {@link EAST_ASIAN_BLOCKS}: drawn two columns wide (East Asian Wide/Fullwidth, as a terminal draws it). */
export const WIDE = 4

/** The letter scripts of {@link EAST_ASIAN_BLOCKS}, as `language/script.ts` names them. */
export type EastAsianLetterScript = 'Han' | 'Kana' | 'Hangul' | 'Latin'

/**
 * The one table of East Asian code units (UTF-16, so characters beyond the BMP appear as their
 * high surrogates): `[first, last, block, traits, letter script?]`, ascending and disjoint.
 * Every "is this CJK" question reads it: line joining (`JOINED`, `isCjkCode`), length
 * (`DENSE`, `measureLength`), the column width of hard-wrapped text (`WIDE`, `parse/from-text.ts`)
 * and the script of a letter for language identification (the last column,
 * `language/script.ts`). The traits differ on purpose where the questions do: Hangul is dense
 * but spaced (not joined); halfwidth forms are joined and dense but one column; symbols and
 * punctuation are no letters; Yi is wide, but neither joined nor dense (and `language/script.ts`
 * names its letters itself).
 */
export const EAST_ASIAN_BLOCKS: ReadonlyArray<readonly [first: number, last: number, block: string, traits: number, letters?: EastAsianLetterScript]> = [
  [0x1100, 0x115f, 'Hangul Jamo: leading consonants', DENSE | WIDE, 'Hangul'],
  [0x1160, 0x11ff, 'Hangul Jamo: vowels, trailing consonants', DENSE, 'Hangul'],
  [0x2e80, 0x2fdf, 'CJK and Kangxi radicals', JOINED | DENSE | WIDE],
  [0x2fe0, 0x2fff, 'Ideographic description characters', WIDE],
  [0x3000, 0x303f, 'CJK symbols and punctuation', JOINED | DENSE | WIDE],
  [0x3040, 0x309f, 'Hiragana', JOINED | DENSE | WIDE, 'Kana'],
  [0x30a0, 0x30a0, 'Katakana-hiragana double hyphen', JOINED | DENSE | WIDE],
  [0x30a1, 0x30fa, 'Katakana', JOINED | DENSE | WIDE, 'Kana'],
  [0x30fb, 0x30fb, 'Katakana middle dot', JOINED | DENSE | WIDE],
  [0x30fc, 0x30ff, 'Katakana prolonged sound and iteration marks', JOINED | DENSE | WIDE, 'Kana'],
  [0x3100, 0x312f, 'Bopomofo', JOINED | DENSE | WIDE],
  [0x3130, 0x318f, 'Hangul compatibility jamo', JOINED | DENSE | WIDE, 'Hangul'],
  [0x3190, 0x31ef, 'Kanbun, Bopomofo extended, CJK strokes', JOINED | DENSE | WIDE],
  [0x31f0, 0x31ff, 'Katakana phonetic extensions', JOINED | DENSE | WIDE, 'Kana'],
  [0x3200, 0x33ff, 'Enclosed CJK letters and months, CJK compatibility', WIDE],
  [0x3400, 0x4dbf, 'CJK unified ideographs extension A', JOINED | DENSE | WIDE, 'Han'],
  [0x4dc0, 0x4dff, 'Yijing hexagram symbols', WIDE],
  [0x4e00, 0x9fff, 'CJK unified ideographs', JOINED | DENSE | WIDE, 'Han'],
  [0xa000, 0xa4cf, 'Yi syllables and radicals', WIDE],
  [0xac00, 0xd7a3, 'Hangul syllables', DENSE | WIDE, 'Hangul'],
  [0xd7a4, 0xd7af, 'Hangul syllables block, unassigned tail', DENSE, 'Hangul'],
  [0xd840, 0xd87f, 'High surrogates of U+20000–U+2FFFF (CJK extensions B–F)', JOINED | DENSE, 'Han'],
  [0xd880, 0xd8bf, 'High surrogates of U+30000–U+3FFFF (CJK extensions G–H)', JOINED | DENSE],
  [0xf900, 0xfaff, 'CJK compatibility ideographs', JOINED | DENSE | WIDE, 'Han'],
  [0xfe30, 0xfe4f, 'CJK compatibility forms', JOINED | DENSE | WIDE],
  [0xff00, 0xff20, 'Fullwidth punctuation and digits', JOINED | DENSE | WIDE],
  [0xff21, 0xff3a, 'Fullwidth Latin capital letters', JOINED | DENSE | WIDE, 'Latin'],
  [0xff3b, 0xff40, 'Fullwidth punctuation', JOINED | DENSE | WIDE],
  [0xff41, 0xff5a, 'Fullwidth Latin small letters', JOINED | DENSE | WIDE, 'Latin'],
  [0xff5b, 0xff60, 'Fullwidth brackets', JOINED | DENSE | WIDE],
  [0xff61, 0xff65, 'Halfwidth CJK punctuation', JOINED | DENSE],
  [0xff66, 0xff9d, 'Halfwidth katakana', JOINED | DENSE, 'Kana'],
  [0xff9e, 0xffdf, 'Halfwidth sound marks and Hangul', JOINED | DENSE],
  [0xffe0, 0xffe6, 'Fullwidth symbol variants', JOINED | DENSE | WIDE],
  [0xffe7, 0xffef, 'Halfwidth symbol variants', JOINED | DENSE],
]

/** The traits of every UTF-16 code unit, from {@link EAST_ASIAN_BLOCKS} (64 KiB, one lookup per character on hot paths). */
const TRAITS = new Uint8Array(0x10000)
for (const [first, last, , traits] of EAST_ASIAN_BLOCKS) TRAITS.fill(traits, first, last + 1)

/**
 * The traits (`JOINED | DENSE | WIDE`) of a UTF-16 code unit, `0` for one outside
 * {@link EAST_ASIAN_BLOCKS} (and for `NaN`, what `charCodeAt` gives past the end).
 */
export function eastAsianTraits(code: number): number {
  return TRAITS[code] ?? 0
}
