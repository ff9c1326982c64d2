import { clean } from '../clean.js'
import { DedupeError } from '../errors.js'
import { resolveOptions } from '../options.js'
import { articleBody } from '../parse/article-body.js'
import { resolveFeedOptions, type DeduplicatorOptions, type ResolvedFeedOptions } from './feed-options.js'
import { cleanedText } from '../output/kept-paragraphs.js'
import { compareMatches, judgeArticle, matchCandidate, type ArticleSide, type CandidateMatch, type Verdict } from './judge-article.js'
import { bandKeys } from './lsh.js'
import { createMinHash } from './minhash.js'
import { prepareArticle, type ComparedParagraph, type PreparedArticle } from './prepare-article.js'
import { unionShingles } from './shingles.js'
import { createMemoryIndex } from '../stores/memory.js'
import type { Article, FeedParagraph, FeedResult, FingerprintInfo, IndexedArticle, IndexRecord, IndexSession } from './types.js'
import { loadLanguageModel } from '../language/fasttext-model.js'

/** A deduplicator over a stream of articles; see {@link createDeduplicator}. */
export interface Deduplicator {
  /**
   * Cleans one article and judges it against every article seen before (keep-first by
   * arrival). Adding an id already in the index returns the result stored the first time.
   * Calls are serialized: concurrent `add`s run one after the other, in call order.
   */
  add(article: Article): Promise<FeedResult>
  /** Adds every article of `articles` in order and yields their results in input order. */
  run(articles: Iterable<Article> | AsyncIterable<Article>): AsyncIterable<FeedResult>
  /** Closes the index. */
  close(): Promise<void>
}

/** Most read-then-commit attempts for one article before giving up (other workers keep winning). */
const MAX_ATTEMPTS = 100

/** The verdict on an article outside the `ttl` window: compared with nothing, so an original with no repeats. */
const ALONE: Verdict = { duplicate: null, cross: new Map() }

/**
 * Creates a deduplicator: a pipeline of `clean()` → fingerprints and shingles →
 * index lookups (paragraph fingerprints, LSH buckets) → exact verification of candidates →
 * verdict → one atomic write to the index.
 *
 * @example
 * const dedup = createDeduplicator({ index: createSqliteIndex('feed.db'), ttl: '7d' })
 * for await (const result of dedup.run(articles)) if (!result.duplicate) publish(result)
 * await dedup.close()
 */
export function createDeduplicator(options: DeduplicatorOptions = {}): Deduplicator {
  const { feed, clean: cleanOptions } = resolveFeedOptions(options)
  const minLength = resolveOptions(cleanOptions).detect.minLength
  const index = options.index ?? createMemoryIndex()
  const cleanStage = options.clean ?? clean
  const minhash = createMinHash({ permutations: feed.bands * feed.rows })
  const grid = feed.ttl === null ? 0 : Math.max(1, Math.floor(feed.ttl / 1000))
  let expiredUpTo = -Infinity
  let queue: Promise<unknown> = Promise.resolve()

  const addOne = async (article: Article): Promise<FeedResult> => {
    if (article === null || typeof article !== 'object' || Array.isArray(article)) {
      throw new DedupeError('E_INVALID_RECORD', 'Expected an article object')
    }
    if (options.clean === undefined) await loadLanguageModel()
    const cleaned = cleanStage(articleBody(article), cleanOptions)
    const prepared = prepareArticle(article, cleaned, feed.now(), feed.shingleSize, minLength)
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const session = await index.begin(prepared.id)
      let committed = false
      try {
        if (session.stored !== null) return JSON.parse(session.stored) as FeedResult
        if (feed.ttl !== null) {
          // Quantized cutoff: the same input gives the same forgetting, whatever the restarts.
          const clock = Math.max(session.clock, prepared.time)
          const cutoff = Math.floor((clock - feed.ttl) / grid) * grid
          if (cutoff > expiredUpTo) {
            await session.release()
            committed = true
            await index.expire(cutoff)
            expiredUpTo = cutoff
            attempt--
            continue
          }
          // Older than the window: what it could be compared with is forgotten, and only later
          // articles remain. Judged alone, marked `outsideWindow`; its verdict is recorded (so a
          // re-delivery gets it again) but nothing to match it with: that is forgotten at once.
          if (prepared.time < cutoff) {
            const result = JSON.stringify(buildResult(prepared, ALONE, true))
            committed = true
            if (!(await session.commit(aloneRecord(prepared, result)))) continue
            await index.expire(cutoff)
            return JSON.parse(result) as FeedResult
          }
        }
        const judged = await judgeAgainstIndex(session, prepared, minhash, feed)
        const record = buildRecord(prepared, judged, JSON.stringify(buildResult(prepared, judged.verdict)))
        committed = true
        if (await session.commit(record)) return JSON.parse(record.result) as FeedResult
      } finally {
        if (!committed) await session.release()
      }
    }
    throw new DedupeError('E_INDEX_CONFLICT', `Could not record article ${prepared.id}: the index kept changing (${MAX_ATTEMPTS} attempts); add it again`)
  }

  const add = (article: Article): Promise<FeedResult> => {
    const next = queue.then(() => addOne(article))
    queue = next.catch(() => undefined)
    return next
  }

  return {
    add,
    async *run(articles) {
      for await (const article of articles) yield await add(article)
    },
    async close() {
      await queue
      await index.close()
    },
  }
}

