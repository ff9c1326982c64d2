import { mix32, seededUint32 } from '../text/hash.js'

/** Parameters of {@link createMinHash}. */
export interface MinHashOptions {
  /** Number of hash permutations (signature length). @default 64 */
  permutations?: number
  /** Seed of the permutation coefficients; fixed so signatures are stable across runs. @default 0x5eed */
  seed?: number
}

/**
 * Builds a MinHash function. Permutation `i` maps a shingle hash `x` to
 * `mix32(a_i · x + b_i mod 2^32)` with odd `a_i`: a bijection of 32-bit integers drawn from a
 * universal family by a seeded generator (mulberry32), so every run and every machine
 * computes the same signature.
 *
 * @returns `signature(set)`: for each permutation, the least image of the set (0xffffffff for an empty set).
 */
export function createMinHash(options: MinHashOptions = {}): (set: Uint32Array) => Uint32Array {
  const count = options.permutations ?? 64
  const next = seededUint32(options.seed ?? 0x5eed)
  const a = new Int32Array(count)
  const b = new Int32Array(count)
  for (let i = 0; i < count; i++) {
    a[i] = next() | 1
    b[i] = next() | 0
  }
  return (set) => {
    const signature = new Uint32Array(count).fill(0xffffffff)
    for (let s = 0; s < set.length; s++) {
      const x = set[s] as number
      for (let i = 0; i < count; i++) {
        const h = mix32((Math.imul(a[i] as number, x) + (b[i] as number)) | 0)
        if (h < (signature[i] as number)) signature[i] = h
      }
    }
    return signature
  }
}
