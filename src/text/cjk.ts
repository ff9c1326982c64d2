/**
 * CJK character classes: the scripts written without spaces between words, where joined lines
 * get no space (the `JOINED` blocks of the one East Asian table, `scripts.ts`).
 *
 * @module
 */
import { eastAsianTraits, JOINED } from './scripts.js'

/**
 * Is the code unit a CJK character or CJK/full-width punctuation (scripts written without
 * spaces)? Han, kana, bopomofo, CJK punctuation, full- and halfwidth forms, the high surrogates
 * of CJK extensions; not Hangul, which is written with spaces.
 */
export function isCjkCode(c: number): boolean {
  return (eastAsianTraits(c) & JOINED) !== 0
}

/** Is the code unit at index `i` of `s` CJK (see {@link isCjkCode})? */
export function isCjkAt(s: string, i: number): boolean {
  return i >= 0 && i < s.length && isCjkCode(s.charCodeAt(i))
}

/** Is the character ending just before index `i` CJK (handles a trailing surrogate pair)? */
export function isCjkBefore(s: string, i: number): boolean {
  if (i <= 0) return false
  const c = s.charCodeAt(i - 1)
  if (c >= 0xdc00 && c <= 0xdfff) return isCjkAt(s, i - 2)
  return isCjkCode(c)
}