/** What an index session offers the judging step. */
type JudgeSession = Pick<IndexSession, 'fingerprints' | 'candidates' | 'articles'>

/** An article judged against the index, with what its record needs. */
interface Judged {
  verdict: Verdict
  /** LSH band keys of the paragraphs it was compared on (see {@link comparedOn}). */
  bands: number[]
  /** Paragraphs whose fingerprints go to the index (see {@link recordedParagraphs}). */
  recorded: ComparedParagraph[]
}

/**
 * Reads what the index knows about the article (its paragraphs' first occurrences and site
 * counts, its LSH buckets), verifies the candidates and judges it.
 */
async function judgeAgainstIndex(
  session: JudgeSession,
  prepared: PreparedArticle,
  minhash: (set: Uint32Array) => Uint32Array,
  feed: ResolvedFeedOptions,
): Promise<Judged> {
  const fingerprints = [...new Set(prepared.compared.map((p) => p.fingerprint))]
  const infos = await session.fingerprints(fingerprints, prepared.site)
  const byFingerprint = new Map<string, FingerprintInfo>()
  fingerprints.forEach((fp, i) => byFingerprint.set(fp, infos[i] as FingerprintInfo))
  const boilerplate = siteBoilerplate(prepared, byFingerprint, feed.boilerplateMin)
  const basis = comparedOn(prepared.compared, boilerplate)
  const set = unionShingles(basis.map((p) => p.shingles))
  const bands = set.length === 0 ? [] : bandKeys(minhash(set), feed)
  const side = {
    paragraphs: prepared.compared,
    boilerplate: new Set(prepared.compared.filter((p) => boilerplate.has(p.index)).map((p) => p.fingerprint)),
    set,
  }
  const { matches, originalOf } = await findCandidates(session, prepared, side, boilerplate, byFingerprint, bands, feed)
  const verdict = judgeArticle({ article: prepared, fingerprints: byFingerprint, boilerplate, candidates: matches }, feed)
  return { verdict, bands, recorded: recordedParagraphs(prepared, verdict, byFingerprint, originalOf) }
}

/**
 * Indices of the article's paragraphs that are its site's boilerplate: found, this article
 * included, in at least `boilerplateMin` distinct stories of the site (a duplicate does not
 * count what it shares with its story: see {@link recordedParagraphs}). None without a site.
 */
function siteBoilerplate(prepared: PreparedArticle, fingerprints: ReadonlyMap<string, FingerprintInfo>, boilerplateMin: number): Set<number> {
  const boilerplate = new Set<number>()
  if (prepared.site === null) return boilerplate
  for (const p of prepared.compared) {
    if ((fingerprints.get(p.fingerprint)?.siteCount ?? 0) + 1 >= boilerplateMin) boilerplate.add(p.index)
  }
  return boilerplate
}

/**
 * The paragraphs an article is compared on: those that are not its site's boilerplate, or
 * all of them when every one is. A page made only of its site's boilerplate is most likely
 * a story published again (or a story republished while `boilerplateMin` is 2): compared on
 * nothing it would pass for an original with no text; compared on its full text it is found
 * to be the copy it is. Its paragraphs are still reported as boilerplate.
 */
function comparedOn(compared: readonly ComparedParagraph[], boilerplate: ReadonlySet<number>): ComparedParagraph[] {
  const rest = compared.filter((p) => !boilerplate.has(p.index))
  return rest.length === 0 ? [...compared] : rest
}

