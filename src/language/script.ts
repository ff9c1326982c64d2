/**
 * Writing-system detection from Unicode ranges: the cheap first step of language identification.
 * Many scripts are used by one language only (Hangul → ko, Thai → th, Greek → el, ...), so the
 * script alone decides; for the others it narrows the candidates.
 */
import { EAST_ASIAN_BLOCKS } from '../text/scripts.js'

/** Scripts told apart. `Han` and `Kana` are counted apart so that Japanese can be told from Chinese. */
export type Script =
  | 'Latin' | 'Cyrillic' | 'Greek' | 'Armenian' | 'Hebrew' | 'Arabic' | 'Syriac' | 'Thaana'
  | 'Devanagari' | 'Bengali' | 'Gurmukhi' | 'Gujarati' | 'Oriya' | 'Tamil' | 'Telugu' | 'Kannada'
  | 'Malayalam' | 'Sinhala' | 'Thai' | 'Lao' | 'Tibetan' | 'Myanmar' | 'Georgian' | 'Hangul'
  | 'Ethiopic' | 'Cherokee' | 'Canadian' | 'Khmer' | 'Mongolian' | 'OlChiki' | 'Tifinagh' | 'Kana'
  | 'Han' | 'Yi' | 'Javanese'

/**
 * [first, last, script] code point ranges, ascending. Combining marks count for no script.
 * Han, kana, Hangul and fullwidth Latin come from the one East Asian table (`text/scripts.ts`).
 */
const RANGES: ReadonlyArray<readonly [number, number, Script]> = (
  [
  [0x41, 0x5a, 'Latin'], [0x61, 0x7a, 'Latin'], [0xc0, 0xd6, 'Latin'], [0xd8, 0xf6, 'Latin'],
  [0xf8, 0x2af, 'Latin'], [0x370, 0x3ff, 'Greek'], [0x400, 0x52f, 'Cyrillic'], [0x531, 0x58f, 'Armenian'],
  [0x5d0, 0x5f2, 'Hebrew'], [0x620, 0x64a, 'Arabic'], [0x66e, 0x6d3, 'Arabic'], [0x6fa, 0x6ff, 'Arabic'],
  [0x710, 0x74f, 'Syriac'], [0x750, 0x77f, 'Arabic'], [0x780, 0x7bf, 'Thaana'], [0x8a0, 0x8ff, 'Arabic'],
  [0x900, 0x97f, 'Devanagari'], [0x980, 0x9ff, 'Bengali'], [0xa00, 0xa7f, 'Gurmukhi'],
  [0xa80, 0xaff, 'Gujarati'], [0xb00, 0xb7f, 'Oriya'], [0xb80, 0xbff, 'Tamil'], [0xc00, 0xc7f, 'Telugu'],
  [0xc80, 0xcff, 'Kannada'], [0xd00, 0xd7f, 'Malayalam'], [0xd80, 0xdff, 'Sinhala'], [0xe00, 0xe7f, 'Thai'],
  [0xe80, 0xeff, 'Lao'], [0xf00, 0xfff, 'Tibetan'], [0x1000, 0x109f, 'Myanmar'], [0x10a0, 0x10ff, 'Georgian'],
  [0x1200, 0x139f, 'Ethiopic'], [0x13a0, 0x13ff, 'Cherokee'],
  [0x1400, 0x167f, 'Canadian'], [0x1780, 0x17ff, 'Khmer'], [0x1800, 0x18af, 'Mongolian'],
  [0x1c50, 0x1c7f, 'OlChiki'], [0x1c80, 0x1c8f, 'Cyrillic'], [0x1c90, 0x1cbf, 'Georgian'],
  [0x1e00, 0x1eff, 'Latin'], [0x1f00, 0x1fff, 'Greek'], [0x2d00, 0x2d2f, 'Georgian'],
  [0x2d30, 0x2d7f, 'Tifinagh'], [0x2de0, 0x2dff, 'Cyrillic'], [0xa000, 0xa4cf, 'Yi'], [0xa640, 0xa69f, 'Cyrillic'],
  [0xa980, 0xa9df, 'Javanese'], [0xfb1d, 0xfb4f, 'Hebrew'], [0xfb50, 0xfdff, 'Arabic'], [0xfe70, 0xfefc, 'Arabic'],
  ...EAST_ASIAN_BLOCKS.flatMap(([first, last, , , letters]) => (letters === undefined ? [] : [[first, last, letters] as const])),
  ] as Array<readonly [number, number, Script]>
).sort((x, y) => x[0] - y[0])

