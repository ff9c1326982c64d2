/**
 * What the in-memory index holds of one article to match it and to forget it, as one one-byte
 * (Latin-1) string: V8 keeps it at one byte per character behind a 16-byte header, one object
 * per article where an object of fields and three strings took ~300 bytes more (issue 12).
 *
 * Layout: varint band count, varint fingerprint count, one byte (1 when some fingerprint is not
 * 16 hex digits, so each one carries its kind), the band keys (4 bytes each, little-endian), per
 * fingerprint [its kind byte,] its two key words (4 bytes each) and its paragraph (varint), then
 * the compared paragraphs as {@link encodeParagraphs} wrote them.
 */

/** One recorded fingerprint as the index keys it: kind (0: 16 hex digits, 1: another string, numbered), two words, and its paragraph. */
export interface BlobFingerprint {
  kind: number
  high: number
  low: number
  paragraph: number
}

/** The parts of {@link encodeArticleBlob}'s string, the paragraphs left coded. */
export interface ArticleBlob {
  bands: number[]
  fingerprints: BlobFingerprint[]
  /** Where the coded paragraphs start in the string. */
  paragraphsAt: number
}

/** Writes the blob; `paragraphs` is the output of `encodeParagraphs`. */
export function encodeArticleBlob(bands: readonly number[], fingerprints: readonly BlobFingerprint[], paragraphs: Uint8Array): string {
  const named = fingerprints.some((f) => f.kind !== 0)
  const bytes = new Uint8Array(16 + bands.length * 4 + fingerprints.length * (named ? 14 : 13) + paragraphs.length)
  let at = 0
  const varint = (value: number): void => {
    let v = value
    while (v >= 0x80) {
      bytes[at++] = (v % 0x80) | 0x80
      v = Math.floor(v / 0x80)
    }
    bytes[at++] = v
  }
  const word = (value: number): void => {
    bytes[at++] = value & 0xff
    bytes[at++] = (value >>> 8) & 0xff
    bytes[at++] = (value >>> 16) & 0xff
    bytes[at++] = (value >>> 24) & 0xff
  }
  varint(bands.length)
  varint(fingerprints.length)
  bytes[at++] = named ? 1 : 0
  for (const band of bands) word(band)
  for (const f of fingerprints) {
    if (named) bytes[at++] = f.kind
    word(f.high)
    word(f.low)
    varint(f.paragraph)
  }
  bytes.set(paragraphs, at)
  at += paragraphs.length
  // In one call up to 32 KB (all but the longest articles): a string joined by `+=` is a rope,
  // each piece with its own header.
  let out = ''
  for (let i = 0; i < at; i += CHUNK) out += String.fromCharCode(...bytes.subarray(i, Math.min(at, i + CHUNK)))
  return out
}

/** Characters per `String.fromCharCode` call: well under V8's argument limit. */
const CHUNK = 32768

/** Reads a blob's varints and little-endian 32-bit words, in order from `at`. */
class BlobCursor {
  at = 0
  constructor(private readonly blob: string) {}

  varint(): number {
    let v = 0
    let scale = 1
    for (;;) {
      const b = this.blob.charCodeAt(this.at++)
      v += (b & 0x7f) * scale
      if (b < 0x80) return v
      scale *= 0x80
    }
  }

  /** The word at `from` (default: the cursor's place), without moving the cursor. */
  wordAt(from = this.at): number {
    const blob = this.blob
    return (blob.charCodeAt(from) | (blob.charCodeAt(from + 1) << 8) | (blob.charCodeAt(from + 2) << 16) | (blob.charCodeAt(from + 3) << 24)) >>> 0
  }

  word(): number {
    const v = this.wordAt()
    this.at += 4
    return v
  }

  byte(): number {
    return this.blob.charCodeAt(this.at++)
  }
}

/** Reads {@link encodeArticleBlob}'s bands and fingerprints, and where its paragraphs start. */
export function decodeArticleBlob(blob: string): ArticleBlob {
  const cursor = new BlobCursor(blob)
  const bandCount = cursor.varint()
  const fingerprintCount = cursor.varint()
  const named = cursor.byte() === 1
  const bands: number[] = []
  for (let i = 0; i < bandCount; i++) bands.push(cursor.word())
  const fingerprints: BlobFingerprint[] = []
  for (let i = 0; i < fingerprintCount; i++) {
    const kind = named ? cursor.byte() : 0
    const high = cursor.word()
    const low = cursor.word()
    fingerprints.push({ kind, high, low, paragraph: cursor.varint() })
  }
  return { bands, fingerprints, paragraphsAt: cursor.at }
}

/**
 * The paragraph of the first of the blob's fingerprints with this key, −1 when it has none: what
 * {@link decodeArticleBlob} would give, read in place. The memory index asks this for every
 * fingerprint of an article that an earlier article holds first; decoding the whole blob for it
 * (an array of bands, an object per fingerprint) was 0.86 GB of garbage on a 20 MB feed, 15 % of
 * all it allocated, most of it for the boilerplate that every article of a site repeats.
 */
export function blobParagraphOf(blob: string, kind: number, high: number, low: number): number {
  const cursor = new BlobCursor(blob)
  const bandCount = cursor.varint()
  const fingerprintCount = cursor.varint()
  const named = cursor.byte() === 1
  cursor.at += bandCount * 4
  for (let i = 0; i < fingerprintCount; i++) {
    const k = named ? cursor.byte() : 0
    const matches = k === kind && cursor.wordAt() === high && cursor.wordAt(cursor.at + 4) === low
    cursor.at += 8
    const paragraph = cursor.varint()
    if (matches) return paragraph
  }
  return -1
}

/** The bytes of `blob` from `start` (the coded paragraphs, for `decodeParagraphs`). */
export function blobBytes(blob: string, start: number): Uint8Array {
  const out = new Uint8Array(blob.length - start)
  for (let i = start; i < blob.length; i++) out[i - start] = blob.charCodeAt(i)
  return out
}
