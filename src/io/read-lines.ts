import { DedupeError } from '../errors.js'

/** One line of a byte stream: its text, or why it could not be decoded. */
export type Line = { number: number; text: string } | { number: number; error: DedupeError; bytes: Uint8Array }

const NEWLINE = 0x0a

/**
 * Splits a byte stream into lines and decodes each as strict UTF-8, so that one line with
 * invalid bytes becomes one error and the others still go through. Memory holds one line
 * at a time (plus one chunk), whatever the stream's size.
 *
 * @param chunks Bytes, e.g. `process.stdin` or `fs.createReadStream(path)`.
 * @returns Lines numbered from 1; a final line without a newline is included, an empty final one is not.
 */
export async function* readLines(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<Line> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })
  let pending: Uint8Array[] = []
  let number = 0
  const emit = (parts: Uint8Array[]): Line => {
    number++
    const bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts)
    const end = bytes.length > 0 && bytes[bytes.length - 1] === 0x0d ? bytes.length - 1 : bytes.length
    try {
      return { number, text: decoder.decode(bytes.subarray(0, end)) }
    } catch (cause) {
      return { number, error: new DedupeError('E_INVALID_UTF8', `Line ${number} is not valid UTF-8`, { cause }), bytes: bytes.subarray(0, end) }
    }
  }
  for await (const chunk of chunks) {
    let bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
    for (let at = bytes.indexOf(NEWLINE); at !== -1; at = bytes.indexOf(NEWLINE)) {
      pending.push(bytes.subarray(0, at))
      yield emit(pending)
      pending = []
      bytes = bytes.subarray(at + 1)
    }
    if (bytes.length > 0) pending.push(bytes)
  }
  if (pending.length > 0) yield emit(pending)
}
