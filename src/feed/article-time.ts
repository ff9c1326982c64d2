/**
 * An ISO 8601 date-time with no zone (`2024-03-12T10:00`, `2024-03-12 10:00:00.5`), the only ISO
 * form that `Date.parse` reads in the machine's time zone: the forms with a zone are absolute, and
 * a date alone (`2024`, `2024-03`, `2024-03-12`, `+002024-03-12`) is UTC by the standard.
 */
const ISO_LOCAL_TIME = /^([+-]\d{6}|\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)$/
/** Any ISO 8601 form `Date.parse` reads (a date, a date-time, with or without a zone). */
const ISO_FORM = /^(?:[+-]\d{6}|\d{4})(?:-\d{2}(?:-\d{2}(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:\d{2})?)?)?)?$/
/**
 * A zone in a free-form date (RFC 2822 and the like), as `Date.parse` reads one: a zone name
 * (`Z`, `GMT`, `UTC`, `UT`, a US zone, each alone or with an offset: `GMT+0200`), or a signed
 * offset right after the time of day (`10:00 +01`, `10:00:00 -0530`). An offset anywhere else is
 * no zone: `03-12-2024` is a date whose `-2024` is its year.
 */
const HAS_ZONE = /(?:^|[^A-Za-z])(?:Z|GMT|UTC|UT|[ECMP][SD]T)(?![A-Za-z])|\d:\d{2}(?::\d{2}(?:\.\d+)?)?\s*[+-]\d{1,2}(?::?\d{2})?(?!\d)/
/**
 * A date written with dots, `12.03.2024` or `12.3.24`, then the end or a time after a space,
 * comma or `T`. Dotted dates are day first wherever they are written (German, Russian, Polish,
 * Czech, Turkish, Scandinavian news…), where `Date.parse` reads them month first (`12.03.2024`
 * as 3 December).
 */
const DOTTED_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?=$|[\s,]|T\d)[\s,]*/

/**
 * The time `ttl` is measured on: `published` (ms since epoch, or any string `Date.parse`
 * reads) when valid, else `arrival` (the deduplicator's clock when the article came in).
 *
 * A date written without a zone (`2024-03-12T10:00:00`, `Tue, 12 Mar 2024 10:00:00`, `March 12,
 * 2024`) is read as UTC, never in the machine's time zone, so verdicts do not depend on `TZ`: the
 * machine's zone takes no part in reading any string (a local time that a zone skips, a daylight
 * saving gap or a day a country left out, is no special case).
 */
export function articleTime(published: unknown, arrival: number): number {
  if (typeof published === 'number' && Number.isFinite(published)) return published
  if (typeof published === 'string') {
    const ms = parseUtc(published.trim())
    if (Number.isFinite(ms)) return ms
  }
  return arrival
}

/**
 * `Date.parse`, with a date that names no zone read as UTC and a dotted date read day first: it
 * is written as ISO (`12.03.2024 10:00` → `2024-03-12 10:00`), a two-digit year as `Date.parse`
 * reads one (below 50: 20YY, else 19YY); a month over 12 or a day over 31 is no date.
 */
function parseUtc(written: string): number {
  const dotted = DOTTED_DATE.exec(written)
  let text = written
  if (dotted !== null) {
    const day = Number(dotted[1])
    const month = Number(dotted[2])
    if (day < 1 || day > 31 || month < 1 || month > 12) return Number.NaN
    const year = dotted[3]!.length === 4 ? dotted[3]! : String(Number(dotted[3]) < 50 ? 2000 + Number(dotted[3]) : 1900 + Number(dotted[3]))
    const rest = written.slice(dotted[0].length)
    text = `${year}-${dotted[2]!.padStart(2, '0')}-${dotted[1]!.padStart(2, '0')}${rest === '' ? '' : ` ${rest.startsWith('T') ? rest.slice(1) : rest}`}`
  }
  const local = ISO_LOCAL_TIME.exec(text)
  if (local !== null) return Date.parse(`${local[1]}-${local[2]}-${local[3]}T${local[4]!.replace(',', '.')}Z`)
  if (ISO_FORM.test(text) || HAS_ZONE.test(text)) return Date.parse(text)
  // A free-form date without a zone: `Date.parse` reads it in local time unless it names one, so
  // it is named. (A zone `HAS_ZONE` does not know, which V8 reads, is then read as UTC: the
  // zone named last wins.)
  return Date.parse(`${text} UTC`)
}
