/**
 * Text normalization shared by the parsers: what a block's `text` looks like.
 *
 * @module
 */
import { isCjkAt, isCjkBefore } from '../text/cjk.js'

/**
 * Invisible characters dropped from a block's text: soft hyphen (U+00AD), zero-width space
 * (U+200B), word joiner (U+2060), byte order mark / zero-width no-break space (U+FEFF).
 * Zero-width non-joiner (U+200C) and joiner (U+200D) are kept: they change how Persian, Indic
 * scripts and emoji sequences are written.
 */
const INVISIBLE = /[\u00AD\u200B\u2060\uFEFF]/g

/**
 * White space folded to one space: everything JavaScript's `\s` matches (which includes
 * U+00A0 and U+202F no-break spaces, U+3000 ideographic space, U+2028/U+2029), plus NEL (U+0085).
 */
const WHITESPACE_RUN = /[\s\u0085]+/g

/** C0/C1 control characters other than white space; they carry no text. */
const CONTROLS = /[\u0000-\u0008\u000E-\u001F\u007F-\u0084\u0086-\u009F]/g

/**
 * Normalizes the text of one block: drops invisible characters and control characters,
 * turns every kind of white space (no-break spaces, tabs, line breaks) into a space,
 * folds runs of spaces to one and trims both ends.
 *
 * @param text - raw text of a block (already stripped of markup)
 * @returns the cleaned text, `''` when nothing visible is left
 */
export function cleanWhitespace(text: string): string {
  return text.replace(INVISIBLE, '').replace(CONTROLS, '').replace(WHITESPACE_RUN, ' ').trim()
}

/**
 * Whether a UTF-16 code unit is white space or invisible for the purpose of trimming a
 * block's source range (see {@link tightenRange}).
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

/**
 * Shrinks `[start, end)` so that it neither starts nor ends with white space or invisible
 * characters of `input` (for example a leading byte order mark). Returns the range unchanged
 * when it holds nothing but blanks.
 */
export function tightenRange(input: string, start: number, end: number): [number, number] {
  let s = start
  let e = end
  while (s < e && isBlankCode(input.charCodeAt(s))) s++
  while (e > s && isBlankCode(input.charCodeAt(e - 1))) e--
  if (s === e) return [start, end]
  return [s, e]
}

const LINE_JOIN = /[ \t\u00A0\u3000\u200B\u2060\uFEFF]*(?:\r\n|[\n\r\u2028\u0085\u000B])[ \t\u00A0\u3000\u200B\u2060\uFEFF]*/g
const HAS_LINE_BREAK = /[\n\r\u2028\u0085\u000B]/
const LETTER = /\p{L}/u
const LOWER = /\p{Ll}/u

/**
 * Joins the lines of one paragraph (the line breaks inside `raw`, with the white space around
 * them): one space, or nothing between two CJK characters, after a soft hyphen, or after a
 * word-internal hyphen followed by a lower-case letter (`self-\naware` → `self-aware`).
 */
export function joinLines(raw: string): string {
  if (!HAS_LINE_BREAK.test(raw)) return raw
  return raw.replace(LINE_JOIN, (m: string, offset: number, s: string) => {
    const after = offset + m.length
    const left = s.charCodeAt(offset - 1)
    if (left === 0xad) return ''
    if (isCjkBefore(s, offset) && isCjkAt(s, after)) return ''
    if ((left === 0x2d || left === 0x2010) && LETTER.test(s.charAt(offset - 2)) && LOWER.test(s.charAt(after))) return ''
    return ' '
  })
}
