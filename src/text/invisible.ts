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

/** The members of the set as the body of a regular-expression character class. */
export const INVISIBLE_CLASS = '\\u00AD\\u200B\\u2060\\uFEFF'

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

/**
 * Whether a UTF-16 code unit is white space ({@link SPACE_CLASS}) or invisible
 * ({@link INVISIBLE_CLASS}): the two classes above as one test of a code unit, for the scans
 * that trim a block's source range character by character (`tightenRange`, the text parser's
 * line scan). `test/text/invisible.test.ts` holds it equal to the classes on every code unit.
 */
export function isBlankCode(c: number): boolean {
  return (
    c === 0x20 ||
    (c >= 0x09 && c <= 0x0d) ||
    c === 0xa0 ||
    c === 0xad ||
    c === 0x85 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200b) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x2060 ||
    c === 0x3000 ||
    c === 0xfeff
  )
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
