/**
 * Above this many DP cells (tokens × tokens) the exact common-subsequence length is replaced
 * by the size of the token-multiset intersection, an upper bound computed in linear time.
 * 4 M cells is two paragraphs of 2,000 words each: well past real news paragraphs, and
 * keeps one comparison under ~10 ms so hostile input stays linear.
 */
const MAX_CELLS = 4_000_000

/**
 * Length of the longest common subsequence of two token-id sequences: how many tokens of
 * one appear, in the same order, in the other. Words inserted, deleted or changed lower it
 * by one each; shared vocabulary in a different order does not raise it.
 *
 * @param a Token ids.
 * @param b Token ids.
 * @returns A count between 0 and `min(a.length, b.length)`.
 */
export function commonSubsequenceLength(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length === 0 || b.length === 0) return 0
  if (a.length * b.length > MAX_CELLS) return multisetOverlap(a, b)
  // Plain conditionals and swaps, not `[short, long] = … ? [a, b] : [b, a]` nor
  // `[previous, current] = [current, previous]`: destructuring runs the array iterator, and the
  // side not taken before the function was optimized deoptimized it when first taken.
  const aShorter = a.length <= b.length
  const short = aShorter ? a : b
  const long = aShorter ? b : a
  let previous = new Uint32Array(short.length + 1)
  let current = new Uint32Array(short.length + 1)
  for (let i = 0; i < long.length; i++) {
    const token = long[i]
    for (let j = 0; j < short.length; j++) {
      current[j + 1] =
        short[j] === token ? previous[j]! + 1 : Math.max(previous[j + 1]!, current[j]!)
    }
    const swap = previous
    previous = current
    current = swap
  }
  return previous[short.length]!
}

function multisetOverlap(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const counts = new Map<number, number>()
  for (let i = 0; i < a.length; i++) counts.set(a[i]!, (counts.get(a[i]!) ?? 0) + 1)
  let shared = 0
  for (let i = 0; i < b.length; i++) {
    const left = counts.get(b[i]!) ?? 0
    if (left > 0) {
      shared++
      counts.set(b[i]!, left - 1)
    }
  }
  return shared
}

/** How alike two token sequences are, both ways. */
export interface TokenSimilarity {
  /** `2·L / (|a| + |b|)`, L the common-subsequence length: 1 for equal sequences. */
  ratio: number
  /** `L / |a|`: the share of `a` found in order inside `b`. */
  aInB: number
  /** `L / |b|`. */
  bInA: number
}

/**
 * Compares two token-id sequences by their longest common subsequence.
 * @returns ratio and containment both ways, each 0–1.
 */
export function compareTokens(a: ArrayLike<number>, b: ArrayLike<number>): TokenSimilarity {
  const common = commonSubsequenceLength(a, b)
  return {
    ratio: a.length + b.length === 0 ? 0 : (2 * common) / (a.length + b.length),
    aInB: a.length === 0 ? 0 : common / a.length,
    bInA: b.length === 0 ? 0 : common / b.length,
  }
}

/**
 * Length of the longest run of consecutive tokens that `a` and `b` share (longest common
 * substring over token ids): how much of one occurs in the other as one piece. Words of `a`
 * scattered in order across `b` do not add up, unlike {@link commonSubsequenceLength}.
 *
 * Above the same cell budget as the subsequence, only an occurrence of the whole of the shorter
 * sequence inside the longer one is looked for (linear): the answer is then its length or 0.
 *
 * @param a Token ids.
 * @param b Token ids.
 * @returns A count between 0 and `min(a.length, b.length)`.
 */
export function longestCommonRun(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length === 0 || b.length === 0) return 0
  const aShorter = a.length <= b.length
  const short = aShorter ? a : b
  const long = aShorter ? b : a
  if (a.length * b.length > MAX_CELLS) return occursIn(short, long) ? short.length : 0
  // run[j + 1]: length of the common run ending at short[j] and at the current token of long.
  let previous = new Uint32Array(short.length + 1)
  let current = new Uint32Array(short.length + 1)
  let best = 0
  for (let i = 0; i < long.length; i++) {
    const token = long[i]
    for (let j = 0; j < short.length; j++) {
      const run = short[j] === token ? previous[j]! + 1 : 0
      current[j + 1] = run
      if (run > best) best = run
    }
    const swap = previous
    previous = current
    current = swap
  }
  return best
}

/** Whether `needle` occurs in `haystack` as one run (through the string search of the engine). */
function occursIn(needle: ArrayLike<number>, haystack: ArrayLike<number>): boolean {
  const key = (xs: ArrayLike<number>): string => {
    const parts: string[] = []
    for (let k = 0; k < xs.length; k++) parts.push(String(xs[k]))
    return `,${parts.join(',')},`
  }
  return key(haystack).includes(key(needle))
}
