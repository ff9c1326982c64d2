/**
 * Binary form of an article's compared paragraphs, shared by the SQLite and Redis stores:
 * one little-endian Uint32 array `[count, (index, length, ...shingles) × count]`.
 */
export function encodeParagraphs(paragraphs: ReadonlyArray<{ index: number; shingles: Uint32Array }>): Buffer {
  let total = 1
  for (const p of paragraphs) total += 2 + p.shingles.length
  const out = new Uint32Array(total)
  out[0] = paragraphs.length
  let at = 1
  for (const p of paragraphs) {
    out[at++] = p.index
    out[at++] = p.shingles.length
    out.set(p.shingles, at)
    at += p.shingles.length
  }
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength)
}

/** Reverse of {@link encodeParagraphs}. */
export function decodeParagraphs(bytes: Uint8Array | null | undefined): Array<{ index: number; shingles: Uint32Array }> {
  if (!bytes || bytes.byteLength < 4) return []
  const copy = new Uint8Array(bytes.byteLength)
  copy.set(bytes)
  const all = new Uint32Array(copy.buffer, 0, copy.byteLength >>> 2)
  const out: Array<{ index: number; shingles: Uint32Array }> = []
  let at = 1
  for (let i = 0; i < (all[0] as number); i++) {
    const index = all[at++] as number
    const length = all[at++] as number
    out.push({ index, shingles: all.subarray(at, at + length) })
    at += length
  }
  return out
}

/**
 * The stored paragraphs of an original with their fingerprints, joined by paragraph index from
 * its recorded `[fingerprint, paragraph]` pairs (an original records every paragraph it was
 * compared on, so each one has its fingerprint; `''` when none is found).
 */
export function withFingerprints(
  paragraphs: ReadonlyArray<{ index: number; shingles: Uint32Array }>,
  fingerprints: ReadonlyArray<readonly [string, number]>,
): Array<{ index: number; fingerprint: string; shingles: Uint32Array }> {
  const byIndex = new Map<number, string>()
  for (const [fingerprint, paragraph] of fingerprints) if (!byIndex.has(paragraph)) byIndex.set(paragraph, fingerprint)
  return paragraphs.map((p) => ({ index: p.index, fingerprint: byIndex.get(p.index) ?? '', shingles: p.shingles }))
}