/**
 * Earlier originals worth verifying, best first (see {@link compareMatches}): every article
 * sharing an LSH bucket (at most `bands` × the store's bucket limit) and the first holders of
 * the article's paragraphs (at most `maxCandidates`, those holding the most paragraphs first;
 * holders of its boilerplate too, after the others: a story its site publishes again may have
 * had its paragraphs counted as boilerplate before it was recognised; short lines are left
 * out: they say nothing of the story), duplicates replaced by their original; each verified
 * on its stored paragraphs, the boilerplate of its site looked up now (see
 * {@link matchCandidate}), then the `maxCandidates` with the most evidence kept. So the best
 * match is verified however many older articles share its buckets, at a bounded cost per
 * article. Also returns, for every article read, the id of its original.
 */
async function findCandidates(
  session: JudgeSession,
  prepared: PreparedArticle,
  side: ArticleSide,
  boilerplate: ReadonlySet<number>,
  fingerprints: ReadonlyMap<string, FingerprintInfo>,
  bands: readonly number[],
  feed: ResolvedFeedOptions,
): Promise<{ matches: CandidateMatch[]; originalOf: Map<string, string> }> {
  const id = prepared.id
  const long = prepared.compared.filter((p) => !p.short)
  const holders = firstHolders([...long.filter((p) => !boilerplate.has(p.index)), ...long.filter((p) => boilerplate.has(p.index))], fingerprints, id)
  const ids = new Set(holders.slice(0, feed.maxCandidates))
  if (bands.length > 0) for (const candidate of await session.candidates(bands)) if (candidate !== id) ids.add(candidate)
  const { originals, originalOf } = await readOriginals(session, [...ids], id)
  const theirBoilerplate = await candidateBoilerplate(session, originals, feed.boilerplateMin)
  const matches = originals.map((a) => matchCandidate(side, a, theirBoilerplate.get(a.id) as Set<string>, feed)).sort(compareMatches)
  return { matches: matches.slice(0, feed.maxCandidates), originalOf }
}

/**
 * For each candidate, the fingerprints of its paragraphs that are its site's boilerplate now:
 * found in at least `boilerplateMin` distinct stories of that site (the candidate included).
 * A footer that became boilerplate after the candidate was recorded is left out of the
 * comparison on both sides, like the new article's own boilerplate.
 */
async function candidateBoilerplate(
  session: JudgeSession,
  candidates: readonly IndexedArticle[],
  boilerplateMin: number,
): Promise<Map<string, Set<string>>> {
  const bySite = new Map<string, Set<string>>()
  for (const c of candidates) {
    if (c.site === null) continue
    const fps = bySite.get(c.site) ?? new Set<string>()
    for (const p of c.paragraphs) if (p.fingerprint !== '') fps.add(p.fingerprint)
    bySite.set(c.site, fps)
  }
  const counted = new Map<string, Set<string>>()
  for (const [site, fps] of [...bySite].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    const list = [...fps]
    const infos = await session.fingerprints(list, site)
    counted.set(site, new Set(list.filter((_, i) => (infos[i] as FingerprintInfo).siteCount >= boilerplateMin)))
  }
  const out = new Map<string, Set<string>>()
  for (const c of candidates) out.set(c.id, c.site === null ? new Set() : (counted.get(c.site) as Set<string>))
  return out
}

/** Earlier articles holding the first occurrence of one of `paragraphs`, those holding the most first, then in paragraph order. */
function firstHolders(paragraphs: readonly ComparedParagraph[], fingerprints: ReadonlyMap<string, FingerprintInfo>, self: string): string[] {
  const held = new Map<string, number>()
  for (const p of paragraphs) {
    const first = fingerprints.get(p.fingerprint)?.first
    if (first && first.article !== self) held.set(first.article, (held.get(first.article) ?? 0) + 1)
  }
  return [...held].sort((a, b) => b[1] - a[1]).map(([holder]) => holder)
}

