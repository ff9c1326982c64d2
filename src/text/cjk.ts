/**
 * CJK character classes: the scripts written without spaces between words, where joined lines
 * get no space.
 *
 * @module
 */

/** Is the code unit a CJK character or CJK/full-width punctuation (scripts written without spaces)? */
export function isCjkCode(c: number): boolean {
  return (
    (c >= 0x2e80 && c <= 0x2fdf) || // radicals
    (c >= 0x3000 && c <= 0x303f) || // CJK symbols and punctuation
    (c >= 0x3040 && c <= 0x31ff) || // kana, bopomofo, CJK strokes, katakana ext.
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xffef) ||
    (c >= 0xd840 && c <= 0xd8bf) // high surrogates of planes 2–3 (CJK extensions)
  )
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