/** Scripts written (in practice, for what we can tell) by one language only → its BCP 47 tag. */
export const SCRIPT_LANGUAGE: Readonly<Partial<Record<Script, string>>> = Object.freeze({
  Greek: 'el', Armenian: 'hy', Georgian: 'ka', Hangul: 'ko', Thai: 'th', Lao: 'lo', Khmer: 'km',
  Tibetan: 'bo', Sinhala: 'si', Gurmukhi: 'pa', Gujarati: 'gu', Oriya: 'or', Tamil: 'ta', Telugu: 'te',
  Kannada: 'kn', Malayalam: 'ml', Bengali: 'bn', Thaana: 'dv', Syriac: 'aii', Cherokee: 'chr',
  Canadian: 'iu', Mongolian: 'mn', OlChiki: 'sat', Tifinagh: 'zgh', Yi: 'ii', Javanese: 'jv',
  Han: 'zh', Kana: 'ja',
})

/** What {@link scriptProfile} found in a text. */
export interface ScriptProfile {
  /** The dominant script (Han and Kana merged: Japanese when kana is at least a tenth), `null` when no letters. */
  script: Script | null
  /** Letters seen (CJK characters count three: one stands for about a word). */
  letters: number
  /** Share (0–1) of the weighted letters that are in `script`. */
  share: number
}

/** Scripts by id (index), and each range's script id. */
const SCRIPTS: readonly Script[] = [...new Set(RANGES.map((r) => r[2]))]
const RANGE_IDS: Int8Array = Int8Array.from(RANGES, (r) => SCRIPTS.indexOf(r[2]))
const HAN = SCRIPTS.indexOf('Han')
const KANA = SCRIPTS.indexOf('Kana')
const HANGUL = SCRIPTS.indexOf('Hangul')

/**
 * Script id of every UTF-16 code unit (-1 for none), built from {@link RANGES} on first use (a
 * fill per range: well under a millisecond). A lookup per character instead of a binary search
 * over the ranges, which was a tenth of the language stage's time (bench/profile-clean.ts).
 */
let scriptIds: Int8Array | null = null

function scriptIdTable(): Int8Array {
  if (scriptIds !== null) return scriptIds
  const table = new Int8Array(0x10000).fill(-1)
  RANGES.forEach(([first, last], k) => table.fill(RANGE_IDS[k]!, first, last + 1))
  scriptIds = table
  return table
}

const WEIGHT_CJK = 3
/** Weight of a letter of each script: CJK characters count three (one stands for about a word). */
const WEIGHTS: Int32Array = Int32Array.from(SCRIPTS, (_, id) => (id === HAN || id === KANA || id === HANGUL ? WEIGHT_CJK : 1))
/**
 * Scratch counts (whole numbers, in doubles: the share divides them, and with integer counts V8
 * first compiled that division for whole results and threw the code away at the first fraction).
 */
const counts = new Float64Array(SCRIPTS.length)

/**
 * Counts the weighted letters of each script in `text`'s first `end` code units into `counts`
 * (reset here: the profile is computed synchronously, never re-entered). A function of its own,
 * so that V8's on-stack replacement of this loop does not compile the rest of
 * {@link scriptProfile} before it has run.
 */
function countScripts(text: string, end: number): void {
  const ids = scriptIdTable()
  counts.fill(0)
  for (let i = 0; i < end; i++) {
    const id = ids[text.charCodeAt(i)]!
    if (id >= 0) counts[id] = counts[id]! + WEIGHTS[id]!
  }
}

/**
 * Finds the dominant script of `text`, looking at most at `limit` UTF-16 code units.
 * Japanese is recognized by its kana (≥ 10 % of the Han+kana characters); Korean with hanja by Hangul.
 * @example scriptProfile('Bonjour') // { script: 'Latin', letters: 7, share: 1 }
 */
export function scriptProfile(text: string, limit = 1000): ScriptProfile {
  countScripts(text, Math.min(text.length, limit))
  // Han and kana merged into one of the two; without either, both stay 0. Without a branch:
  // code first run after V8 optimized the function made it throw the optimized code away.
  const cjk = counts[HAN]! + counts[KANA]!
  const japanese = counts[KANA]! * 10 >= cjk
  counts[HAN] = japanese ? 0 : cjk
  counts[KANA] = japanese ? cjk : 0
  let best = -1
  let bestCount = 0
  let letters = 0
  for (let id = 0; id < counts.length; id++) {
    letters += counts[id]!
    if (counts[id]! > bestCount) { best = id; bestCount = counts[id]! }
  }
  if (best < 0) return { script: null, letters: 0, share: 0 }
  return { script: SCRIPTS[best]!, letters, share: bestCount / letters }
}
