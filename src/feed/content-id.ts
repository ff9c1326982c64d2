import { murmur3x86128Hex } from '../text/hash.js'
import { normalizeText } from '../text/normalize-text.js'

/** Where an article was delivered: what tells two deliveries of one text apart. */
export interface ContentOrigin {
  /** The article's `url`, as given. */
  url?: string | null
  /** Its site (see `siteOf`). */
  site?: string | null
}

/**
 * A stable id for an article that came without one: `murmur3-` and the first 24 hex digits
 * (96 bits) of the 128-bit MurmurHash3 (x86_128, seed 0) of the UTF-8 bytes of its normalized
 * paragraphs joined by newlines, preceded, when the article has a url or a site, by the JSON
 * array `[url, site]` and a newline. So the same text delivered at two urls (or on two sites)
 * gets two ids and is judged as two articles (the second one a copy), while the same text
 * re-delivered from the same place, or with neither url nor site, gets the same id whatever its
 * markup, and is recognised. Pure JavaScript (no `node:crypto`): the same id in Node and in a
 * browser. Not cryptographic: ids are not meant to resist a forger.
 *
 * @param paragraphs The article's paragraph texts, in order.
 * @param origin Its url and site, when known.
 */
export function contentId(paragraphs: readonly string[], origin: ContentOrigin = {}): string {
  return contentIdOfNormalized(paragraphs.map(normalizeText), origin)
}

/**
 * {@link contentId} of paragraphs already passed through {@link normalizeText}: the feed has that
 * form of each paragraph at hand (it fingerprints and shingles it) and need not normalize again.
 *
 * @param normalized The article's paragraphs, each `normalizeText(text)`, in order.
 * @param origin Its url and site, when known.
 */
export function contentIdOfNormalized(normalized: readonly string[], origin: ContentOrigin = {}): string {
  const url = origin.url ?? null
  const site = origin.site ?? null
  const joined = normalized.join('\n')
  const keyed = url === null && site === null ? joined : JSON.stringify([url, site]) + '\n' + joined
  return 'murmur3-' + murmur3x86128Hex(new TextEncoder().encode(keyed)).slice(0, 24)
}
