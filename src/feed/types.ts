import type { CleanResult, Paragraph } from '../types.js'

/**
 * One article of a feed. Give the body as `text`, `html` or `markdown`; every other field
 * (`title`, `author`, …) is copied to the result unchanged.
 */
export interface Article {
  /**
   * Your id. When absent, a hash of the content and of `url` and `site` is used (the same text
   * at two urls makes two articles) and the result says `idGenerated: true`.
   */
  id?: string | number
  text?: string
  html?: string
  markdown?: string
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
  paragraphs: FeedParagraph[]
  /** Other fields of the input article (`title`, `url`, `published`, …), unchanged. */
  [field: string]: unknown
}

/** Where an earlier paragraph lives. */
export interface ParagraphRef {
  article: string
  paragraph: number
}

/** What the index holds about an earlier article to compare a new one with. */
export interface IndexedArticle {
  id: string
  /** Arrival order in the index (smaller = earlier). */
  seq: number
  /** Id of the original when this article was itself a duplicate, else `null`. */
  of: string | null
  /** Shingle sets of the paragraphs it was compared on (kept, not boilerplate unless all were), by paragraph index. Empty for duplicates. */
  paragraphs: Array<{ index: number; shingles: Uint32Array }>
}

/** Everything recorded for one article, in one atomic step. */
export interface IndexRecord {
  id: string
  /** `published` else arrival time, ms since epoch: what `ttl` is measured on. */
  time: number
  site: string | null
  /**
   * The article's verdict, serialized (its duplicate verdict and paragraph flags): an id added
   * again gets it back, with the text of the article given again. Opaque to the stores.
   */
  result: string
  /** Id of the original when a duplicate, else `null`. */
  of: string | null
  /** The paragraphs it was compared on, with their shingles (stored for originals only). */
  paragraphs: Array<{ index: number; shingles: Uint32Array }>
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
  /** The recorded verdict ({@link IndexRecord.result}) when this id is already indexed (and not expired), else `null`. */
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

/**
 * Where the deduplicator keeps what it has seen: memory, SQLite or Redis. One interface,
 * all methods async, results identical whatever the store.
 */
export interface FeedIndex {
  /** Which store this is (`memory`, `sqlite`, `redis`). */
  readonly kind: string
  begin(id: string): Promise<IndexSession>
  /** Forgets every article whose time is before `cutoff` (ms since epoch). */
  expire(cutoff: number): Promise<number>
  /** Number of articles held. */
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
  | { article: Article; line?: number; source?: string }
  | { error: { code: string; message: string }; id?: string; line?: number; source?: string }
