import { clean } from '../clean.js'
import { DedupeError } from '../errors.js'
import { articleBody } from '../parse/article-body.js'
import { resolveFeedOptions, type DeduplicatorOptions, type ResolvedFeedOptions } from './feed-options.js'
import { feedText } from './feed-text.js'
import { judgeArticle, type Verdict } from './judge-article.js'
import { bandKeys } from './lsh.js'
import { createMinHash } from './minhash.js'
import { prepareArticle, type PreparedArticle } from './prepare-article.js'
import { unionShingles } from './shingles.js'
import { createMemoryIndex } from './stores/memory.js'
import type { Article, IndexRecord, FeedIndex, FeedParagraph, FeedResult, FingerprintInfo, IndexedArticle } from './types.js'

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
    const cleaned = cleanStage(articleBody(article), cleanOptions)
    const prepared = prepareArticle(article, cleaned, feed.now(), feed.shingleSize)
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
        }
        const fingerprints = [...new Set(prepared.compared.map((p) => p.fingerprint))]
        const infos = await session.fingerprints(fingerprints, prepared.site)
        const byFingerprint = new Map<string, FingerprintInfo>()
        fingerprints.forEach((fp, i) => byFingerprint.set(fp, infos[i] as FingerprintInfo))
        const boilerplate = new Set<number>()
        if (prepared.site !== null) {
          for (const p of prepared.compared) {
            if ((byFingerprint.get(p.fingerprint)?.siteCount ?? 0) + 1 >= feed.boilerplateMin) boilerplate.add(p.index)
          }
        }
        const set = unionShingles(prepared.compared.filter((p) => !boilerplate.has(p.index)).map((p) => p.shingles))
        const bands = set.length === 0 ? [] : bandKeys(minhash(set), feed)
        const candidates = await findCandidates(session, prepared, byFingerprint, boilerplate, bands, feed)
        const verdict = judgeArticle({ article: prepared, fingerprints: byFingerprint, boilerplate, set, candidates }, feed)
        const result = buildResult(prepared, verdict)
        const record = buildRecord(prepared, verdict, boilerplate, bands, JSON.stringify(result))
        committed = true
        if (await session.commit(record)) return JSON.parse(record.result) as FeedResult
      } finally {
        if (!committed) await session.release()
      }
    }
    throw new Error(`Could not record article ${prepared.id}: the index kept changing (${MAX_ATTEMPTS} attempts)`)
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

/**
 * Earlier originals worth verifying: first holders of the article's (non-boilerplate)
 * paragraphs, then the articles sharing an LSH bucket, duplicates replaced by their
 * original; at most `maxCandidates`, earliest first.
 */
async function findCandidates(
  session: { candidates(b: readonly number[]): Promise<string[]>; articles(ids: readonly string[]): Promise<IndexedArticle[]> },
  prepared: PreparedArticle,
  fingerprints: ReadonlyMap<string, FingerprintInfo>,
  boilerplate: ReadonlySet<number>,
  bands: readonly number[],
  feed: ResolvedFeedOptions,
): Promise<IndexedArticle[]> {
  const ids = new Set<string>()
  for (const p of prepared.compared) {
    const first = fingerprints.get(p.fingerprint)?.first
    if (!boilerplate.has(p.index) && first && first.article !== prepared.id) ids.add(first.article)
  }
  if (bands.length > 0) for (const id of await session.candidates(bands)) if (id !== prepared.id) ids.add(id)
  const wanted = [...ids].slice(0, feed.maxCandidates * 2)
  const found = await session.articles(wanted)
  const originals = new Map<string, IndexedArticle>()
  const missing = new Set<string>()
  for (const a of found) {
    if (a.of === null) originals.set(a.id, a)
    else if (a.of !== prepared.id) missing.add(a.of)
  }
  for (const id of originals.keys()) missing.delete(id)
  if (missing.size > 0) for (const a of await session.articles([...missing])) if (a.of === null) originals.set(a.id, a)
  return [...originals.values()].sort((a, b) => a.seq - b.seq).slice(0, feed.maxCandidates)
}

function buildResult(prepared: PreparedArticle, verdict: Verdict): FeedResult {
  const paragraphs: FeedParagraph[] = prepared.cleaned.paragraphs.map((p) => ({
    ...p,
    crossDuplicate: verdict.cross.get(p.index) ?? null,
  }))
  const anyCross = paragraphs.some((p) => p.crossDuplicate !== null)
  // Input metadata first (id, then the caller's fields), computed fields after.
  const result: Record<string, unknown> = { id: prepared.id, idGenerated: prepared.idGenerated, site: prepared.site }
  for (const [key, value] of Object.entries(prepared.extra)) if (!COMPUTED.has(key)) result[key] = value
  result.language = prepared.cleaned.language
  result.confidence = prepared.cleaned.confidence
  result.duplicate = verdict.duplicate
  result.text = anyCross ? feedText(paragraphs) : prepared.cleaned.text
  result.paragraphs = paragraphs
  result.passages = prepared.cleaned.passages
  return result as FeedResult
}

/** Result fields computed here: an input field of the same name is not copied. */
const COMPUTED = new Set(['id', 'idGenerated', 'site', 'language', 'confidence', 'duplicate', 'text', 'paragraphs', 'passages'])

function buildRecord(
  prepared: PreparedArticle,
  verdict: Verdict,
  boilerplate: ReadonlySet<number>,
  bands: number[],
  result: string,
): IndexRecord {
  const original = verdict.duplicate === null
  return {
    id: prepared.id,
    time: prepared.time,
    site: prepared.site,
    result,
    of: verdict.duplicate?.of ?? null,
    paragraphs: original
      ? prepared.compared.filter((p) => !boilerplate.has(p.index)).map((p) => ({ index: p.index, shingles: p.shingles }))
      : [],
    bands: original ? bands : [],
    fingerprints: prepared.compared.map((p) => ({ fingerprint: p.fingerprint, paragraph: p.index })),
  }
}

export type { DeduplicatorOptions }
