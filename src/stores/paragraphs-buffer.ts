import { encodeParagraphs } from './record-codec.js'

/**
 * {@link encodeParagraphs} as a Node `Buffer`, what the SQLite and Redis drivers bind. Kept apart
 * from the codec, which the in-memory store (browser-safe) shares.
 */
export function encodeParagraphsBuffer(paragraphs: ReadonlyArray<{ index: number; shingles: Uint32Array }>): Buffer {
  const bytes = encodeParagraphs(paragraphs)
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}
