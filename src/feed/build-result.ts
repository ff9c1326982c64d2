import { cleanedText } from '../output/kept-paragraphs.js'
import type { Verdict } from './judge-article.js'
import type { PreparedArticle } from './prepare-article.js'
import type { FeedParagraph, FeedResult } from './types.js'

/** Result fields computed here: an input field of the same name is not copied (writers of input-exact JSON lines need the list too). */
export const FEED_RESULT_FIELDS = new Set(['id', 'idGenerated', 'site', 'language', 'confidence', 'duplicate', 'outsideWindow', 'text', 'paragraphs', 'passages', 'encoding', 'warnings'])
/** Every result field but `id`: what a line re-serializes when the id is the input's own (its text is kept as written). */
export const FEED_FIELDS_BUT_ID: ReadonlySet<string> = new Set([...FEED_RESULT_FIELDS].filter((field) => field !== 'id'))

/**
 * The fields a result line serializes itself (`toJsonLine`'s `computed`): all of them for an id
 * the deduplicator generated, all but `id` for the input's own id (written as the input wrote it).
 * @param idGenerated The result's `idGenerated`.
 */
export const resultFields = (idGenerated: boolean): ReadonlySet<string> => (idGenerated ? FEED_RESULT_FIELDS : FEED_FIELDS_BUT_ID)

/**
 * The fields of an article's result that come before its verdict, in order: the input's
 * metadata (id, then the caller's fields), then the language. What the verdict does not change.
 * (A caller's field named like an array index, `"2"`, is the exception: a JavaScript object, and
 * so its JSON, lists such keys first, in numeric order, wherever they were set. The order is
 * still the same for every run and worker count.)
 */
export function resultHead(prepared: PreparedArticle): Record<string, unknown> {
  const head: Record<string, unknown> = { id: prepared.id, idGenerated: prepared.idGenerated, site: prepared.site }
  for (const [key, value] of Object.entries(prepared.extra)) {
    if (!FEED_RESULT_FIELDS.has(key)) Object.defineProperty(head, key, { value, enumerable: true, writable: true, configurable: true }) // `__proto__` too
  }
  head.language = prepared.cleaned.language
  head.confidence = prepared.cleaned.confidence
  return head
}

/** The fields of an article's result after its paragraphs, in order (the verdict does not change them either). */
export function resultTail(prepared: PreparedArticle): Record<string, unknown> {
  const tail: Record<string, unknown> = { passages: prepared.cleaned.passages }
  if (prepared.cleaned.encoding !== undefined) tail.encoding = prepared.cleaned.encoding
  if (prepared.cleaned.warnings !== undefined) tail.warnings = prepared.cleaned.warnings
  return tail
}

/**
 * An article's result: {@link resultHead}, the verdict (`duplicate`, `outsideWindow`), the
 * cleaned `text` (without the paragraphs another article makes redundant), the paragraphs with
 * their `crossDuplicate`, then {@link resultTail}. Built from the prepared article's parts, not
 * copied.
 */
export function buildResult(prepared: PreparedArticle, verdict: Verdict, outsideWindow = false): FeedResult {
  const paragraphs: FeedParagraph[] = prepared.cleaned.paragraphs.map((p) => ({
    ...p,
    crossDuplicate: verdict.cross.get(p.index) ?? null,
  }))
  const anyCross = paragraphs.some((p) => p.crossDuplicate !== null)
  const result = resultHead(prepared)
  result.duplicate = verdict.duplicate
  if (outsideWindow) result.outsideWindow = true
  result.text = anyCross ? cleanedText(paragraphs) : prepared.cleaned.text
  result.paragraphs = paragraphs
  for (const [key, value] of Object.entries(resultTail(prepared))) result[key] = value
  return result as FeedResult
}
