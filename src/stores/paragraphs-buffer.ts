/**
 * Paragraph bytes (`encodeParagraphs`, `recordParagraphBytes`) as a Node `Buffer` over the same
 * memory, what the SQLite and Redis drivers bind. Kept apart from the codec, which the
 * in-memory store (browser-safe) shares.
 */
export function paragraphsBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}
