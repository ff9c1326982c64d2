import { normalizeText } from '../text/normalize-text.js'
import { hash32 } from '../text/hash.js'

/**
 * The cross-article identity of a paragraph: two independent 32-bit hashes of its
 * {@link normalizeText} form, as 16 hex digits (64 bits, so collisions stay negligible at
 * tens of millions of paragraphs). Paragraphs with equal fingerprints are `exact` repeats.
 *
 * @param text The paragraph as written.
 * @returns 16 lowercase hex digits; `""` when the normalized paragraph is empty.
 */
export function paragraphFingerprint(text: string): string {
  const normalized = normalizeText(text)
  if (normalized === '') return ''
  return hex8(hash32(normalized, 1)) + hex8(hash32(normalized, 2))
}

function hex8(n: number): string {
  return n.toString(16).padStart(8, '0')
}
