import { replacementCounter } from '../parse/count-replacements.js'
import { createTextDecoder } from '../parse/create-text-decoder.js'
import { encodingForLabel } from '../parse/sniff-html-charset.js'

// In its own file so that reading JSONL does not load the decoders this file imports.
export { MAX_RECORD_SIZE } from './max-record-size.js'

/** The encoding named by a byte order mark at the start of `bytes`, if there is one. */
export function bomEncoding(bytes: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8'
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le'
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be'
  return undefined
}

/**
 * Decodes a byte or string stream as text, chunk by chunk (characters split across chunks are
 * joined; a BOM at the start is dropped; string chunks are passed on as they are). Memory stays
 * bounded by the chunk size. Decoders are the Encoding standard's (see `createTextDecoder`). Invalid
 * bytes become U+FFFD and are counted to `onInvalid`: for JSON Lines, prefer `readJsonl` on the
 * bytes, which decodes each line strictly.
 *
 * @param encoding A WHATWG encoding label (`utf-8`, `iso-8859-1`, `windows-1252`, …).
 * @param onInvalid Called with the number of invalid sequences, once at the end, when there were some.
 * @throws RangeError on the first read when `encoding` is not a supported label.
 */
export async function* textChunks(stream: AsyncIterable<Uint8Array | string>, encoding = 'utf-8', onInvalid?: (count: number) => void): AsyncGenerator<string> {
  const name = encodingForLabel(encoding)
  const textDecoder = name === null || name === 'replacement' ? null : createTextDecoder(name)
  if (textDecoder === null || name === null) throw new RangeError(`Unknown or undecodable encoding label: ${encoding}`)
  const decode = (bytes?: Uint8Array): string => (bytes === undefined ? textDecoder.decode() : textDecoder.decode(bytes, { stream: true }))
  const countInvalid = replacementCounter(name)
  let invalid = 0
  let first = true
  for await (const chunk of stream) {
    let text = typeof chunk === 'string' ? chunk : decode(chunk)
    if (typeof chunk !== 'string') invalid += countInvalid(text, chunk)
    if (first && text !== '') {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
      first = false
    }
    if (text !== '') yield text
  }
  const rest = decode()
  invalid += countInvalid(rest, new Uint8Array(0))
  if (rest !== '') yield rest
  if (invalid > 0) onInvalid?.(invalid)
}
