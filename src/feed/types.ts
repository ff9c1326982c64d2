import type { RawMember } from '../io/raw-members.js'
import type { CleanResult, Paragraph } from '../types.js'

/**
 * One article of a feed. Give the body as `text`, `html` or `markdown`; every other field
 * (`title`, `author`, …) is copied to the result unchanged.
 */
export interface Article {
  /**
   * Your id: any JSON value but `null` and `''` (a string; a number, keyed as `String(id)`; an
   * object, array or boolean, keyed by its JSON text). When absent, a hash of the content and of
   * `url` and `site` is used (the same text at two urls makes two articles) and the result says
   * `idGenerated: true`.
   */
  id?: string | number | boolean | object | null
  /** The body: a string, or bytes (decoded as `clean()` decodes them, with `contentType`/`charset` below). */
  text?: string | Uint8Array
  html?: string | Uint8Array
  markdown?: string | Uint8Array
  /** For a body given as bytes (or as `html_base64`…): the Content-Type it came with, e.g. `text/html; charset=koi8-r`. */
  contentType?: string
  /** For a body given as bytes: its charset label alone; wins over `contentType`. */
  charset?: string
  /** Used for the site when `site` is absent (its host, without `www.`). */
  url?: string
  /** The publisher, e.g. `lemonde.fr`; boilerplate is counted per site. */
  site?: string
  /** Publication date (ISO 8601 string or ms since epoch); else the arrival time is used for `ttl`. */
  published?: string | number
  [field: string]: unknown
}

/** An article-level verdict: this article copies an earlier one (kept first by arrival order). */
export interface ArticleDuplicate {
  /** Id of the earlier article (always one that was itself kept as an original). */
  of: string
  /** Jaccard similarity of the two articles' shingle sets, boilerplate left out. */
  similarity: number
  /** Share of the smaller article's shingles found in the other one. */
  containment: number
  /** `copy`: near-identical (similarity ≥ `copyThreshold`); `near-copy`: edited, cut or extended. */
  kind: 'copy' | 'near-copy'
}

/** Why a paragraph of an article is left out because of other articles. */
export type CrossDuplicate =
  | { kind: 'exact' | 'near'; of: { article: string; paragraph: number } }
  | { kind: 'boilerplate' }

/** A paragraph of a {@link FeedResult}: a `clean()` paragraph plus its cross-article verdict. */
export interface FeedParagraph extends Paragraph {
  /** `null`, or why another article makes this paragraph redundant (it is left out of `text`). */
  crossDuplicate: CrossDuplicate | null
}

/** What the deduplicator returns for one article: plain, JSON-ready data. */
export interface FeedResult extends Omit<CleanResult, 'paragraphs'> {
  id: string
  /** `true` when `id` is a hash of the content, url and site, made because the article had none. */
  idGenerated: boolean
  /** The site used for boilerplate counting, `null` when neither `site` nor `url` tells it. */
  site: string | null
  /** `null` for an original, else the earlier article it copies. */
  duplicate: ArticleDuplicate | null
  /**
   * Present (`true`) only on an article already older than the `ttl` window when it arrived:
   * it was judged alone (an original with no cross-article repeats), since what it could have
   * matched is forgotten.
   */
  outsideWindow?: true
  paragraphs: FeedParagraph[]
  /** Other fields of the input article (`title`, `url`, `published`, …), unchanged. */
  [field: string]: unknown
}

/** Where an earlier paragraph lives. */
export interface ParagraphRef {
  article: string
  paragraph: number
}

/** A paragraph of an earlier original as the index holds it. */
export interface IndexedParagraph {
  index: number
  /** Its fingerprint (see `paragraphFingerprint`): which of them are its site's boilerplate is decided when compared. */
  fingerprint: string
  /** Its shingle set, reduced to `SHINGLE_BITS` bits per shingle (see `compactShingles`). */
  shingles: Uint32Array
}

/** What the index holds about an earlier article to compare a new one with. */
export interface IndexedArticle {
  id: string
  /** Arrival order in the index (smaller = earlier). */
  seq: number
  /** Id of the original when this article was itself a duplicate, else `null`. */
  of: string | null
  /** Its site (boilerplate is counted per site), `null` when unknown. */
  site: string | null
  /** Every paragraph it was compared on, boilerplate included, by paragraph index. Empty for duplicates. */
  paragraphs: IndexedParagraph[]
}

