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

/** A growable byte buffer written by varints and bits (high bit first, gathered 8 at a time). */
class Writer {
  bytes = new Uint8Array(256)
  at = 0
  /** Bits not yet written out: the low `pending` bits of `acc`. */
  private acc = 0
  private pending = 0
  private ensure(n: number): void {
    if (this.at + n <= this.bytes.length) return
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.at + n))
    grown.set(this.bytes.subarray(0, this.at))
    this.bytes = grown
  }
  varint(value: number): void {
    this.align()
    this.ensure(8)
    let v = value
    while (v >= 0x80) {
      this.bytes[this.at++] = (v % 0x80) | 0x80
      v = Math.floor(v / 0x80)
    }
    this.bytes[this.at++] = v
  }
  /** Writes the `count` low bits of `value`, high bit first. */
  bits(value: number, count: number): void {
    if (count > 16) {
      this.bits(Math.floor(value / 0x10000), count - 16)
      this.bits(value & 0xffff, 16)
      return
    }
    if (count === 0) return
    this.acc = ((this.acc << count) | (value & ((1 << count) - 1))) >>> 0
    this.pending += count
    if (this.pending >= 8) {
      this.ensure(3)
      while (this.pending >= 8) {
        this.pending -= 8
        this.bytes[this.at++] = (this.acc >>> this.pending) & 0xff
      }
      this.acc &= (1 << this.pending) - 1
    }
  }
  /** Writes `q` one bits then a zero: `q` in unary. */
  unary(q: number): void {
    for (let left = q; left > 0; left -= 16) this.bits(0xffff, Math.min(16, left))
    this.bits(0, 1)
  }
  /** Ends a run of bits, padded with zeros: the next write starts on a byte. */
  align(): void {
    if (this.pending > 0) this.bits(0, 8 - this.pending)
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
      w.unary(Math.floor(gap / 2 ** k))
      w.bits(gap % 2 ** k, k)
    }
    w.align()
  }
  return w.bytes.slice(0, w.at)
}

/**
 * The bytes a store keeps of a record's paragraphs: those the deduplicator encoded already (its
 * `encodedParagraphs`, from a worker thread) when it gives them, else {@link encodeParagraphs}
 * of its `paragraphs`. Every store writes these, so an article reads back the same from any.
 */
export function recordParagraphBytes(record: { paragraphs: readonly StoredParagraph[]; encodedParagraphs?: Uint8Array | undefined }): Uint8Array {
  return record.encodedParagraphs ?? encodeParagraphs(record.paragraphs)
}

/** Reverse of {@link encodeParagraphs}. */
export function decodeParagraphs(bytes: Uint8Array | null | undefined): StoredParagraph[] {
  if (!bytes || bytes.byteLength === 0) return []
  let at = 0
  // Varints start on a byte; the bits of a paragraph are read by position (`pos`, in bits).
  const varint = (): number => {
    let v = 0
    let scale = 1
    for (;;) {
      const b = bytes[at++]
      if (b === undefined) throw new Error('truncated paragraphs record')
      v += (b & 0x7f) * scale
      if (b < 0x80) return v
      scale *= 0x80
    }
  }
  const count = varint()
  const out: StoredParagraph[] = []
  for (let i = 0; i < count; i++) {
    const index = varint()
    const length = varint()
    const shingles = new Uint32Array(length)
    if (length > 0) {
      const k = varint()
      const mask = k >= 32 ? 0xffffffff : (1 << k) - 1
      let pos = at * 8
      const end = bytes.length * 8
      let previous = -1
      for (let j = 0; j < length; j++) {
        let q = 0
        while (((bytes[pos >>> 3] as number) >>> (7 - (pos & 7))) & 1) {
          q++
          pos++
          if (pos >= end) throw new Error('truncated paragraphs record')
        }
        pos++
        let r: number
        const shift = pos & 7
        if (k <= 16) {
          // The k bits fit in the 24 bits of the three bytes from the current one.
          const at3 = pos >>> 3
          const window = (((bytes[at3] ?? 0) << 16) | ((bytes[at3 + 1] ?? 0) << 8) | (bytes[at3 + 2] ?? 0)) >>> 0
          r = k === 0 ? 0 : (window >>> (24 - shift - k)) & mask
          pos += k
        } else {
          r = 0
          for (let b = 0; b < k; b++, pos++) r = r * 2 + ((((bytes[pos >>> 3] ?? 0) as number) >>> (7 - (pos & 7))) & 1)
        }
        if (pos > end) throw new Error('truncated paragraphs record')
        previous += q * 2 ** k + r + 1
        shingles[j] = previous
      }
      at = (pos + 7) >>> 3
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
  // By push, not `map`: an inlined `map` hands back a holey array, and the comparison code
  // optimized for packed candidate paragraphs deoptimizes on it ("wrong map").
  const joined: Array<{ index: number; fingerprint: string; shingles: Uint32Array }> = []
  for (const p of paragraphs) joined.push({ index: p.index, fingerprint: byIndex.get(p.index) ?? '', shingles: p.shingles })
  return joined
}
