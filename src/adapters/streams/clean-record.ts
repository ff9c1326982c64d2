import { clean } from '../../clean.js'
import { DedupeError, errorInfo } from '../../errors.js'
import { defaultOptions, type Options } from '../../options.js'
import { toRecord, type ArticleRecord } from '../../output/to-record.js'
import { articleBody } from '../../parse/article-body.js'

/**
 * What a stream emits for an article it could not clean: the article's `id` (`null` when it
 * has none) and a stable error code (`E_INVALID_RECORD` for no body, `E_INVALID_INPUT`, `E_BINARY_INPUT`,
 * …; `E_INTERNAL` for an unexpected failure) with a message.
 */
export interface StreamErrorRecord {
  id: unknown
  error: { code: string; message: string }
}

/** One output of the clean streams: the JSONL record of an article, or an error record. */
export type CleanStreamRecord = ArticleRecord | StreamErrorRecord

/** Options of the streams: the `clean()` options plus the size of the streams' buffers. */
export interface StreamOptions extends Options {
  /**
   * How many objects each side of the stream buffers before it applies back-pressure.
   * @default 1 (an article can weigh megabytes, and cleaning is synchronous, so buffering more
   * only costs memory)
   */
  highWaterMark?: number
}

/** The default {@link StreamOptions.highWaterMark}. */
export const DEFAULT_HIGH_WATER_MARK = defaultOptions.stream.highWaterMark

/**
 * Cleans one article into its JSONL record, the way `news-dedup clean --from jsonl` does for
 * one line: the first string among `text`, `html` and `markdown` is cleaned and
 * `toRecord(result, article)` is returned. Never throws: an article that cannot be cleaned
 * gives a {@link StreamErrorRecord}.
 *
 * @param article `{ id?, text | html | markdown, ...fields }` (the body a string or bytes, with
 *   `contentType`/`charset` for bytes), or bytes alone.
 * @param options `clean()` options (validated beforehand by the caller).
 */
export function cleanRecord(article: unknown, options?: Options | null): CleanStreamRecord {
  let id: unknown = null
  try {
    // Bytes alone (a page as fetched) are an article without fields: decoded as clean() decodes them.
    if (article instanceof Uint8Array) return toRecord(clean(article, options))
    if (article === null || typeof article !== 'object' || Array.isArray(article)) {
      throw new DedupeError('E_INVALID_RECORD', `Expected an article object, not ${describeValue(article)}`)
    }
    const record = article as Record<string, unknown>
    id = record.id ?? null
    return toRecord(clean(articleBody(record), options), record)
  } catch (error) {
    return errorRecord(id, error)
  }
}

/** The error record for `error` (a {@link DedupeError} keeps its code, anything else is `E_INTERNAL`). */
export function errorRecord(id: unknown, error: unknown): StreamErrorRecord {
  return { id, error: errorInfo(error) }
}

function describeValue(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return `a ${typeof value}`
}
