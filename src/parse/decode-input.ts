import { DedupeError } from '../errors.js'
import type { EncodingInfo, InputFormat, Warning } from '../types.js'
import { decodeBytesWith, type Charsets } from './decode-bytes-with.js'

/** An article given to `clean()`: one of `text`, `html` or `markdown` (checked in that order), as a string or as bytes. */
export interface ArticleInput {
  text?: string | Uint8Array
  html?: string | Uint8Array
  markdown?: string | Uint8Array
  /** For bytes: the Content-Type they came with (`text/html; charset=koi8-r`), the transport of the WHATWG order. */
  contentType?: string
  /** For bytes: their charset label alone (`koi8-r`); wins over `contentType`. */
  charset?: string
}

/** The transport options of `clean()` that decoding reads. */
export interface DecodeInputOptions {
  format: InputFormat | undefined
  contentType: string | undefined
  charset: string | undefined
}

/** The input with its bytes decoded, and what decoding decided (nothing for string input). */
export interface DecodedInput {
  input: unknown
  encoding?: EncodingInfo
  warnings: Warning[]
}

const BODIES: ReadonlyArray<[keyof ArticleInput & ('text' | 'html' | 'markdown'), InputFormat]> = [
  ['text', 'text'],
  ['html', 'html'],
  ['markdown', 'markdown'],
]

/**
 * The first step of `clean()`: bytes (a `Uint8Array`, a Node `Buffer`, or the `text`/`html`/
 * `markdown` of an article object) are decoded as `decodeBytes` decodes them, with the object's own
 * `contentType`/`charset` as the transport, else the options'. Strings pass through as they are.
 * `charsets` are the charset libraries decoding may need (see `format-parsers.ts`).
 *
 * @throws {DedupeError} `E_INVALID_OPTION` for a `contentType` or `charset` that is not a string.
 */
export function decodeInput(input: unknown, options: DecodeInputOptions, charsets: Charsets): DecodedInput {
  if (input instanceof Uint8Array) return decoded(charsets, input, options.format, transportOf(null, options), (text) => text)
  if (input === null || typeof input !== 'object') return { input, warnings: [] }
  const article = input as Record<string, unknown>
  for (const [key, format] of BODIES) {
    const body = article[key]
    if (typeof body === 'string') return { input, warnings: [] }
    if (body instanceof Uint8Array) return decoded(charsets, body, key === 'text' ? (options.format ?? format) : format, transportOf(article, options), (text) => ({ [key]: text }))
  }
  return { input, warnings: [] }
}

function decoded(
  charsets: Charsets,
  bytes: Uint8Array,
  format: InputFormat | undefined,
  transport: { contentType: string | undefined; charset: string | undefined },
  wrap: (text: string) => unknown,
): DecodedInput {
  const { text, encoding, warnings } = decodeBytesWith(charsets, bytes, { ...transport, format })
  return { input: wrap(text), encoding, warnings }
}

function transportOf(article: Record<string, unknown> | null, options: DecodeInputOptions): { contentType: string | undefined; charset: string | undefined } {
  const own = article === null ? {} : { contentType: article.contentType ?? undefined, charset: article.charset ?? undefined }
  for (const [name, value] of Object.entries(own)) {
    if (value !== undefined && typeof value !== 'string') throw new DedupeError('E_INVALID_INPUT', `Expected \`${name}\` to be a string, not \`${typeof value}\``)
  }
  if (own.contentType !== undefined || own.charset !== undefined) return { contentType: own.contentType as string | undefined, charset: own.charset as string | undefined }
  return { contentType: options.contentType, charset: options.charset }
}
