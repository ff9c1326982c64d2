/**
 * The boundary to `@exodus/bytes` (the only file importing it): TextDecoders for the legacy
 * encodings of the WHATWG Encoding standard, built on the standard's own index tables, the same
 * in every runtime. Not the runtime's `TextDecoder`: Node 20's (ICU) is not the standard's for
 * legacy encodings. Measured over every two-byte sequence against the standard's tables, it
 * differs on 11,253 in euc-kr (it lacks the Unified Hangul Code syllables browsers decode),
 * 6,251 in big5, 8,764 in euc-jp, 1,266 in shift_jis, 101 in gbk (0xA2E3 is €), and it decodes
 * windows-1252 as ISO-8859-1 (0x92 gives U+0092, not ’); it has no iso-8859-16 and no
 * x-user-defined. Browsers follow the standard, so this does.
 *
 * @module
 */
import { TextDecoder as StandardTextDecoder } from '@exodus/bytes/encoding.js'

/** A decoder of one encoding: `decode(bytes, { stream: true })` keeps an incomplete character for the next call. */
export interface ByteTextDecoder {
  decode(bytes?: Uint8Array, options?: { stream?: boolean }): string
}

/**
 * A decoder for `encoding`, invalid sequences replaced by U+FFFD (as in a browser). UTF-8 and
 * UTF-16 use the runtime's `TextDecoder` (conformant everywhere, and native speed); every other
 * encoding the standard's tables.
 *
 * @param encoding A lower-case WHATWG encoding name (`shift_jis`, `windows-1252`, `x-user-defined`).
 * @returns The decoder, or `null` for a name that is no encoding of the standard.
 */
export function createTextDecoder(encoding: string): ByteTextDecoder | null {
  try {
    if (encoding === 'utf-8' || encoding === 'utf-16le' || encoding === 'utf-16be') return new TextDecoder(encoding)
    return new StandardTextDecoder(encoding)
  } catch {
    return null
  }
}
