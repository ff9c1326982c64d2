import { rawTags } from './raw-tags.js'

/** `"datePublished": "…"` in JSON-LD (schema.org NewsArticle). */
const JSON_LD_DATE = /"datePublished"\s*:\s*"([^"]{4,64})"/
/** Whether a page may have an element with `itemprop="datePublished"` (then its tags are read; an itemprop is a list of names). */
const ITEMPROP_DATE = /datePublished/i

/** The `<meta>` names and properties that carry a publication date, most specific first. */
const DATE_NAMES = ['article:published_time', 'datepublished', 'og:published_time', 'date', 'dc.date.issued', 'dc.date', 'pubdate', 'publishdate']

/** How much of a page is searched: its head and the start of its body are enough for metadata. */
const HEAD_WINDOW = 131_072

/**
 * The publication date a page declares in its metadata: `<meta property="article:published_time">`
 * (Open Graph), `<meta itemprop|name="datePublished">`, JSON-LD `"datePublished"`, or the usual
 * `date`/`DC.date` metas, as written. Only a value `Date.parse` reads counts.
 *
 * @param html The page (only its first 128 KiB are searched).
 * @returns The date string as the page gives it (ISO 8601 in practice), or `undefined`.
 */
export function pagePublished(html: string): string | undefined {
  const head = html.length > HEAD_WINDOW ? html.slice(0, HEAD_WINDOW) : html
  const found = new Map<string, string>()
  for (const { attributes } of rawTags(head, 'meta')) {
    const key = (attributes.get('property') ?? attributes.get('itemprop') ?? attributes.get('name'))?.toLowerCase()
    const content = attributes.get('content')?.trim()
    if (key !== undefined && content !== undefined && !found.has(key) && DATE_NAMES.includes(key)) found.set(key, content)
  }
  if (!found.has('datepublished') && ITEMPROP_DATE.test(head)) {
    for (const { attributes } of rawTags(head)) {
      // `itemprop` is a list of names (`"datePublished dateModified"`).
      if (!(attributes.get('itemprop') ?? '').toLowerCase().split(/[\t\n\f\r ]+/).includes('datepublished')) continue
      const value = (attributes.get('datetime') ?? attributes.get('content'))?.trim()
      if (value !== undefined) found.set('datepublished', value)
      break
    }
  }
  const jsonLd = JSON_LD_DATE.exec(head)?.[1]
  const candidates = [...DATE_NAMES.slice(0, 2).map((name) => found.get(name)), jsonLd, ...DATE_NAMES.slice(2).map((name) => found.get(name))]
  return candidates.find((value): value is string => value !== undefined && !Number.isNaN(Date.parse(value)))
}
