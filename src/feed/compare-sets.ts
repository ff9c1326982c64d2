/** Overlap of two shingle sets. */
export interface SetOverlap {
  /** Shingles in both. */
  shared: number
  /** |A ∩ B| / |A ∪ B|, 0 when both are empty. */
  jaccard: number
  /** |A ∩ B| / min(|A|, |B|): how much of the smaller set is found in the larger one. */
  containment: number
}

/**
 * Exact Jaccard similarity and containment of two sorted, repeat-free hash sets, by one
 * merge pass (O(|A| + |B|)). Used to verify every LSH candidate before it is reported.
 */
export function compareSets(a: Uint32Array, b: Uint32Array): SetOverlap {
  let i = 0
  let j = 0
  let shared = 0
  while (i < a.length && j < b.length) {
    const x = a[i] as number
    const y = b[j] as number
    if (x === y) {
      shared++
      i++
      j++
    } else if (x < y) i++
    else j++
  }
  const union = a.length + b.length - shared
  const smaller = Math.min(a.length, b.length)
  return {
    shared,
    jaccard: union === 0 ? 0 : shared / union,
    containment: smaller === 0 ? 0 : shared / smaller,
  }
}
