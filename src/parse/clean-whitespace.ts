/**
 * Text normalization shared by the parsers: what a block's `text` looks like, and (for the
 * unified plugins) where each of its characters came from.
 *
 * @module
 */
import { isCjkAt, isCjkBefore } from '../text/cjk.js'
import { classOfUnits, CONTROL_CLASS, INVISIBLE_CLASS, isBlankCode, SPACE_CLASS } from '../text/invisible.js'
import { SPACE_UNITS } from '../text/is-space.js'

/** Characters dropped from a block's text: the invisible ones and the controls (see `text/invisible.ts`). */
const DROPPED = new RegExp(`[${INVISIBLE_CLASS}${CONTROL_CLASS}]`, 'g')
const DROPPED_CHAR = new RegExp(`[${INVISIBLE_CLASS}${CONTROL_CLASS}]`)
/**
 * White space that folding to one space changes (see `text/invisible.ts`): a run of two or more,
 * or one character other than a plain space (`SPACE_CLASS` is `\s` and NEL, and `[^\S ]` is `\s`
 * but the space). Replacing these and not every run of `[SPACE_CLASS]+` gives the same string
 * (a lone plain space is what it would be replaced by; the test holds the two equal on every
 * code unit and random strings), and a block with nothing to fold is not copied: on real pages,
 * where half the blocks hold line breaks, the fold cost 1.5x as much replacing every run.
 */
const FOLDED_SPACE = new RegExp(`[${SPACE_CLASS}]{2,}|[^\\S ]|\\u0085`, 'g')
const SPACE_CHAR = new RegExp(`[${SPACE_CLASS}]`)
/**
 * What cleaning drops or folds but the plain space (the sets of `text/invisible.ts`, white space as
 * its code units but the plain space), as a character-class body: the text parser finds them in
 * its scan for line ends, and a line with none needs only {@link cleanPlainWhitespace}.
 */
export const CHANGED_BY_CLEANING = `${CONTROL_CLASS}${classOfUnits(SPACE_UNITS.filter((c) => c !== 0x20))}\\u0085${INVISIBLE_CLASS}`
/**
 * Text that cleaning leaves as it is but for the trim: no invisible or control character and no
 * white space other than the plain space (the sets of `text/invisible.ts`, white space as its
 * code units but the plain space; the test holds the result equal to the plain definition on
 * every code unit). Most blocks are such text: this class tested over the block, and one
 * substring search for two spaces, cost about half of the drop and the fold tried on it.
 */
const PLAIN_TEXT = new RegExp(`^[^${CHANGED_BY_CLEANING}]*$`)

/**
 * Normalizes the text of one block: drops invisible characters and control characters,
 * turns every kind of white space (no-break spaces, tabs, line breaks) into a space,
 * folds runs of spaces to one and trims both ends.
 *
 * @param text - raw text of a block (already stripped of markup)
 * @returns the cleaned text, `''` when nothing visible is left
 */
export function cleanWhitespace(text: string): string {
  if (PLAIN_TEXT.test(text) && !text.includes('  ')) return text.trim()
  return text.replace(DROPPED, '').replace(FOLDED_SPACE, ' ').trim()
}

/**
 * {@link cleanWhitespace} of text known to hold no character of {@link CHANGED_BY_CLEANING} (the
 * text parser's line scan finds them): only a run of spaces and the ends can change, and the
 * class is not tested again over the text (that test was 6 % of `clean()` on text).
 */
export function cleanPlainWhitespace(text: string): string {
  return text.includes('  ') ? cleanWhitespace(text) : text.trim()
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

/** A piece of a block's raw text: a text node's value, or text the walk adds itself (`node: null`, a `<br>` read as a space). */
export interface Piece<N extends { value: string } = { value: string }> {
  node: N | null
  value: string
}

/** Where a character of a block's text came from: the piece, and the offset in its value. */
export interface PieceOffset {
  piece: number
  offset: number
}

/**
 * Builds `cleanWhitespace(pieces.join(''))` one character at a time, remembering where each
 * character came from (`null` for a folded space): the plugins cut a repeated sentence out of
 * the text node it came from with it. The same character classes as {@link cleanWhitespace}.
 */
export function traceWhitespace(pieces: readonly Piece[]): { text: string; sources: Array<PieceOffset | null> } {
  const out: string[] = []
  const sources: Array<PieceOffset | null> = []
  let space = false
  pieces.forEach((piece, p) => {
    const value = piece.value
    for (let k = 0; k < value.length; k++) {
      const c = value[k]!
      if (DROPPED_CHAR.test(c)) continue
      if (SPACE_CHAR.test(c)) {
        space = true
        continue
      }
      if (space && out.length > 0) {
        out.push(' ')
        sources.push(null)
      }
      space = false
      out.push(c)
      sources.push({ piece: p, offset: k })
    }
  })
  return { text: out.join(''), sources }
}
