import { DedupeError } from '../errors.js'
import { decodeBase64 } from './decode-base64.js'

/** The transport of a body given as bytes: the record's `contentType` and `charset` strings, when it has them. */
interface Transport {
  contentType?: string
  charset?: string
}

/** The body of an article record, as `clean()` takes it: exactly one of the three fields, a string or bytes. */
export type ArticleBody = ({ text: string | Uint8Array } | { html: string | Uint8Array } | { markdown: string | Uint8Array }) & Transport

const BODY_KEYS = ['text', 'html', 'markdown'] as const

/**
 * The body of an article record (a JSONL line, a stream item, a feed article): its first body
 * among `text`, `html` and `markdown`, in that order, as a string or as bytes (a `Uint8Array`
 * or `Buffer`); a JSON record can carry bytes as base64 in `text_base64`, `html_base64` or
 * `markdown_base64` (after the three). With bytes come the record's `contentType` and `charset`
 * strings, which decide their encoding (see `decodeBytes`); a string body is text already, and
 * they are not used for it. Shared by `news-dedup clean --from jsonl`, the streams and the
 * feed deduplicator, so they accept and refuse the same records.
 * @throws {DedupeError} `E_INVALID_RECORD` when the record has none of them, or invalid base64.
 * @example articleBody({ id: 7, html: '<p>Bonjour</p>' }) // { html: '<p>Bonjour</p>' }
 */
export function articleBody(record: Readonly<Record<string, unknown>>): ArticleBody {
  for (const key of BODY_KEYS) {
    const value = record[key]
    if (typeof value === 'string') return { [key]: value } as unknown as ArticleBody
    if (value instanceof Uint8Array) return { [key]: value, ...transportOf(record) } as unknown as ArticleBody
  }
  for (const key of BODY_KEYS) {
    const value = record[`${key}_base64`]
    if (typeof value !== 'string') continue
    const bytes = decodeBase64(value)
    if (bytes === null) throw new DedupeError('E_INVALID_RECORD', `Expected \`${key}_base64\` to be base64, found other characters`)
    return { [key]: bytes, ...transportOf(record) } as unknown as ArticleBody
  }
  throw new DedupeError('E_INVALID_RECORD', 'Expected the record to have a `text`, `html` or `markdown` string (or bytes, or `html_base64`…)')
}

function transportOf(record: Readonly<Record<string, unknown>>): Transport {
  const transport: Transport = {}
  if (typeof record.contentType === 'string') transport.contentType = record.contentType
  if (typeof record.charset === 'string') transport.charset = record.charset
  return transport
}
