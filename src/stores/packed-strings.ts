/**
 * Bytes as a one-byte (Latin-1) string and back: V8 keeps such a string in one byte per
 * character with a 16-byte header, where a `Uint8Array` costs ~100 bytes of objects on top of
 * its bytes. The in-memory index keeps each article's records this way (browser-safe: no `Buffer`).
 */
export function bytesToString(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < bytes.length; i += 4096) out += String.fromCharCode(...bytes.subarray(i, i + 4096))
  return out
}

/** Reverse of {@link bytesToString}. */
export function stringToBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length)
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i)
  return out
}
