/** Number of single-character edits (Levenshtein) between two short strings. */
export function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const next = [i]
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    row = next
  }
  return row[b.length]!
}

/**
 * Edits allowed between a mistyped name and the name meant: three catches a transposition
 * plus a dropped letter (`nearTreshold`, `--contian-treshold`) and stays below the distance
 * between the option names themselves.
 */
const MAX_EDITS = 3

/**
 * The known name closest to a mistyped one (case-insensitive), for "did you mean"
 * messages of option keys and command-line flags; `undefined` when none is close.
 */
export function didYouMean(name: string, known: readonly string[]): string | undefined {
  const lower = name.toLowerCase()
  return known
    .map((candidate) => ({ candidate, distance: editDistance(candidate.toLowerCase(), lower) }))
    .filter(({ distance }) => distance <= MAX_EDITS)
    .sort((x, y) => x.distance - y.distance)[0]?.candidate
}
