/**
 * The URL a page gives for itself, read off its text before it is parsed (the feed reads it to
 * tell reposts of one page apart from other pages).
 *
 * @module
 */
import { rawTags } from './raw-tags.js'

/** The `<head>` of a page, where its canonical URL is declared (the whole page when it has none). */
const HEAD = /^[\s\S]*?<\/head\s*>/i

/**
 * The URL a page gives for itself: its `<link rel="canonical" href>`, else its
 * `<meta property="og:url" content>`; only absolute http(s) URLs count. Linear in the page,
 * whatever it holds (see `raw-tags.ts`).
 *
 * @param html The page's text.
 * @param decodeEntities Decodes the character references of an attribute value (the feed passes
 *   its XML reader's, loaded with the first page).
 * @example pageUrl('<link rel="canonical" href="https://example.org/a?b=1&amp;c=2">', decode) // 'https://example.org/a?b=1&c=2'
 */
export function pageUrl(html: string, decodeEntities: (text: string) => string): string | undefined {
  const head = HEAD.exec(html)?.[0] ?? html
  for (const { attributes } of rawTags(head, 'link')) {
    const rel = (attributes.get('rel') ?? '').toLowerCase().split(/\s+/)
    const url = rel.includes('canonical') ? httpUrl(attributes.get('href'), decodeEntities) : undefined
    if (url) return url
  }
  for (const { attributes } of rawTags(head, 'meta')) {
    const url = (attributes.get('property') ?? attributes.get('name'))?.toLowerCase() === 'og:url' ? httpUrl(attributes.get('content'), decodeEntities) : undefined
    if (url) return url
  }
  return undefined
}

/** `value`, its entities decoded, when it is an absolute http(s) URL, else `undefined`. */
function httpUrl(raw: string | undefined, decodeEntities: (text: string) => string): string | undefined {
  if (raw === undefined) return undefined
  const value = decodeEntities(raw)
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:' ? value : undefined
  } catch {
    return undefined
  }
}
