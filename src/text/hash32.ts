/**
 * Fast, deterministic 32-bit hashing built on `Math.imul` (runs anywhere JavaScript runs).
 *
 * `hash32` is FNV-1a over UTF-16 code units followed by the MurmurHash3 finalizer, so every
 * input bit reaches every output bit. Not cryptographic: used for shingles, bands and
 * paragraph fingerprints, where a rare collision only adds a candidate that is then verified.
 *
 * @param text Any string.
 * @param seed Selects an independent hash function. @default 0
 * @returns An unsigned 32-bit integer.
 */
export function hash32(text: string, seed = 0): number {
  let h = (0x811c9dc5 ^ Math.imul(seed, 0x9e3779b1)) >>> 0
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return mix32(h)
}

/**
 * MurmurHash3's 32-bit finalizer: a bijection on 32-bit integers that mixes every bit.
 * @returns An unsigned 32-bit integer.
 */
export function mix32(h: number): number {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}
