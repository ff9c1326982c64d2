import { normalizeText } from '../text/normalize-text.js'
import { hash32Pair } from '../text/hash.js'

/**
 * The two hashes of the paragraph being fingerprinted, one buffer for the module: fingerprints
 * are taken by the thousand per article on the feed's hot path, and a `Uint32Array` per call
 * was an allocation each time. Sharing it is safe because {@link paragraphFingerprint} is
 * synchronous: the lanes are written and read back before it returns, with no await between
 * (worker threads each have their own module).
 */
const lanes = new Uint32Array(2)

/**
 * The cross-article identity of a paragraph: two independent 32-bit hashes of its
 * {@link normalizeText} form, as 16 hex digits (64 bits, so collisions stay negligible at
 * tens of millions of paragraphs). Paragraphs with equal fingerprints are `exact` repeats.
 *
 * @param text The paragraph as written.
 * @returns 16 lowercase hex digits; `""` when the normalized paragraph is empty.
 */
export function paragraphFingerprint(text: string): string {
  return fingerprintOfNormalized(normalizeText(text))
}

/**
 * {@link paragraphFingerprint} of a paragraph whose {@link normalizeText} form is already at
 * hand: the feed normalizes each kept paragraph once and hands that form to the fingerprint,
 * the shingles and the content id, instead of each normalizing it again.
 *
 * @param normalized The paragraph passed through `normalizeText`.
 * @returns 16 lowercase hex digits; `""` when `normalized` is empty.
 */
export function fingerprintOfNormalized(normalized: string): string {
  if (normalized === '') return ''
  // Seeds 1 and 2, hashed in one pass: the stored fingerprints are `hash32(…, 1)` then `hash32(…, 2)`.
  hash32Pair(normalized, 1, 2, lanes)
  return hex8(lanes[0]!) + hex8(lanes[1]!)
}

function hex8(n: number): string {
  return n.toString(16).padStart(8, '0')
}
