/**
 * The time `ttl` is measured on: `published` (ms since epoch, or any string `Date.parse`
 * reads) when valid, else `arrival` (the deduplicator's clock when the article came in).
 */
export function articleTime(published: unknown, arrival: number): number {
  if (typeof published === 'number' && Number.isFinite(published)) return published
  if (typeof published === 'string') {
    const ms = Date.parse(published)
    if (Number.isFinite(ms)) return ms
  }
  return arrival
}
