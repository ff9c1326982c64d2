/**
 * The hash functions of the library, in one place; all built on `Math.imul`, so they run
 * anywhere JavaScript runs and give the same values on every machine.
 *
 * - {@link hash32}: fast 32-bit hash of a string (shingles, bands, paragraph fingerprints);
 *   {@link hash32Pair}: two of its seeds in one pass.
 * - {@link FNV_OFFSET} / {@link FNV_PRIME}: the FNV-1a constants it starts from (also the token
 *   hash of `tokenSpans` and the stores' word tables).
 * - {@link mix32}: MurmurHash3's 32-bit finalizer (used by the others, and by MinHash).
 * - {@link murmur3x86128Hex}: MurmurHash3 x86_128 of bytes (generated article ids).
 * - {@link seededUint32} / {@link seeded}: mulberry32, a small seeded generator (MinHash
 *   permutations; generated corpora of the tests and benches).
 *
 * None is cryptographic.
 *
 * @module
 */

/**
 * FNV-1a's 32-bit offset basis. {@link hash32} and {@link hash32Pair} write it (and the prime)
 * out as literals: V8 folds a literal into the code, but reads a module constant above 2^31 as
 * a boxed number at each call, and `hash32` of short tokens took 1.19× the CPU that way
 * (measured 2026-12-01). test/text/hash.test.ts ties the literals to these constants.
 */
export const FNV_OFFSET = 0x811c9dc5
/** FNV-1a's 32-bit prime. */
export const FNV_PRIME = 0x01000193

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
  // FNV_OFFSET, FNV_PRIME (see there); a seed is multiplied by 2^32 / φ so nearby seeds start far apart.
  let h = (0x811c9dc5 ^ Math.imul(seed, 0x9e3779b1)) >>> 0
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return mix32(h)
}

/**
 * `hash32(text, seedA)` and `hash32(text, seedB)` in one pass over `text`, for a 64-bit
 * identity (paragraph fingerprints) at the cost of one read of the string: written to `out[0]`
 * and `out[1]`, so a hot caller allocates nothing.
 *
 * @param text Any string.
 * @param seedA The first lane's seed, as `hash32`'s `seed`.
 * @param seedB The second lane's seed.
 * @param out Receives the two hashes (unsigned 32-bit). @default a new `Uint32Array(2)`
 * @returns `out`, holding `hash32(text, seedA)` and `hash32(text, seedB)`.
 */
export function hash32Pair(text: string, seedA: number, seedB: number, out: Uint32Array = new Uint32Array(2)): Uint32Array {
  // As in hash32, constants written out.
  let a = (0x811c9dc5 ^ Math.imul(seedA, 0x9e3779b1)) >>> 0
  let b = (0x811c9dc5 ^ Math.imul(seedB, 0x9e3779b1)) >>> 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    a = Math.imul(a ^ c, 0x01000193)
    b = Math.imul(b ^ c, 0x01000193)
  }
  out[0] = mix32(a)
  out[1] = mix32(b)
  return out
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

/**
 * mulberry32: a small seeded generator of unsigned 32-bit integers; the same seed gives the
 * same sequence everywhere.
 * @param seed Any 32-bit integer.
 */
export function seededUint32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (t ^ (t >>> 14)) >>> 0
  }
}

/**
 * {@link seededUint32} as floats in [0, 1), like `Math.random` but reproducible.
 * @param seed Any 32-bit integer.
 */
export function seeded(seed: number): () => number {
  const next = seededUint32(seed)
  return () => next() / 4294967296
}

const C1 = 0x239b961b
const C2 = 0xab0e9789
const C3 = 0x38b34ae5
const C4 = 0xa1e38b93

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r))
}

function word(bytes: Uint8Array, at: number): number {
  return (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0
}

/**
 * MurmurHash3 x86_128 (Austin Appleby's reference algorithm) of `bytes`, as 32 hex digits in
 * the reference byte order (h1…h4, each big-endian hex).
 * @param bytes Any bytes.
 * @param seed A 32-bit seed. @default 0
 */
export function murmur3x86128Hex(bytes: Uint8Array, seed = 0): string {
  const length = bytes.length
  const blocks = length - (length % 16)
  let h1 = seed >>> 0
  let h2 = h1
  let h3 = h1
  let h4 = h1
  for (let i = 0; i < blocks; i += 16) {
    let k1 = word(bytes, i)
    let k2 = word(bytes, i + 4)
    let k3 = word(bytes, i + 8)
    let k4 = word(bytes, i + 12)
    k1 = Math.imul(rotl(Math.imul(k1, C1), 15), C2)
    h1 ^= k1
    h1 = rotl(h1, 19) + h2
    h1 = (Math.imul(h1, 5) + 0x561ccd1b) | 0
    k2 = Math.imul(rotl(Math.imul(k2, C2), 16), C3)
    h2 ^= k2
    h2 = rotl(h2, 17) + h3
    h2 = (Math.imul(h2, 5) + 0x0bcaa747) | 0
    k3 = Math.imul(rotl(Math.imul(k3, C3), 17), C4)
    h3 ^= k3
    h3 = rotl(h3, 15) + h4
    h3 = (Math.imul(h3, 5) + 0x96cd1c35) | 0
    k4 = Math.imul(rotl(Math.imul(k4, C4), 18), C1)
    h4 ^= k4
    h4 = rotl(h4, 13) + h1
    h4 = (Math.imul(h4, 5) + 0x32ac3b17) | 0
  }
  let k1 = 0
  let k2 = 0
  let k3 = 0
  let k4 = 0
  const tail = length - blocks
  const at = (n: number): number => bytes[blocks + n]!
  /* eslint-disable no-fallthrough */
  switch (tail) {
    case 15: k4 ^= at(14) << 16
    case 14: k4 ^= at(13) << 8
    case 13:
      k4 ^= at(12)
      k4 = Math.imul(rotl(Math.imul(k4, C4), 18), C1)
      h4 ^= k4
    case 12: k3 ^= at(11) << 24
    case 11: k3 ^= at(10) << 16
    case 10: k3 ^= at(9) << 8
    case 9:
      k3 ^= at(8)
      k3 = Math.imul(rotl(Math.imul(k3, C3), 17), C4)
      h3 ^= k3
    case 8: k2 ^= at(7) << 24
    case 7: k2 ^= at(6) << 16
    case 6: k2 ^= at(5) << 8
    case 5:
      k2 ^= at(4)
      k2 = Math.imul(rotl(Math.imul(k2, C2), 16), C3)
      h2 ^= k2
    case 4: k1 ^= at(3) << 24
    case 3: k1 ^= at(2) << 16
    case 2: k1 ^= at(1) << 8
    case 1:
      k1 ^= at(0)
      k1 = Math.imul(rotl(Math.imul(k1, C1), 15), C2)
      h1 ^= k1
  }
  h1 ^= length
  h2 ^= length
  h3 ^= length
  h4 ^= length
  h1 = (h1 + h2 + h3 + h4) | 0
  h2 = (h2 + h1) | 0
  h3 = (h3 + h1) | 0
  h4 = (h4 + h1) | 0
  h1 = mix32(h1)
  h2 = mix32(h2)
  h3 = mix32(h3)
  h4 = mix32(h4)
  h1 = (h1 + h2 + h3 + h4) | 0
  h2 = (h2 + h1) | 0
  h3 = (h3 + h1) | 0
  h4 = (h4 + h1) | 0
  return [h1, h2, h3, h4].map((h) => (h >>> 0).toString(16).padStart(8, '0')).join('')
}
