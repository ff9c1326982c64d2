/**
 * Paragraph bytes (`encodeParagraphs`, `recordParagraphBytes`) as a Node `Buffer` over the same
 * memory, what the SQLite and Redis drivers bind. Kept apart from the codec, which the
 * in-memory store (browser-safe) shares.
 *
 * @param bytes Encoded paragraphs.
 * @returns A `Buffer` sharing `bytes`' memory (no copy: changing one changes the other).
 */
export function paragraphsBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}
