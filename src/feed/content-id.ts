import { createHash } from 'node:crypto'
import { normalizeText } from '../normalize/normalize-text.js'

/**
 * A stable id for an article that came without one: `sha256-` and the first 24 hex digits
 * (96 bits) of the SHA-256 of its normalized paragraphs joined by newlines. The same
 * content always gets the same id, whatever its markup, so a re-sent article is recognised.
 *
 * @param paragraphs The article's paragraph texts, in order.
 */
export function contentId(paragraphs: readonly string[]): string {
  const normalized = paragraphs.map(normalizeText).join('\n')
  return 'sha256-' + createHash('sha256').update(normalized, 'utf8').digest('hex').slice(0, 24)
}
