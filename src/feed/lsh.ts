import { mix32 } from '../text/hash.js'

/** LSH banding: the signature is cut into `bands` bands of `rows` values. */
export interface Banding {
  bands: number
  rows: number
}

/**
 * Hashes each band of a MinHash signature to one 32-bit bucket key. Two articles become
 * candidates when any band's key is equal, which happens with probability
 * {@link candidateProbability}`(s)` for Jaccard similarity `s`.
 *
 * @returns `bands` unsigned 32-bit keys, index = band number.
 */
export function bandKeys(signature: Uint32Array, banding: Banding): number[] {
  const keys: number[] = []
  for (let band = 0; band < banding.bands; band++) {
    let h = Math.imul(band + 1, 0x9e3779b1)
    for (let row = 0; row < banding.rows; row++) {
      h = Math.imul(h ^ (signature[band * banding.rows + row] as number), 0x85ebca6b) ^ (h >>> 13)
    }
    keys.push(mix32(h))
  }
  return keys
}

/** The LSH S-curve: P(candidate | Jaccard s) = 1 − (1 − s^rows)^bands. */
export function candidateProbability(s: number, banding: Banding): number {
  return 1 - (1 - s ** banding.rows) ** banding.bands
}
