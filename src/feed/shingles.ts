import { mix32 } from '../text/hash.js'
import { tokenSpans } from '../text/tokenize.js'

/**
 * The shingle set of a text: 32-bit hashes of every run of `size` consecutive tokens
 * (`tokenize()`'s tokens, the tokenizer of in-article detection), sorted ascending, without repeats. A text with fewer than `size`
 * tokens (but at least one) yields one shingle of all its tokens.
 *
 * @param normalized Text already passed through `normalizeText`.
 * @param size Tokens per shingle. @default 3
 */
export function shingles(normalized: string, size = 3): Uint32Array {
  // The tokens' FNV-1a hashes come with their spans: `hash32(token)` is `mix32` of that hash, so
  // no token is sliced out and none is read twice. A typed array, not a JS array of hashes: those
  // were small integers in one paragraph and doubles in the next, and each new kind deoptimized
  // this function ("wrong map"). The bits are the same (only `^` reads them).
  const { hashes: tokenHashes, count: tokens } = tokenSpans(normalized)
  if (tokens === 0) return new Uint32Array(0)
  const hashes = new Int32Array(tokens)
  for (let t = 0; t < tokens; t++) hashes[t] = mix32(tokenHashes[t] as number)
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

/**
 * The union of shingle sets, each sorted ascending without repeats (as {@link shingles} and
 * `compactShingles` return them): sorted, without repeats, in a new array. Merged pairwise
 * (O(n log k) for k sets of n shingles in all) rather than concatenated and sorted again: the
 * judging thread takes a union for every candidate it verifies.
 */
export function unionShingles(sets: readonly Uint32Array[]): Uint32Array {
  if (sets.length === 0) return new Uint32Array(0)
  if (sets.length === 1) return (sets[0] as Uint32Array).slice()
  let level: Uint32Array[] = [...sets]
  while (level.length > 1) {
    const next: Uint32Array[] = []
    for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? mergeSets(level[i] as Uint32Array, level[i + 1] as Uint32Array) : (level[i] as Uint32Array))
    level = next
  }
  return level[0] as Uint32Array
}

/**
 * The union of the paragraphs' shingle sets ({@link unionShingles}), their list built by `push`:
 * `map` returns a packed array while its caller is interpreted and a holey one once TurboFan
 * inlines it, and `unionShingles`, optimized for one kind, deoptimized on the other.
 * @param paragraphs Paragraphs with their sorted sets, in any order.
 * @returns A new sorted, repeat-free set.
 */
export function unionOfParagraphs(paragraphs: ReadonlyArray<{ shingles: Uint32Array }>): Uint32Array {
  const sets: Uint32Array[] = []
  for (const p of paragraphs) sets.push(p.shingles)
  return unionShingles(sets)
}

/** The union of two sorted, repeat-free sets, by one merge pass. */
function mergeSets(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(a.length + b.length)
  let i = 0
  let j = 0
  let n = 0
  while (i < a.length && j < b.length) {
    const x = a[i] as number
    const y = b[j] as number
    if (x < y) {
      out[n++] = x
      i++
    } else if (y < x) {
      out[n++] = y
      j++
    } else {
      out[n++] = x
      i++
      j++
    }
  }
  while (i < a.length) out[n++] = a[i++] as number
  while (j < b.length) out[n++] = b[j++] as number
  return n === out.length ? out : out.subarray(0, n)
}