/** The stored articles among `ids`, duplicates replaced by their original, and the original's id of each article read. */
async function readOriginals(
  session: JudgeSession,
  ids: readonly string[],
  self: string,
): Promise<{ originals: IndexedArticle[]; originalOf: Map<string, string> }> {
  const originals = new Map<string, IndexedArticle>()
  const originalOf = new Map<string, string>()
  const missing = new Set<string>()
  for (const a of await session.articles(ids)) {
    originalOf.set(a.id, a.of ?? a.id)
    if (a.of === null) originals.set(a.id, a)
    else if (a.of !== self) missing.add(a.of)
  }
  for (const known of originals.keys()) missing.delete(known)
  if (missing.size > 0) for (const a of await session.articles([...missing])) if (a.of === null) originals.set(a.id, a)
  return { originals: [...originals.values()], originalOf }
}

/**
 * The paragraphs whose fingerprints are recorded (first occurrences, site counts): all of an
 * original's; all of a duplicate's but those that are the story it copies: first seen in the
 * article it copies or in another copy of it, or judged a repeat (exact or near) of it. Those
 * recur because the story was copied, not because the site repeats them: counted, a story
 * published three times by one site would become that site's boilerplate. A duplicate's other
 * paragraphs (its own site's footer, an added paragraph) are counted like anyone's.
 */
function recordedParagraphs(
  prepared: PreparedArticle,
  verdict: Verdict,
  fingerprints: ReadonlyMap<string, FingerprintInfo>,
  originalOf: ReadonlyMap<string, string>,
): ComparedParagraph[] {
  const of = verdict.duplicate?.of
  if (of === undefined) return prepared.compared
  const inStory = (article: string): boolean => article === of || originalOf.get(article) === of
  return prepared.compared.filter((p) => {
    const first = fingerprints.get(p.fingerprint)?.first
    const cross = verdict.cross.get(p.index)
    if (cross && cross.kind !== 'boilerplate' && inStory(cross.of.article)) return false
    return !first || !inStory(first.article)
  })
}

/** The record of an article outside the window: its verdict, and nothing to match it with. */
function aloneRecord(prepared: PreparedArticle, result: string): IndexRecord {
  return { id: prepared.id, time: prepared.time, site: prepared.site, result, of: null, paragraphs: [], bands: [], fingerprints: [] }
}

function buildResult(prepared: PreparedArticle, verdict: Verdict, outsideWindow = false): FeedResult {
  const paragraphs: FeedParagraph[] = prepared.cleaned.paragraphs.map((p) => ({
    ...p,
    crossDuplicate: verdict.cross.get(p.index) ?? null,
  }))
  const anyCross = paragraphs.some((p) => p.crossDuplicate !== null)
  // Input metadata first (id, then the caller's fields), computed fields after.
  const result: Record<string, unknown> = { id: prepared.id, idGenerated: prepared.idGenerated, site: prepared.site }
  for (const [key, value] of Object.entries(prepared.extra)) {
    if (!FEED_RESULT_FIELDS.has(key)) Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true }) // `__proto__` too
  }
  result.language = prepared.cleaned.language
  result.confidence = prepared.cleaned.confidence
  result.duplicate = verdict.duplicate
  if (outsideWindow) result.outsideWindow = true
  result.text = anyCross ? cleanedText(paragraphs) : prepared.cleaned.text
  result.paragraphs = paragraphs
  result.passages = prepared.cleaned.passages
  if (prepared.cleaned.encoding !== undefined) result.encoding = prepared.cleaned.encoding
  if (prepared.cleaned.warnings !== undefined) result.warnings = prepared.cleaned.warnings
  return result as FeedResult
}

/** Result fields computed here: an input field of the same name is not copied (writers of input-exact JSON lines need the list too). */
export const FEED_RESULT_FIELDS = new Set(['id', 'idGenerated', 'site', 'language', 'confidence', 'duplicate', 'outsideWindow', 'text', 'paragraphs', 'passages', 'encoding', 'warnings'])

function buildRecord(prepared: PreparedArticle, judged: Judged, result: string): IndexRecord {
  const original = judged.verdict.duplicate === null
  return {
    id: prepared.id,
    time: prepared.time,
    site: prepared.site,
    result,
    of: judged.verdict.duplicate?.of ?? null,
    // Every paragraph, boilerplate included: which are boilerplate is decided at each comparison.
    paragraphs: original ? prepared.compared.map((p) => ({ index: p.index, shingles: p.shingles })) : [],
    bands: original ? judged.bands : [],
    fingerprints: judged.recorded.map((p) => ({ fingerprint: p.fingerprint, paragraph: p.index })),
  }
}

export type { DeduplicatorOptions }
