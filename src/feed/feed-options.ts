import type { ArticleInput } from '../parse/decode-input.js'
import { resolveOptions, SECTION_KEYS, type FeedDefaults, type Options, type ResolvedOptions } from '../options.js'
import type { CleanResult } from '../types.js'
import type { FeedIndex } from './types.js'

/**
 * Options of {@link createDeduplicator}: the `clean()` options (applied to every article)
 * plus the cross-article ones below. Defaults were chosen on `bench/eval-feed.ts`
 * (see `bench/results/feed.md`).
 */
export interface DeduplicatorOptions extends Options {
  /** Where seen articles are kept. @default createMemoryIndex() */
  index?: FeedIndex
  /**
   * A paragraph (same fingerprint) found in at least this many distinct stories of one site is
   * that site's boilerplate. The first `boilerplateMin − 1` occurrences cannot be known as such
   * yet; from the second on they are `exact` cross-article repeats anyway. A duplicate does not
   * count the paragraphs it shares with the story it copies (they recur because it is a copy),
   * only its own (its site's footer, an added paragraph), and none that repeats its story. An
   * article whose every paragraph is boilerplate is compared on its full text (such a page is
   * most likely a story published again); when it is judged a copy, its paragraphs that are the
   * copied story's content are reported as repeats of it, not as boilerplate. @default 3
   */
  boilerplateMin?: number
  /**
   * The matching window (`'7d'`, `'12h'` or ms): what can be matched of articles older than this,
   * measured against the newest article time seen (`published`, dates without a zone read as
   * UTC, else arrival), is forgotten. Verdicts are not: an id added again gets the verdict it got
   * for as long as the index exists, so a second run over the same index, or a run restarted
   * after a crash, writes what one uninterrupted run wrote. An article already older than the
   * window when it arrives is judged alone (an original with no cross-article repeats, marked
   * `outsideWindow: true`), never as a copy of a later article. @default undefined (keep all)
   */
  ttl?: string | number
  /** Tokens per shingle (words; characters in Han, Kana, Thai, Lao, Khmer, Myanmar). @default 3 */
  shingleSize?: number
  /** LSH bands; MinHash signature length = `bands × rows`. @default 16 */
  bands?: number
  /** Rows (MinHash values) per band. @default 4 */
  rows?: number
  /**
   * An earlier article with shingle-set Jaccard similarity at or above this (boilerplate left
   * out) is copied. Not `detect.nearThreshold`, which is a token-sequence ratio inside one article.
   * @default 0.5
   */
  jaccardThreshold?: number
  /**
   * …or when at least this share of the smaller article's shingles is in the other one (either
   * way round), also once up to one paragraph at each end of each article that the other does
   * not hold is set aside (a copier's header or footer, a dropped or added first or last
   * paragraph), if what is left is at least half of the smaller article. Boilerplate of either
   * site is left out of both first. @default 0.8
   */
  containmentThreshold?: number
  /**
   * @deprecated Renamed {@link DeduplicatorOptions.jaccardThreshold} (it shared its name with
   * `detect.nearThreshold`, a different measure). Still read when `jaccardThreshold` is not given.
   */
  nearThreshold?: number
  /**
   * @deprecated Renamed {@link DeduplicatorOptions.containmentThreshold} (it shared its name with
   * `detect.containThreshold`, a different measure). Still read when `containmentThreshold` is not given.
   */
  containThreshold?: number
  /** Containment only counts when the smaller article has at least this many shingles. @default 20 */
  minShingles?: number
  /** Jaccard similarity at or above which the duplicate is a `copy` rather than a `near-copy`. @default 0.9 */
  copyThreshold?: number
  /** A paragraph is a `near` repeat of a paragraph of a candidate article at this Jaccard similarity. @default 0.5 */
  paragraphThreshold?: number
  /** Paragraphs with fewer shingles are only matched exactly across articles. @default 8 */
  paragraphMinShingles?: number
  /**
   * Most earlier articles kept per new article after every candidate (its LSH bucket mates, and
   * up to this many first holders of its paragraphs) is verified on its stored shingles: the best
   * matches, those the article duplicates first; the verdict comes from them and its paragraphs
   * are searched in them for near repeats. @default 32
   */
  maxCandidates?: number
  /** Clock giving the arrival time of articles without `published`. @default Date.now */
  now?: () => number
  /**
   * The cleaning stage, called with the article body and the `clean()` options. Replace it to
   * reuse results you already have, or to measure the index alone. @default clean
   */
  clean?: (input: ArticleInput, options: Options) => CleanResult
}

/** {@link DeduplicatorOptions} with defaults filled in (the `clean()` options and `index` apart). */
export interface ResolvedFeedOptions extends FeedDefaults {
  now: () => number
}

/**
 * Splits deduplicator options into the feed options (the `feed` section of `resolveOptions()`,
 * plus the clock) and the `clean()` options, resolved once here (by the same call), so a typo
 * fails `createDeduplicator()` rather than every article.
 * @throws {DedupeError} `E_INVALID_OPTION`, naming the option and the fix.
 */
export function resolveFeedOptions(options: DeduplicatorOptions = {}): { feed: ResolvedFeedOptions; clean: Readonly<ResolvedOptions> } {
  const { feed } = resolveOptions(options, { sections: ['feed'] })
  const clean: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(options)) {
    if (!SECTION_KEYS.feed.includes(key)) clean[key] = value
  }
  // Resolved (and frozen) once: `clean()` takes such an object as it is, for every article.
  return { feed: { ...feed, now: options.now ?? Date.now }, clean: resolveOptions(clean as Options) }
}
