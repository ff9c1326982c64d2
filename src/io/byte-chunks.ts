/**
 * A stream's chunks as bytes: byte chunks pass as they are, string chunks (a test's fake
 * standard input) are encoded as UTF-8.
 */
export async function* byteChunks(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunks) yield typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk
}
