/**
 * The invisible characters: the one set every part of the library drops or skips.
 *
 * Soft hyphen (U+00AD), zero-width space (U+200B), word joiner (U+2060) and byte order mark /
 * zero-width no-break space (U+FEFF) carry no text: a block's text drops them, the HTML walk
 * does not count a text node made of them (and white space) as text, and comparison folds
 * them away. Zero-width non-joiner (U+200C) and joiner (U+200D) are not in the set: they
 * change how Persian, Indic scripts and emoji sequences are written.
 *
 * @module
 */
import { SPACE_UNITS } from './is-space.js'

/**
 * The members of the set, as UTF-16 code units: the one list every other form of the set is
 * built from ({@link INVISIBLE_CLASS}, {@link isBlankCode}, the block-text fast test of
 * `parse/clean-whitespace.ts`, the drop rows of `text/normalize-text.ts`).
 */
export const INVISIBLE_UNITS: readonly number[] = Object.freeze([0x00ad, 0x200b, 0x2060, 0xfeff])

/**
 * Code units as the body of a regular-expression character class (`\uXXXX`, consecutive units
 * as a range), for the sets that are kept as lists of units.
 * @param units Code units, in increasing order.
 */
export function classOfUnits(units: readonly number[]): string {
  const hex = (c: number): string => `\\u${c.toString(16).toUpperCase().padStart(4, '0')}`
  let body = ''
  for (let k = 0; k < units.length; k++) {
    let last = k
    while (last + 1 < units.length && units[last + 1] === units[last]! + 1) last++
    body += last === k ? hex(units[k]!) : last === k + 1 ? hex(units[k]!) + hex(units[last]!) : `${hex(units[k]!)}-${hex(units[last]!)}`
    k = last
  }
  return body
}

/** The members of the set as the body of a regular-expression character class. */
export const INVISIBLE_CLASS = classOfUnits(INVISIBLE_UNITS)

/**
 * C0/C1 control characters other than white space (tab, line feed, vertical tab, form feed,
 * carriage return, NEL), as a character-class body: they carry no text either.
 */
export const CONTROL_CLASS = '\\u0000-\\u0008\\u000E-\\u001F\\u007F-\\u0084\\u0086-\\u009F'

/**
 * White space folded to one space in a block's text, as a character-class body: everything
 * JavaScript's `\s` matches (which includes U+00A0 and U+202F no-break spaces, U+3000
 * ideographic space, U+2028/U+2029), plus NEL (U+0085), which `\s` leaves out.
 */
export const SPACE_CLASS = '\\s\\u0085'

/** NEL (U+0085): white space to the parsers ({@link SPACE_CLASS}), not to JavaScript's `\s`. */
const NEL = 0x85

/** {@link isBlankCode}'s table: white space ({@link SPACE_UNITS} and NEL) and {@link INVISIBLE_UNITS}. */
const BLANK = new Uint8Array(0x10000)
for (const c of [...SPACE_UNITS, NEL, ...INVISIBLE_UNITS]) BLANK[c] = 1

/**
 * Whether a UTF-16 code unit is white space ({@link SPACE_CLASS}) or invisible
 * ({@link INVISIBLE_CLASS}): the two classes above as one test of a code unit, for the scans
 * that trim a block's source range character by character (`tightenRange`, the text parser's
 * line scan). `test/text/invisible.test.ts` holds it equal to the classes on every code unit.
 */
export function isBlankCode(c: number): boolean {
  return BLANK[c] === 1
}

/** Holds a character that is neither white space nor invisible. */
const VISIBLE = new RegExp(`[^${SPACE_CLASS}${INVISIBLE_CLASS}]`)

/** Whether `text` holds something a reader sees (anything but white space and invisible characters). */
export function hasVisibleText(text: string): boolean {
  return VISIBLE.test(text)
}

/** Index of the first visible character of `text`, `-1` when there is none. */
export function firstVisibleIndex(text: string): number {
  return text.search(VISIBLE)
}

/** Index of the last visible character of `text`, `-1` when there is none. */
export function lastVisibleIndex(text: string): number {
  for (let i = text.length - 1; i >= 0; i--) if (VISIBLE.test(text[i]!)) return i
  return -1
}
