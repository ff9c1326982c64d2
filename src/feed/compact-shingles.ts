/**
 * Bits kept of each shingle hash in what the index stores and compares (issue 12). Stored
 * shingles are most of an index's bytes: 16 bits, Rice-coded, take about 1.5 bytes each where
 * the full hash took 4. Both sides of every comparison are reduced alike, so a verbatim copy
 * still compares at 1; two unrelated articles of n and m shingles share about n·m / 65,536
 * reduced values by chance (3 for two 450-shingle articles: a Jaccard similarity of 0.003),
 * far below every threshold. MinHash signatures are computed on the full hashes.
 */
export const SHINGLE_BITS = 16

/**
 * A sorted, repeat-free shingle set reduced to its {@link SHINGLE_BITS} high bits: sorted,
 * without repeats (the reduction keeps the order, so repeats are neighbours).
 */
export function compactShingles(set: Uint32Array): Uint32Array {
  const shift = 32 - SHINGLE_BITS
  const out = new Uint32Array(set.length)
  let n = 0
  for (let i = 0; i < set.length; i++) {
    const v = (set[i] as number) >>> shift
    if (n === 0 || out[n - 1] !== v) out[n++] = v
  }
  return out.subarray(0, n)
}
