/**
 * JavaScript's white space (`\s`, what `trim` removes), as a table of UTF-16 code units: every
 * such code unit is in the BMP. One load per character, not a chain of comparisons whose rare
 * branches (a space above U+2000) have no type feedback when a scan is optimized and deoptimize
 * it the first time they run.
 *
 * @module
 */

/** The code units of JavaScript's white space (`\s`), in order: the list {@link isSpace} is built from. */
export const SPACE_UNITS: readonly number[] = Object.freeze([
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008,
  0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff,
])

const SPACES = new Uint8Array(0x10000)
for (const c of SPACE_UNITS) SPACES[c] = 1

/**
 * Whether a UTF-16 code unit is white space as `\s` matches it.
 * @param c A code unit (`charCodeAt`), 0–0xFFFF.
 * @returns `true` for the code units `/\s/u` matches.
 * @example isSpace('\u3000'.charCodeAt(0)) // true
 */
export function isSpace(c: number): boolean {
  return SPACES[c] === 1
}
