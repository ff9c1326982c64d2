/**
 * Bytes to text, with the encoding decided as a browser decides it, with the charset libraries
 * given by the caller (see `format-parsers.ts`: `decodeBytes()` passes them all, the CLI those
 * it loaded, so decoding a UTF-8 text file loads none of them).
 *
 * @module
 */
import type { EncodingInfo, InputFormat, Warning } from '../types.js'
import { charsetOfContentType } from './charset-of-content-type.js'
import { countReplacements } from './count-replacements.js'
import type { FormatParsers } from './format-parsers.js'
import { hasMeta } from './index-of-meta.js'
import { xmlDeclaredEncoding } from './xml-declared-encoding.js'

/** The charset libraries decoding may need (html-encoding-sniffer, jschardet, @exodus/bytes). */
export type Charsets = Pick<FormatParsers, 'metaCharset' | 'encodingForLabel' | 'detectCharset' | 'textDecoder'>

/** Options of {@link decodeBytes}. */
export interface DecodeBytesOptions {
  /** The transport's Content-Type (an HTTP header, a WARC record's), e.g. `text/html; charset=koi8-r`. @default undefined */
  contentType?: string | undefined
  /** The transport's charset label alone, e.g. `koi8-r`; wins over `contentType`. @default undefined */
  charset?: string | undefined
  /** The input's format, when known: `<meta>` is looked for unless it is `text` or `markdown`. @default undefined */
  format?: InputFormat | undefined
}

/** What {@link decodeBytes} returns. */
export interface DecodedBytes {
  text: string
  encoding: EncodingInfo
  /** `invalid-bytes` (replaced by U+FFFD, counted), `unknown-charset` (a declared label that names no encoding, ignored). */
  warnings: Warning[]
}

/**
 * `decodeBytes()` with the charset libraries given: the one implementation of `decodeBytes()`,
 * which calls it with all of them.
 *
 * @param charsets The sniffer, label table, detector and legacy decoders.
 * @param bytes The input as received.
 * @param options Transport information and the format, when known.
 * @returns As `decodeBytes()`.
 */
export function decodeBytesWith(charsets: Charsets, bytes: Uint8Array, options: DecodeBytesOptions = {}): DecodedBytes {
  const warnings: Warning[] = []
  const decided = decideEncoding(charsets, bytes, options, warnings)
  // Undeclared bytes found valid UTF-8 were decoded by that check already.
  if ('text' in decided) return { text: decided.text, encoding: decided.encoding, warnings }
  const text = decodeIn(charsets, bytes, decided, warnings)
  return { text, encoding: decided, warnings }
}

function decideEncoding(charsets: Charsets, bytes: Uint8Array, options: DecodeBytesOptions, warnings: Warning[]): EncodingInfo | { encoding: EncodingInfo; text: string } {
  const bom = bomEncoding(bytes)
  if (bom !== null) return { name: bom, source: 'bom' }
  const transport = transportEncoding(charsets, options, warnings)
  if (transport !== null) return { name: transport, source: 'transport' }
  if (options.format !== 'text' && options.format !== 'markdown') {
    // The prescan finds an encoding only in a `<meta>`: a page without one needs no sniffer.
    const meta = hasMeta(bytes) ? charsets.metaCharset(bytes) : null
    if (meta !== null) return { name: meta, source: 'meta' }
  }
  const label = xmlDeclaredEncoding(bytes)
  if (label !== null) {
    const name = charsets.encodingForLabel(label)
    if (name === null) warnings.push(unknownCharset(label, 'XML declaration'))
    // A declaration read as ASCII cannot be UTF-16 (that would need a BOM): the bytes are UTF-8.
    else return { name: name.startsWith('utf-16') ? 'utf-8' : name, source: 'xml' }
  }
  return undeclaredEncoding(charsets, bytes)
}

function transportEncoding(charsets: Charsets, options: DecodeBytesOptions, warnings: Warning[]): string | null {
  const label = options.charset ?? (options.contentType === undefined ? null : charsetOfContentType(options.contentType))
  if (label === null || label === undefined || label === '') return null
  const name = charsets.encodingForLabel(label)
  if (name === null) warnings.push(unknownCharset(label, 'transport'))
  return name
}

function undeclaredEncoding(charsets: Charsets, bytes: Uint8Array): EncodingInfo | { encoding: EncodingInfo; text: string } {
  const utf8 = strictUtf8(bytes)
  // ASCII is the same in every candidate: nothing was decided, UTF-8 by default.
  if (utf8 !== null) return { encoding: { name: 'utf-8', source: NON_ASCII.test(utf8) ? 'detected' : 'default' }, text: utf8 }
  const detected = charsets.detectCharset(bytes)
  return detected === null ? { name: 'utf-8', source: 'default' } : { name: detected, source: 'detected' }
}

const NON_ASCII = /[^\x00-\x7f]/

function unknownCharset(label: string, where: string): Warning {
  return { code: 'unknown-charset', message: `The ${where} names the charset \`${label}\`, which is no known encoding: ignored` }
}

/** The encoding a byte order mark names, or `null`. */
function bomEncoding(bytes: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8'
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le'
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be'
  return null
}

/** The bytes as UTF-8 (a UTF-8 BOM dropped), or `null` when they are not valid UTF-8. */
function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return null
  }
}

function decodeIn(charsets: Charsets, bytes: Uint8Array, encoding: EncodingInfo, warnings: Warning[]): string {
  const text = decodeWith(charsets, bytes, encoding.name)
  const replaced = countReplacements(text, bytes, encoding.name)
  if (replaced > 0) {
    warnings.push({
      code: 'invalid-bytes',
      message: `${replaced} byte sequence${replaced === 1 ? ' is' : 's are'} not valid ${encoding.name} (decided by ${encoding.source}): replaced by U+FFFD`,
      count: replaced,
    })
  }
  return text
}

function decodeWith(charsets: Charsets, bytes: Uint8Array, name: string): string {
  // The standard's "replacement" encoding (labels such as iso-2022-kr, hz-gb-2312, whose bytes
  // could smuggle markup past filters) decodes any input to one U+FFFD; no TextDecoder takes it.
  if (name === 'replacement') return bytes.length === 0 ? '' : '\uFFFD'
  // Every name here comes from the standard's label table, which the decoder knows.
  return charsets.textDecoder(name)!.decode(bytes)
}
