import type { CleanResult, Paragraph } from '../types.js'

/** A paragraph in a JSONL record: a {@link Paragraph} without its `index` (its place in the array says it). */
export type RecordParagraph = Omit<Paragraph, 'index'>

/** One JSONL output line for a cleaned article. */
export interface ArticleRecord {
  [field: string]: unknown
  id: unknown
  language: string
  confidence: number
  paragraphs: RecordParagraph[]
  passages: CleanResult['passages']
  text: string
}

/** Input fields replaced by the cleaned output rather than carried over. */
export const COMPUTED_RECORD_FIELDS = new Set(['text', 'html', 'markdown', 'text_base64', 'html_base64', 'markdown_base64', 'language', 'paragraphs', 'passages', 'confidence', 'encoding', 'warnings'])

/**
 * Builds the JSONL record of one article: the input's other fields (kept as they are, in
 * their order), then `id`, `language`, `paragraphs` (every input paragraph in order, with its
 * verdict), `passages` and the cleaned `text`; then the page's `title` (unless the input has a
 * `title` field) and `warnings`, when the result has them.
 *
 * @param result The article's `clean()` result.
 * @param fields The input record (its `text`/`html`/`markdown` are replaced by the result).
 */
export function toRecord(result: CleanResult, fields: Readonly<Record<string, unknown>> = {}): ArticleRecord {
  const kept: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(fields)) if (!COMPUTED_RECORD_FIELDS.has(key) && key !== 'id') keep(kept, key, value)
  return {
    ...kept,
    id: fields.id ?? null,
    language: result.language,
    confidence: result.confidence,
    paragraphs: result.paragraphs.map(({ text, language, confidence, start, end, duplicate, repeatedSentences, heading }) =>
      heading ? { text, language, confidence, start, end, duplicate, repeatedSentences, heading } : { text, language, confidence, start, end, duplicate, repeatedSentences },
    ),
    passages: result.passages,
    text: result.text,
    // The page's <title> when the input record has no title of its own (which is carried over as it is).
    ...(result.title !== undefined && !('title' in fields) ? { title: result.title } : {}),
    ...(result.encoding === undefined ? {} : { encoding: result.encoding }),
    ...(result.warnings === undefined ? {} : { warnings: result.warnings }),
  }
}

/** Sets an own field, `__proto__` included (an assignment would set the prototype instead). */
function keep(record: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true })
}
