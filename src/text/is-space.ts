/**
 * JavaScript's white space (`\s`, what `trim` removes), as a table of UTF-16 code units: every
 * such code unit is in the BMP. One load per character, not a chain of comparisons whose rare
 * branches (a space above U+2000) have no type feedback when a scan is optimized and deoptimize
 * it the first time they run.
 *
 * @module
 */

const SPACES = new Uint8Array(0x10000)
for (const c of [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff]) SPACES[c] = 1
for (let c = 0x2000; c <= 0x200a; c++) SPACES[c] = 1

/**
 * Whether a UTF-16 code unit is white space as `\s` matches it.
 * @param c A code unit (`charCodeAt`), 0–0xFFFF.
 * @returns `true` for the code units `/\s/u` matches.
 * @example isSpace('\u3000'.charCodeAt(0)) // true
 */
export function isSpace(c: number): boolean {
  return SPACES[c] === 1
}
