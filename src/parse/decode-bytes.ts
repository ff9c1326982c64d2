/**
 * Bytes to text, with the encoding decided as a browser decides it.
 *
 * @module
 */
import { allCharsets } from './all-charsets.js'
import { decodeBytesWith, type DecodeBytesOptions, type DecodedBytes } from './decode-bytes-with.js'

export type { DecodeBytesOptions, DecodedBytes }

/**
 * Decodes bytes to text, the encoding decided in the order of the WHATWG standards: a byte
 * order mark; the transport (`charset`, else the `charset` of `contentType`); a `<meta charset>`
 * or `<meta http-equiv="Content-Type">` in the page (HTML prescan); an XML declaration; for
 * undeclared bytes, ASCII or valid UTF-8 is UTF-8, anything else goes to a detector
 * (jschardet); UTF-8 when nothing decides. Labels mean what the Encoding standard says
 * (`iso-8859-1` and `us-ascii` are windows-1252, `gb2312` is gbk), and so do the decoders (its
 * index tables: see `createTextDecoder`), so every runtime gives the same text.
 *
 * Bytes invalid in the decided encoding become U+FFFD, as in a browser, and are never
 * replaced silently: the count is an `invalid-bytes` warning.
 *
 * Known limitations: UTF-16 without a BOM is not recognised from a declaration (a page
 * declaring UTF-16 in a `<meta>` is read as UTF-8, as the standard says); a `<meta>` later
 * than 64 KiB into the page is not seen.
 *
 * @param bytes The input as received.
 * @param options Transport information and the format, when known.
 * @returns The text (without the BOM), the encoding with how it was decided, and warnings.
 * @example decodeBytes(new Uint8Array([0x63, 0x61, 0x66, 0xe9]), { charset: 'latin1' })
 *   // { text: 'café', encoding: { name: 'windows-1252', source: 'transport' }, warnings: [] }
 */
export function decodeBytes(bytes: Uint8Array, options: DecodeBytesOptions = {}): DecodedBytes {
  return decodeBytesWith(allCharsets, bytes, options)
}
