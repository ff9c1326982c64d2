/**
 * Bytes to text, with the encoding decided as a browser decides it.
 *
 * @module
 */
import type { EncodingInfo, InputFormat, Warning } from '../types.js'
import { charsetOfContentType } from './charset-of-content-type.js'
import { countReplacements } from './count-replacements.js'
import { createTextDecoder } from './create-text-decoder.js'
import { detectCharset } from './detect-charset.js'
import { encodingForLabel, prescanMetaCharset } from './sniff-html-charset.js'
import { xmlDeclaredEncoding } from './xml-declared-encoding.js'

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
  const warnings: Warning[] = []
  const decided = decideEncoding(bytes, options, warnings)
  // Undeclared bytes found valid UTF-8 were decoded by that check already.
  if ('text' in decided) return { text: decided.text, encoding: decided.encoding, warnings }
  const text = decodeIn(bytes, decided, warnings)
  return { text, encoding: decided, warnings }
}

function decideEncoding(bytes: Uint8Array, options: DecodeBytesOptions, warnings: Warning[]): EncodingInfo | { encoding: EncodingInfo; text: string } {
  const bom = bomEncoding(bytes)
  if (bom !== null) return { name: bom, source: 'bom' }
  const transport = transportEncoding(options, warnings)
  if (transport !== null) return { name: transport, source: 'transport' }
  if (options.format !== 'text' && options.format !== 'markdown') {
    const meta = prescanMetaCharset(bytes)
    if (meta !== null) return { name: meta, source: 'meta' }
  }
  const label = xmlDeclaredEncoding(bytes)
  if (label !== null) {
    const name = encodingForLabel(label)
    if (name === null) warnings.push(unknownCharset(label, 'XML declaration'))
    // A declaration read as ASCII cannot be UTF-16 (that would need a BOM): the bytes are UTF-8.
    else return { name: name.startsWith('utf-16') ? 'utf-8' : name, source: 'xml' }
  }
  return undeclaredEncoding(bytes)
}

function transportEncoding(options: DecodeBytesOptions, warnings: Warning[]): string | null {
  const label = options.charset ?? (options.contentType === undefined ? null : charsetOfContentType(options.contentType))
  if (label === null || label === undefined || label === '') return null
  const name = encodingForLabel(label)
  if (name === null) warnings.push(unknownCharset(label, 'transport'))
  return name
}

function undeclaredEncoding(bytes: Uint8Array): EncodingInfo | { encoding: EncodingInfo; text: string } {
  const utf8 = strictUtf8(bytes)
  // ASCII is the same in every candidate: nothing was decided, UTF-8 by default.
  if (utf8 !== null) return { encoding: { name: 'utf-8', source: NON_ASCII.test(utf8) ? 'detected' : 'default' }, text: utf8 }
  const detected = detectCharset(bytes)
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

function decodeIn(bytes: Uint8Array, encoding: EncodingInfo, warnings: Warning[]): string {
  const text = decodeWith(bytes, encoding.name)
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

function decodeWith(bytes: Uint8Array, name: string): string {
  // The standard's "replacement" encoding (labels such as iso-2022-kr, hz-gb-2312, whose bytes
  // could smuggle markup past filters) decodes any input to one U+FFFD; no TextDecoder takes it.
  if (name === 'replacement') return bytes.length === 0 ? '' : '\uFFFD'
  // Every name here comes from the standard's label table, which the decoder knows.
  return createTextDecoder(name)!.decode(bytes)
}
