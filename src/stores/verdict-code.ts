/**
 * The commonest verdict the deduplicator records, an original with no paragraph flag, is
 * `[2,<paragraphs hash>,null,[],[]]` (see `encodeVerdict`): the in-memory index keeps it as the
 * 32-bit hash alone, where the string took ~48 bytes and a `Map` entry. Any other verdict (a
 * duplicate, flagged paragraphs, another format) is kept as given: the store still treats
 * verdicts as opaque, it only recognizes this one spelling and gives it back byte for byte.
 */
const PLAIN = /^\[2,(0|[1-9][0-9]{0,9}),null,\[\],\[\]\]$/

/** The hash of a plain verdict, or `null` when `result` is not exactly that spelling. */
export function verdictCode(result: string): number | null {
  const m = PLAIN.exec(result)
  if (!m) return null
  const hash = Number(m[1])
  return hash <= 0xffffffff ? hash : null
}

/** The verdict string of a {@link verdictCode}. */
export function verdictOfCode(code: number): string {
  return `[2,${code},null,[],[]]`
}
