import { encodeParagraphs } from './record-codec.js'

/**
 * {@link encodeParagraphs} as a Node `Buffer`, what the SQLite and Redis drivers bind. Kept apart
 * from the codec, which the in-memory store (browser-safe) shares. `encoded`: the same already
 * encoded (a record's `encodedParagraphs`), taken as it is.
 */
export function encodeParagraphsBuffer(paragraphs: ReadonlyArray<{ index: number; shingles: Uint32Array }>, encoded?: Uint8Array): Buffer {
  const bytes = encoded ?? encodeParagraphs(paragraphs)
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}
