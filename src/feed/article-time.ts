/** An ISO 8601 date-time (or date) with no zone: `2024-03-12T10:00`, `2024-03-12 10:00:00.5`. */
const ISO_WITHOUT_ZONE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)?$/
/** A zone in free-form dates (RFC 2822 and the like): `Z`, `GMT`, `UTC`, `UT`, an offset, or a US zone name. */
const HAS_ZONE = /(?:\d[zZ]|\b(?:GMT|UTC|UT|[ECMP][SD]T)\b|[+-]\d{2}:?\d{2}\s*(?:\(.*\))?$)/

/**
 * The time `ttl` is measured on: `published` (ms since epoch, or any string `Date.parse`
 * reads) when valid, else `arrival` (the deduplicator's clock when the article came in).
 *
 * A date written without a zone (`2024-03-12T10:00:00`, `Tue, 12 Mar 2024 10:00:00`) is read
 * as UTC, never in the machine's time zone, so verdicts do not depend on `TZ`.
 */
export function articleTime(published: unknown, arrival: number): number {
  if (typeof published === 'number' && Number.isFinite(published)) return published
  if (typeof published === 'string') {
    const ms = parseUtc(published.trim())
    if (Number.isFinite(ms)) return ms
  }
  return arrival
}

/** `Date.parse`, with a date that names no zone read as UTC. */
function parseUtc(text: string): number {
  if (ISO_WITHOUT_ZONE.test(text)) {
    // ISO forms: `Date.parse` reads a date-time without zone as local time (a date alone as UTC).
    const [date, time] = text.split(/[T ]/)
    return Date.parse(`${date}T${time === undefined ? '00:00' : time.replace(',', '.')}Z`)
  }
  const ms = Date.parse(text)
  if (!Number.isFinite(ms) || HAS_ZONE.test(text)) return ms
  // A free-form date without zone was read in local time: take its local fields as UTC ones.
  const local = new Date(ms)
  return Date.UTC(
    local.getFullYear(), local.getMonth(), local.getDate(),
    local.getHours(), local.getMinutes(), local.getSeconds(), local.getMilliseconds(),
  )
}
