import { DedupeError } from '../errors.js'
import { MAX_FIELD_DEPTH, nestsDeeperThan } from './nests-deeper-than.js'
import { measureLength } from '../text/measure-length.js'
import { normalizeText } from '../text/normalize-text.js'
import type { CleanResult } from '../types.js'
import { articleTime } from './article-time.js'
import { contentIdOfNormalized } from './content-id.js'
import { fingerprintOfNormalized } from './fingerprint.js'
import { shingles } from './shingles.js'
import { siteOf } from './site-of.js'
import type { Article } from './types.js'

/** Fields of an article that are input, not metadata: not copied to the result. */
const BODY_FIELDS = new Set(['id', 'text', 'html', 'markdown', 'text_base64', 'html_base64', 'markdown_base64'])

/** A paragraph taken into cross-article comparison (kept by `clean()`, non-empty). */
export interface ComparedParagraph {
  index: number
  fingerprint: string
  /**
   * Its shingle set ({@link shingles}): full 32-bit hashes here; the deduplicator's stager
   * reduces them (`compactShingles`) once their MinHash signature is computed, and compares
   * and stores the reduced set.
   */
  shingles: Uint32Array
  /**
   * Shorter than `detect.minLength`, measured like `clean()` does ({@link measureLength}): such a
   * line ("(AFP)", "Réactions", a dateline) is removed across articles only as its site's
   * boilerplate or as part of a copy of the article holding it, never as a repeat of another story.
   */
  short: boolean
}

/** An article ready to be judged against the index: pure data derived from the input and its `clean()` result. */
export interface PreparedArticle {
  id: string
  idGenerated: boolean
  site: string | null
  /** `published`, else arrival time (ms). */
  time: number
  /** Input fields other than `id`/`text`/`html`/`markdown`, in input order. */
  extra: Record<string, unknown>
  cleaned: CleanResult
  compared: ComparedParagraph[]
}

/**
 * What judging an article against the index reads of it: not its `clean()` result nor its
 * other fields (which only go into its result), so a worker thread that writes the result's line
 * itself need not send them back.
 */
export type JudgeableArticle = Pick<PreparedArticle, 'id' | 'site' | 'time' | 'compared'>

/**
 * Derives what cross-article comparison needs from an article and its `clean()` result:
 * id (given, or a hash of its content, url and site: see {@link contentId}), site, time, and for each paragraph `clean()` kept its
 * fingerprint and shingle set.
 *
 * @param arrival Arrival time (ms), used when the article has no valid `published`.
 * @param minLength `detect.minLength` of the `clean()` options: see {@link ComparedParagraph.short}.
 */
export function prepareArticle(
  article: Article,
  cleaned: CleanResult,
  arrival: number,
  shingleSize: number,
  minLength: number,
): PreparedArticle {
  const given = article.id
  // Any JSON value but null and '' is an id; one that is not a string or number is keyed by its JSON text.
  const hasId = (typeof given === 'string' && given !== '') || (typeof given === 'number' && Number.isFinite(given)) || typeof given === 'boolean' || (typeof given === 'object' && given !== null)
  const extra: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(article)) {
    // defineProperty, not assignment: an own `__proto__` field is a field like any other.
    if (!BODY_FIELDS.has(key) && value !== undefined) Object.defineProperty(extra, key, { value, enumerable: true, writable: true, configurable: true })
  }
  // Each paragraph is normalized once, here: its fingerprint, its shingles and (for an article
  // without an id) the content id all read that one form. They used to normalize it each on
  // their own, three passes of `normalizeText` over every kept paragraph.
  const paragraphs = cleaned.paragraphs
  const normalized: string[] = []
  const compared: ComparedParagraph[] = []
  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs[i]!
    // A repeat's form is wanted only by the content id, which covers every paragraph.
    if (p.duplicate !== null && hasId) continue
    const norm = normalizeText(p.text)
    if (!hasId) normalized.push(norm)
    if (p.duplicate !== null) continue
    const fingerprint = fingerprintOfNormalized(norm)
    if (fingerprint === '') continue
    compared.push({
      index: p.index,
      fingerprint,
      shingles: shingles(norm, shingleSize),
      short: measureLength(p.text) < minLength,
    })
  }
  const site = siteOf(article)
  const url = typeof article.url === 'string' && article.url !== '' ? article.url : null
  return {
    id: hasId ? (typeof given === 'object' ? objectId(given) : String(given)) : contentIdOfNormalized(normalized, { url, site }),
    idGenerated: !hasId,
    site,
    time: articleTime(article.published, arrival),
    extra,
    cleaned,
    compared,
  }
}

/** An object id as its JSON text. One nested past `MAX_FIELD_DEPTH` is refused (its text would overflow the stack). */
function objectId(given: object): string {
  if (nestsDeeperThan(given)) throw new DedupeError('E_INVALID_RECORD', `The article's id nests deeper than ${MAX_FIELD_DEPTH} levels`)
  return JSON.stringify(given)
}