/** Everything recorded for one article, in one atomic step. */
export interface IndexRecord {
  id: string
  /** `published` else arrival time, ms since epoch: what `ttl` is measured on. */
  time: number
  site: string | null
  /**
   * The article's verdict, serialized (its duplicate verdict and paragraph flags): returned
   * whenever the same id is added again, with the text of the article given again (kept when the
   * rest expires). Opaque to the stores.
   */
  result: string
  /** Id of the original when a duplicate, else `null`. */
  of: string | null
  /**
   * Every paragraph it was compared on, boilerplate included, with its shingles (originals
   * only): their fingerprints are those of `fingerprints` with the same paragraph index. The
   * shingles are reduced to `SHINGLE_BITS` bits (values below 2^16).
   */
  paragraphs: Array<{ index: number; shingles: Uint32Array }>
  /**
   * `paragraphs` in the stores' binary form (`encodeParagraphs`), when the deduplicator has it
   * already (a worker thread encoded it): a store may take it instead of encoding them again.
   */
  encodedParagraphs?: Uint8Array
  /** LSH band keys, index = band (originals only; empty otherwise). */
  bands: number[]
  /**
   * Fingerprints of its kept paragraphs (for a duplicate, those not first seen in the story it
   * copies): first occurrences are recorded, site counts incremented once per distinct fingerprint.
   */
  fingerprints: Array<{ fingerprint: string; paragraph: number }>
}

/** Per fingerprint: its first occurrence and how many articles of this site have it. */
export interface FingerprintInfo {
  first: ParagraphRef | null
  siteCount: number
}

/**
 * A read-then-write step on the index for one article. Reads see a consistent state;
 * `commit` records the article only if nothing it read has changed since (else `false`, and
 * the deduplicator starts over). Exactly one of `commit`/`release` ends a session.
 */
export interface IndexSession {
  /**
   * The recorded verdict ({@link IndexRecord.result}) when this id was ever recorded, else `null`.
   * Verdicts outlive {@link FeedIndex.expire}: an id gets the same verdict for as long as the index exists.
   */
  readonly stored: string | null
  /** The index clock: the greatest article time recorded, `-Infinity` when empty. */
  readonly clock: number
  fingerprints(fingerprints: readonly string[], site: string | null): Promise<FingerprintInfo[]>
  /** Ids of the articles sharing at least one band key, each once, earliest first. */
  candidates(bands: readonly number[]): Promise<string[]>
  /** The stored articles among `ids` (missing or expired ones left out), in the order asked. */
  articles(ids: readonly string[]): Promise<IndexedArticle[]>
  commit(record: IndexRecord): Promise<boolean>
  release(): Promise<void>
}

/** What the judge of an article will most likely read from its session: see {@link FeedIndex.begin}. */
export interface SessionHint {
  /** The distinct fingerprints of its compared paragraphs, for {@link IndexSession.fingerprints}. */
  fingerprints: readonly string[]
  /** Its site, for the site counts. */
  site: string | null
  /** Its LSH band keys when none of its paragraphs is its site's boilerplate, for {@link IndexSession.candidates}. */
  bands: readonly number[]
}

/**
 * Where the deduplicator keeps what it has seen: memory, SQLite or Redis. One interface,
 * all methods async, results identical whatever the store.
 */
export interface FeedIndex {
  /** Which store this is (`memory`, `sqlite`, `redis`). */
  readonly kind: string
  /**
   * Starts the session of article `id`. `hint`, when given, tells what the judge is about to
   * read: a store across a network (Redis) calls it and fetches all of that at once, in one
   * round trip, instead of one per read; the others ignore it. The reads still go through the
   * session's methods, and a read the hint did not foresee is made when asked.
   */
  begin(id: string, hint?: () => SessionHint): Promise<IndexSession>
  /**
   * Forgets what can be matched of every article whose time is before `cutoff` (ms since
   * epoch): its paragraphs, buckets, first occurrences and site counts. Its verdict is kept.
   * @returns How many articles were forgotten.
   */
  expire(cutoff: number): Promise<number>
  /** Number of articles whose matching data is held (verdicts of expired ones not counted). */
  size(): Promise<number>
  /**
   * For a store that commits several articles at once (SQLite): resolves once every record
   * committed by a session so far is durable, rejects if that batch could not be written.
   * Absent: a session's `commit` is durable when it resolves.
   */
  committed?(): Promise<void>
  /** For a store that commits several articles at once: writes the open batch now. */
  flush?(): Promise<void>
  close(): Promise<void>
}

/** Default most article ids one LSH bucket holds: later arrivals are not added, so lookups stay bounded. */
export const DEFAULT_BUCKET_LIMIT = 16

/** One record read from a feed file: an article, or why the record could not be read. */
export type FeedInputRecord =
  | {
      article: Article
      line?: number
      source?: string
      raw?: RawMember[]
      /** A whole web page (an .html file, a WARC response), not an article body: `feed` extracts its article by default. */
      page?: true
    }
  | { error: { code: string; message: string }; id?: string | number; line?: number; source?: string }
