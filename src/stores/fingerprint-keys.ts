/** Fingerprints as the SQLite and Redis stores hold them: 8-byte keys, and an article's list of them as one blob. */

const HEX16 = /^[0-9a-f]{16}$/

/** A fingerprint as stored: its 8 bytes when it is 16 hex digits (always, today), else 0xff + its UTF-8. */
export function fingerprintKey(fp: string): Buffer {
  return HEX16.test(fp) ? Buffer.from(fp, 'hex') : Buffer.concat([Buffer.from([0xff]), Buffer.from(fp, 'utf8')])
}

/** An article's recorded fingerprints as one blob: per fingerprint, its key's length (1 byte), the key, the paragraph (4 bytes). */
export function encodeFingerprints(fingerprints: ReadonlyArray<{ fingerprint: string; paragraph: number }>): Buffer {
  const parts: Buffer[] = []
  for (const { fingerprint, paragraph } of fingerprints) {
    const key = fingerprintKey(fingerprint)
    const head = Buffer.alloc(1)
    head[0] = key.length
    const tail = Buffer.alloc(4)
    tail.writeUInt32LE(paragraph)
    parts.push(head, key, tail)
  }
  return Buffer.concat(parts)
}

/** A fingerprint of its stored key ({@link fingerprintKey}). */
export function fingerprintOfKey(key: Buffer): string {
  return key.length === 8 ? key.toString('hex') : key.subarray(1).toString('utf8')
}

/** The `[fingerprint, paragraph]` pairs of {@link encodeFingerprints}'s blob, in order. */
export function decodeFingerprints(blob: Buffer): Array<[string, number]> {
  const pairs: Array<[string, number]> = []
  for (let at = 0; at < blob.length; ) {
    const length = blob[at] as number
    pairs.push([fingerprintOfKey(blob.subarray(at + 1, at + 1 + length)), blob.readUInt32LE(at + 1 + length)])
    at += 1 + length + 4
  }
  return pairs
}

/** The fingerprint keys of {@link encodeFingerprints}'s blob, in order. */
export function fingerprintKeys(blob: Buffer): Buffer[] {
  const keys: Buffer[] = []
  for (let at = 0; at < blob.length; ) {
    const length = blob[at] as number
    keys.push(blob.subarray(at + 1, at + 1 + length))
    at += 1 + length + 4
  }
  return keys
}

