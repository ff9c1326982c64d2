/** An article's compared paragraphs as the stores hold them: paragraph index and reduced shingle set. */
type StoredParagraph = { index: number; shingles: Uint32Array }

/**
 * The Rice parameter for a sorted set of `length` values up to `max`: its gaps are about
 * geometric with mean (max + 1) / length, whose best Rice parameter is log2(mean · ln 2).
 * Integer arithmetic, so every machine picks the same one.
 */
function riceParameter(length: number, max: number): number {
  const mean = Math.floor(((max + 1) * 693) / (1000 * length))
  return mean <= 1 ? 0 : 31 - Math.clz32(mean)
}

/** A growable byte buffer written by varints and bits. */
class Writer {
  bytes = new Uint8Array(256)
  at = 0
  private bit = 0
  private ensure(n: number): void {
    if (this.at + n <= this.bytes.length) return
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.at + n))
    grown.set(this.bytes.subarray(0, this.at))
    this.bytes = grown
  }
  varint(value: number): void {
    this.align()
    this.ensure(5)
    let v = value >>> 0
    while (v >= 0x80) {
      this.bytes[this.at++] = (v & 0x7f) | 0x80
      v >>>= 7
    }
    this.bytes[this.at++] = v
  }
  /** Writes the `count` low bits of `value`, high bit first. */
  bits(value: number, count: number): void {
    for (let i = count - 1; i >= 0; i--) this.one((value >>> i) & 1)
  }
  one(b: number): void {
    if (this.bit === 0) {
      this.ensure(1)
      this.bytes[this.at++] = 0
    }
    if (b) this.bytes[this.at - 1]! |= 0x80 >>> this.bit
    this.bit = (this.bit + 1) & 7
  }
  /** Ends a run of bits: the next write starts on a byte. */
  align(): void {
    this.bit = 0
  }
}

/** Reads what {@link Writer} wrote. */
class Reader {
  at = 0
  private bit = 0
  constructor(private readonly bytes: Uint8Array) {}
  varint(): number {
    this.bit = 0
    let v = 0
    let shift = 0
    for (;;) {
      const b = this.bytes[this.at++]
      if (b === undefined) throw new Error('truncated paragraphs record')
      v += (b & 0x7f) * 2 ** shift
      if (b < 0x80) return v
      shift += 7
    }
  }
  one(): number {
    if (this.bit === 0) this.at++
    const byte = this.bytes[this.at - 1]
    if (byte === undefined) throw new Error('truncated paragraphs record')
    const b = (byte >>> (7 - this.bit)) & 1
    this.bit = (this.bit + 1) & 7
    return b
  }
  bits(count: number): number {
    let v = 0
    for (let i = 0; i < count; i++) v = v * 2 + this.one()
    return v
  }
}

/**
 * Binary form of an article's compared paragraphs, shared by every store: a varint count, then
 * per paragraph its index, its number of shingles and its Rice parameter ({@link riceParameter})
 * as varints, and the gaps between its sorted shingles, Rice-coded, padded to a byte. About 1.5 bytes per
 * shingle, where the 32-bit array of the earlier layouts took 4.
 */
export function encodeParagraphs(paragraphs: readonly StoredParagraph[]): Uint8Array {
  const w = new Writer()
  w.varint(paragraphs.length)
  for (const p of paragraphs) {
    w.varint(p.index)
    w.varint(p.shingles.length)
    if (p.shingles.length === 0) continue
    // Written out, so any 32-bit set is coded (the reduced ones take the fewest bits).
    const k = riceParameter(p.shingles.length, p.shingles[p.shingles.length - 1] as number)
    w.varint(k)
    let previous = -1
    for (let i = 0; i < p.shingles.length; i++) {
      const value = p.shingles[i] as number
      const gap = value - previous - 1
      previous = value
      for (let q = gap >>> k; q > 0; q--) w.one(1)
      w.one(0)
      w.bits(gap, k)
    }
    w.align()
  }
  return w.bytes.slice(0, w.at)
}

/** Reverse of {@link encodeParagraphs}. */
export function decodeParagraphs(bytes: Uint8Array | null | undefined): StoredParagraph[] {
  if (!bytes || bytes.byteLength === 0) return []
  const r = new Reader(bytes)
  const count = r.varint()
  const out: StoredParagraph[] = []
  for (let i = 0; i < count; i++) {
    const index = r.varint()
    const length = r.varint()
    const k = length === 0 ? 0 : r.varint()
    const shingles = new Uint32Array(length)
    let previous = -1
    for (let j = 0; j < length; j++) {
      let q = 0
      while (r.one() === 1) q++
      previous += q * 2 ** k + r.bits(k) + 1
      shingles[j] = previous
    }
    out.push({ index, shingles })
  }
  return out
}

/**
 * The paragraphs of a record of the earlier layouts (SQLite layouts 1 and 2): one little-endian
 * Uint32 array `[count, (index, length, ...shingles) × count]` of full 32-bit shingles, which
 * migration reduces (`compactShingles`) to what is compared now.
 */
export function decodeLegacyParagraphs(bytes: Uint8Array | null | undefined): StoredParagraph[] {
  if (!bytes || bytes.byteLength < 4) return []
  const copy = new Uint8Array(bytes.byteLength)
  copy.set(bytes)
  const all = new Uint32Array(copy.buffer, 0, copy.byteLength >>> 2)
  const out: StoredParagraph[] = []
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
  paragraphs: readonly StoredParagraph[],
  fingerprints: ReadonlyArray<readonly [string, number]>,
): Array<{ index: number; fingerprint: string; shingles: Uint32Array }> {
  const byIndex = new Map<number, string>()
  for (const [fingerprint, paragraph] of fingerprints) if (!byIndex.has(paragraph)) byIndex.set(paragraph, fingerprint)
  return paragraphs.map((p) => ({ index: p.index, fingerprint: byIndex.get(p.index) ?? '', shingles: p.shingles }))
}
