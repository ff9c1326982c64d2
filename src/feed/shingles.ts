import { hash32, mix32 } from '../text/hash.js'
import { tokenize } from '../text/tokenize.js'

/**
 * The shingle set of a text: 32-bit hashes of every run of `size` consecutive tokens
 * (`tokenize()`, the tokenizer of in-article detection), sorted ascending, without repeats. A text with fewer than `size`
 * tokens (but at least one) yields one shingle of all its tokens.
 *
 * @param normalized Text already passed through `normalizeText`.
 * @param size Tokens per shingle. @default 3
 */
export function shingles(normalized: string, size = 3): Uint32Array {
  const tokens = tokenize(normalized)
  if (tokens.length === 0) return new Uint32Array(0)
  const hashes = tokens.map((token) => hash32(token))
  const count = Math.max(1, hashes.length - size + 1)
  const out = new Uint32Array(count)
  for (let i = 0; i < count; i++) {
    let h = size
    const end = Math.min(i + size, hashes.length)
    for (let j = i; j < end; j++) h = Math.imul(h ^ (hashes[j] as number), 0x9e3779b1) ^ (h >>> 15)
    out[i] = mix32(h)
  }
  return sortedUnique(out)
}

/** Sorts a hash array ascending and drops repeats (returns a view on the same buffer). */
export function sortedUnique(values: Uint32Array): Uint32Array {
  values.sort()
  let n = 0
  for (let i = 0; i < values.length; i++) {
    if (i === 0 || values[i] !== values[n - 1]) values[n++] = values[i] as number
  }
  return values.subarray(0, n)
}

/** The union of sorted shingle sets, sorted and without repeats. */
export function unionShingles(sets: readonly Uint32Array[]): Uint32Array {
  let total = 0
  for (const set of sets) total += set.length
  const all = new Uint32Array(total)
  let offset = 0
  for (const set of sets) {
    all.set(set, offset)
    offset += set.length
  }
  return sortedUnique(all)
}
