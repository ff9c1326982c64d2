import { DedupeError } from '../errors.js'

/** One line of a byte stream: its text, or why it could not be decoded. */
export type Line = { number: number; text: string } | { number: number; error: DedupeError; bytes: Uint8Array }

/** One line of a byte stream as bytes (its newline left out), numbered from 1 (see {@link lineBytes}). */
export interface LineBytes {
  number: number
  bytes: Uint8Array
}

const NEWLINE = 0x0a

/**
 * Splits a byte stream into lines, undecoded. Memory holds one line at a time (plus one chunk),
 * whatever the stream's size; of a line longer than `max` bytes only its first `max + 1` are
 * kept (the rest is dropped as it arrives, never buffered): enough to tell it is too long.
 * @param chunks Bytes, e.g. `process.stdin` or `fs.createReadStream(path)`; a string chunk is taken as UTF-8.
 * @returns Lines numbered from 1, without their newline; a final line without a newline is included, an empty final one is not.
 */
export async function* lineBytes(chunks: AsyncIterable<Uint8Array | string>, max = Number.POSITIVE_INFINITY): AsyncGenerator<LineBytes> {
  let pending: Uint8Array[] = []
  let length = 0 // bytes of the current line seen so far, kept or not
  let number = 0
  const line = (): LineBytes => {
    const bytes = pending.length === 1 ? (pending[0] as Uint8Array) : Buffer.concat(pending)
    pending = []
    length = 0
    return { number: ++number, bytes }
  }
  for await (const chunk of chunks) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
    for (let at = 0; ; ) {
      const newline = bytes.indexOf(NEWLINE, at)
      const end = newline === -1 ? bytes.length : newline
      const keep = Math.min(end - at, max + 1 - length)
      if (keep > 0) pending.push(bytes.subarray(at, at + keep))
      length += end - at
      if (newline === -1) break
      yield line()
      at = newline + 1
    }
  }
  if (length > 0) yield line()
}

/** Decodes strictly; stateless between calls (no `stream`), so one serves every line. */
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })

/**
 * One line's bytes (a final carriage return dropped) decoded as strict UTF-8, or the error
 * saying it is not UTF-8. A byte-order mark opening the line is dropped.
 */
export function decodeLine({ number, bytes }: LineBytes): Line {
  const end = bytes.length > 0 && bytes[bytes.length - 1] === 0x0d ? bytes.length - 1 : bytes.length
  try {
    return { number, text: utf8.decode(bytes.subarray(0, end)) }
  } catch (cause) {
    return { number, error: new DedupeError('E_INVALID_UTF8', `Line ${number} is not valid UTF-8`, { cause }), bytes: bytes.subarray(0, end) }
  }
}

/**
 * Splits a byte stream into lines and decodes each as strict UTF-8, so that one line with
 * invalid bytes becomes one error and the others still go through. Memory holds one line
 * at a time (plus one chunk), whatever the stream's size.
 *
 * @param chunks Bytes, e.g. `process.stdin` or `fs.createReadStream(path)`.
 * @returns Lines numbered from 1; a final line without a newline is included, an empty final one is not.
 */
export async function* readLines(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<Line> {
  for await (const line of lineBytes(chunks)) yield decodeLine(line)
}
