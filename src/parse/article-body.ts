import { DedupeError } from '../errors.js'

/** The body of an article record, as `clean()` takes it: exactly one of the three fields. */
export type ArticleBody = { text: string } | { html: string } | { markdown: string }

/**
 * The body of an article record (a JSONL line, a stream item, a feed article): its first string
 * among `text`, `html` and `markdown`, in that order. Shared by `news-dedup clean --from jsonl`,
 * the streams and the feed deduplicator, so they accept and refuse the same records.
 * @throws {DedupeError} `E_INVALID_RECORD` when the record has none of them as a string.
 * @example articleBody({ id: 7, html: '<p>Bonjour</p>' }) // { html: '<p>Bonjour</p>' }
 */
export function articleBody(record: Readonly<Record<string, unknown>>): ArticleBody {
  if (typeof record.text === 'string') return { text: record.text }
  if (typeof record.html === 'string') return { html: record.html }
  if (typeof record.markdown === 'string') return { markdown: record.markdown }
  throw new DedupeError('E_INVALID_RECORD', 'Expected the record to have a `text`, `html` or `markdown` string')
}
