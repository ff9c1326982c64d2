import { nestsDeeperThan } from './nests-deeper-than.js'
import { DedupeError } from '../errors.js'
import { resolveOptions } from '../options.js'
import { articleBody } from '../parse/article-body.js'
import { resolveFeedOptions, type DeduplicatorOptions, type ResolvedFeedOptions } from './feed-options.js'
import { buildResult, FEED_RESULT_FIELDS } from './build-result.js'
import type { ResultLineParts } from './result-line.js'
import { compareMatches, judgeArticle, matchCandidate, type ArticleSide, type CandidateMatch, type Verdict } from './judge-article.js'
import { bandKeys } from './lsh.js'
import { createMinHash } from './minhash.js'
import { prepareArticle, type ComparedParagraph, type JudgeableArticle, type PreparedArticle } from './prepare-article.js'
import { unionOfParagraphs } from './shingles.js'
import { createUnionCache, type UnionCache } from './union-cache.js'
import { compactShingles } from './compact-shingles.js'
import { hash32 } from '../text/hash.js'
import { createMemoryIndex } from '../stores/memory.js'
import { encodeParagraphs } from '../stores/record-codec.js'
import type { Article, ArticleDuplicate, CrossDuplicate, FeedResult, FingerprintInfo, IndexedArticle, IndexRecord, IndexSession, SessionHint } from './types.js'
import { loadLanguageModel } from '../language/fasttext-model.js'

/** A deduplicator over a stream of articles; see {@link createDeduplicator}. */
export interface Deduplicator {
  /**
   * Cleans one article and judges it against every article seen before (keep-first by
   * arrival). Adding an id already in the index returns the verdict recorded the first time
   * (the index keeps the verdict, not the article: the result is rebuilt from the article given
   * again, cleaned again, so a restarted run writes what the first one wrote).
   * Calls are serialized: concurrent `add`s run one after the other, in call order.
   */
  add(article: Article): Promise<FeedResult>
  /**
   * Adds every article of `articles` in order and yields their results in input order. Up to
   * 256 articles are added ahead of the result being yielded (so SQLite commits them in
   * batches): when one fails, `run` throws at its turn, and the few after it are recorded.
   */
  run(articles: Iterable<Article> | AsyncIterable<Article>): AsyncIterable<FeedResult>
  /** Closes the index. */
  close(): Promise<void>
}

/** Articles {@link Deduplicator.run} adds ahead of the result it yields. */
const RUN_AHEAD = 256

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
  const { feed } = resolveFeedOptions(options)
  let stage: ReturnType<typeof createArticleStager> | undefined
  const judge = createFeedJudge(options)
  // The judge's result shares its parts with the staged article: handed to the caller as plain
  // data of its own (what it would read back from the JSON it writes).
  const add = (article: Article): Promise<FeedResult> =>
    judge
      .judge(async () => {
        // The default clean stage needs the language model: loaded once, on the first article.
        // clean() (and with it every parser) is imported then too, not with this module, so that
        // the CLI's judging and staging, which give their own clean stage, load no parser it does not need.
        if (options.clean === undefined) await loadLanguageModel()
        stage ??= createArticleStager({ ...options, clean: options.clean ?? (await import('../clean.js')).clean })
        return stage(article, feed.now())
      })
      .then(plain)
  return {
    add,
    async *run(articles) {
      // Articles are added ahead of what is yielded, so a store that commits in batches
      // (SQLite) gets batches; each result still waits for its own commit.
      const pending: Array<Promise<FeedResult>> = []
      for await (const article of articles) {
        const result = add(article)
        result.catch(() => undefined) // reported when its turn to be yielded comes
        pending.push(result)
        if (pending.length >= RUN_AHEAD) yield await (pending.shift() as Promise<FeedResult>)
      }
      while (pending.length > 0) yield await (pending.shift() as Promise<FeedResult>)
    },
    close: () => judge.close(),
  }
}

/**
 * An article cleaned, fingerprinted and shingled, ready to be judged: what depends on the
 * article alone (so a worker thread can compute it), not on the index.
 */
export interface StagedArticle extends JudgeableStaged {
  prepared: PreparedArticle
  /**
   * The MinHash signature of each compared paragraph's shingle set, one after the other in
   * `prepared.compared` order (`permutations` values each). The signature of a union of sets is
   * the element-wise minimum of theirs, so the article's signature over the paragraphs it is
   * compared on (known only once the index tells its site's boilerplate) costs no rehashing.
   */
  signatures: Uint32Array
}

/** What judging reads of a staged article (see {@link JudgeableArticle}). */
export interface JudgeableStaged {
  prepared: JudgeableArticle
  /** See {@link StagedArticle.signatures}. */
  signatures: Uint32Array
  /**
   * What judging derives from all the compared paragraphs, computed ahead by a stager asked to
   * (`ahead`, see {@link createArticleStager}): so a worker thread does it, not the judging
   * thread. Judging uses it when the article is compared on all its paragraphs (none is its
   * site's boilerplate), and computes the same itself otherwise or when it is absent.
   */
  whole?: WholeArticle
}

/** See {@link JudgeableStaged.whole}. */
export interface WholeArticle {
  /** The union of the compared paragraphs' (reduced) shingle sets. */
  set: Uint32Array
  /** The LSH band keys of the union of their signatures; empty when `set` is. */
  bands: number[]
  /** The compared paragraphs as the stores keep them (`encodeParagraphs`): an original's record. */
  paragraphs: Uint8Array
}

/**
 * A staged article as a worker thread sends it back when it writes the result's line itself:
 * what judging reads, and the verdict-independent parts of its line (see {@link resultLineParts});
 * its `clean()` result stays in the worker.
 */
export interface LinedArticle extends JudgeableStaged {
  line: ResultLineParts
}

/** A staged article judged: its verdict, and whether it was judged alone, outside the `ttl` window. */
export interface JudgedArticle<S extends JudgeableStaged = StagedArticle> {
  staged: S
  verdict: Verdict
  outsideWindow: boolean
}

/**
 * The index-independent stages of the deduplicator: `clean()`, fingerprints, shingles and
 * per-paragraph MinHash. Pure: the same article and arrival time give the same staged article,
 * in any thread. `options` are those of {@link createDeduplicator} (`index` and `now` unused),
 * the clean stage given: `clean`, or the CLI's, which runs it with the parsers its input needs
 * (so that this module imports none). It needs the language model loaded first (`loadLanguageModel()`).
 *
 * @returns `stage(article, arrival)`, throwing `E_INVALID_RECORD` for a value that is not an article object.
 */
export function createArticleStager(options: DeduplicatorOptions & Required<Pick<DeduplicatorOptions, 'clean'>>, ahead = false): (article: Article, arrival: number) => StagedArticle {
  const { feed, clean: cleanOptions } = resolveFeedOptions(options)
  const minLength = resolveOptions(cleanOptions).detect.minLength
  const cleanStage = options.clean
  const permutations = feed.bands * feed.rows
  const minhash = createMinHash({ permutations })
  return (article, arrival) => {
    if (article === null || typeof article !== 'object' || Array.isArray(article)) {
      throw new DedupeError('E_INVALID_RECORD', 'Expected an article object')
    }
    const cleaned = cleanStage(articleBody(article), cleanOptions)
    const prepared = prepareArticle(article, cleaned, arrival, feed.shingleSize, minLength)
    const signatures = new Uint32Array(prepared.compared.length * permutations)
    prepared.compared.forEach((p, i) => {
      signatures.set(minhash(p.shingles), i * permutations)
      // Compared and stored reduced (see SHINGLE_BITS); the signature above is of the full hashes.
      p.shingles = compactShingles(p.shingles)
    })
    if (!ahead) return { prepared, signatures }
    const set = unionOfParagraphs(prepared.compared)
    const whole: WholeArticle = {
      set,
      bands: set.length === 0 ? [] : bandKeys(unionSignature({ prepared, signatures }, prepared.compared, permutations), feed),
      paragraphs: encodeParagraphs(prepared.compared),
    }
    return { prepared, signatures, whole }
  }
}

/** The judging half of a deduplicator: see {@link createFeedJudge}. */
export interface FeedJudge {
  /**
   * Judges one staged article against the index and records it. Calls are serialized, in
   * call order; `stage` runs in its turn (so a clock read there follows arrival order). The
   * promise resolves once the article's record is durable in the index (see
   * {@link FeedIndex.committed}), so a caller that writes results as they resolve never
   * writes one the index could lose. The result is built from the staged article's parts, not
   * copied (the CLI writes it as a JSON line at once): {@link createDeduplicator} hands out a
   * plain copy.
   */
  judge(stage: () => StagedArticle | Promise<StagedArticle>): Promise<FeedResult>
  /**
   * {@link FeedJudge.judge} without building the result: the staged article and its verdict
   * (in the same turns as `judge`'s), for a caller that writes the result from a
   * {@link LinedArticle}'s parts; for a {@link StagedArticle}, `buildResult(staged.prepared,
   * verdict, outsideWindow)` is the result `judge` gives.
   */
  judged<S extends JudgeableStaged>(stage: () => S | Promise<S>): Promise<JudgedArticle<S>>
  /** Waits for pending articles, commits and closes the index. */
  close(): Promise<void>
}

/**
 * The index-dependent stages of the deduplicator: lookups, verification, verdict, record.
 * {@link createDeduplicator} pairs it with {@link createArticleStager} in one thread; the
 * CLI's `--workers` stages articles in worker threads and judges them here, in input order.
 */
export function createFeedJudge(options: DeduplicatorOptions = {}): FeedJudge {
  const { feed } = resolveFeedOptions(options)
  const index = options.index ?? createMemoryIndex()
  const permutations = feed.bands * feed.rows
  const grid = feed.ttl === null ? 0 : Math.max(1, Math.floor(feed.ttl / 1000))
  let expiredUpTo = -Infinity
  // Candidates' unions: an earlier article is verified against many later ones.
  const unions = createUnionCache()
  let queue: Promise<unknown> = Promise.resolve()
  let pending = 0

  const judgeOne = async <S extends JudgeableStaged>(staged: S): Promise<JudgedArticle<S>> => {
    const { prepared } = staged
    const plan = planReads(staged, permutations, feed)
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const session = await index.begin(prepared.id, plan.hint)
      let committed = false
      try {
        if (session.stored !== null) {
          const { verdict, outsideWindow } = decodeVerdict(session.stored, prepared)
          return { staged, verdict, outsideWindow }
        }
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
            committed = true
            if (!(await session.commit(aloneRecord(prepared, encodeVerdict(ALONE, prepared, true))))) continue
            await index.expire(cutoff)
            return { staged, verdict: ALONE, outsideWindow: true }
          }
        }
        const judged = await judgeAgainstIndex(session, staged, plan, permutations, feed, unions)
        const record = buildRecord(prepared, judged, encodeVerdict(judged.verdict, prepared), staged.whole)
        committed = true
        if (await session.commit(record)) return { staged, verdict: judged.verdict, outsideWindow: false }
      } finally {
        if (!committed) await session.release()
      }
    }
    throw new DedupeError('E_INDEX_CONFLICT', `Could not record article ${prepared.id}: the index kept changing (${MAX_ATTEMPTS} attempts); add it again`)
  }

  const judged = <S extends JudgeableStaged>(stage: () => S | Promise<S>): Promise<JudgedArticle<S>> => {
    pending++
    // What this article's result waits for besides its own turn: the commit of the batch it was
    // recorded in (read when the turn ends, so it is that batch and not a later one).
    let durable: Promise<void> = Promise.resolve()
    const next = queue.then(async () => {
      try {
        return await judgeOne(await stage())
      } finally {
        durable = index.committed?.() ?? durable
        // Nothing else waiting once this turn of the event loop is over: commit now rather than
        // hold the batch (and its callers) open. Checked after the turn, so that a caller adding
        // articles one microtask apart still gets batches.
        if (--pending === 0 && index.flush) setTimeout(() => pending === 0 && void index.flush?.().catch(() => undefined), 0)
      }
    })
    queue = next.catch(() => undefined)
    return next.then(async (result) => {
      await durable
      return result
    })
  }

  return {
    judge: (stage) => judged<StagedArticle>(stage).then(({ staged, verdict, outsideWindow }) => buildResult(staged.prepared, verdict, outsideWindow)),
    judged,
    async close() {
      await queue
      await index.flush?.()
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
  staged: JudgeableStaged,
  plan: ReadPlan,
  permutations: number,
  feed: ResolvedFeedOptions,
  unions: UnionCache,
): Promise<Judged> {
  const { prepared } = staged
  const { fingerprints } = plan
  const infos = await session.fingerprints(fingerprints, prepared.site)
  const byFingerprint = new Map<string, FingerprintInfo>()
  fingerprints.forEach((fp, i) => byFingerprint.set(fp, infos[i] as FingerprintInfo))
  const boilerplate = siteBoilerplate(prepared, byFingerprint, feed.boilerplateMin)
  const basis = comparedOn(prepared.compared, boilerplate)
  // Compared on every paragraph (the common case): what the stager computed ahead, if it did,
  // and the bands the plan derived (for the session's hint, or now).
  const all = basis.length === prepared.compared.length
  const set = all && staged.whole ? staged.whole.set : unionOfParagraphs(basis)
  const bands = all ? plan.wholeBands() : set.length === 0 ? [] : bandKeys(unionSignature(staged, basis, permutations), feed)
  const side = {
    paragraphs: prepared.compared,
    boilerplate: new Set(prepared.compared.filter((p) => boilerplate.has(p.index)).map((p) => p.fingerprint)),
    set,
  }
  const { matches, originalOf } = await findCandidates(session, prepared, side, boilerplate, byFingerprint, bands, feed, unions)
  const verdict = judgeArticle({ article: prepared, fingerprints: byFingerprint, boilerplate, candidates: matches }, feed)
  return { verdict, bands, recorded: recordedParagraphs(prepared, verdict, byFingerprint, originalOf) }
}

/** What {@link judgeAgainstIndex} reads of the index for one article; see {@link planReads}. */
interface ReadPlan {
  /** The distinct fingerprints of its compared paragraphs, in paragraph order. */
  fingerprints: string[]
  /** Its LSH band keys when it is compared on every paragraph (none is its site's boilerplate). */
  wholeBands(): number[]
  /** {@link SessionHint} of those reads, for a store that fetches them at once (see `FeedIndex.begin`). */
  hint(): SessionHint
}

/**
 * What judging an article reads when none of its paragraphs is its site's boilerplate (the usual
 * case), derived once for the session hint and for {@link judgeAgainstIndex} alike, so the two
 * cannot drift apart and the bands are not computed twice. The bands are computed on first use
 * (a store that takes no hint, and an article with boilerplate, may not need them).
 */
function planReads(staged: JudgeableStaged, permutations: number, feed: ResolvedFeedOptions): ReadPlan {
  const { compared, site } = staged.prepared
  const fingerprints = [...new Set(compared.map((p) => p.fingerprint))]
  let bands: number[] | undefined
  // Computed ahead by the stager when it did, else here; none for an article without shingles.
  const wholeBands = (): number[] =>
    (bands ??= staged.whole ? staged.whole.bands : compared.some((p) => p.shingles.length > 0) ? bandKeys(unionSignature(staged, compared, permutations), feed) : [])
  return { fingerprints, wholeBands, hint: () => ({ fingerprints, site, bands: wholeBands() }) }
}

/** The MinHash signature of the union of `basis`'s shingle sets: the element-wise minimum of the paragraphs' signatures. */
function unionSignature(staged: JudgeableStaged, basis: readonly ComparedParagraph[], permutations: number): Uint32Array {
  const signature = new Uint32Array(permutations).fill(0xffffffff)
  const position = new Map(staged.prepared.compared.map((p, i) => [p.index, i]))
  for (const p of basis) {
    const at = (position.get(p.index) as number) * permutations
    for (let i = 0; i < permutations; i++) {
      const h = staged.signatures[at + i] as number
      if (h < (signature[i] as number)) signature[i] = h
    }
  }
  return signature
}

/**
 * Indices of the article's paragraphs that are its site's boilerplate: found, this article
 * included, in at least `boilerplateMin` distinct stories of the site (a duplicate does not
 * count what it shares with its story: see {@link recordedParagraphs}). None without a site.
 */
function siteBoilerplate(prepared: JudgeableArticle, fingerprints: ReadonlyMap<string, FingerprintInfo>, boilerplateMin: number): Set<number> {
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
  prepared: JudgeableArticle,
  side: ArticleSide,
  boilerplate: ReadonlySet<number>,
  fingerprints: ReadonlyMap<string, FingerprintInfo>,
  bands: readonly number[],
  feed: ResolvedFeedOptions,
  unions: UnionCache,
): Promise<{ matches: CandidateMatch[]; originalOf: Map<string, string> }> {
  const id = prepared.id
  const long = prepared.compared.filter((p) => !p.short)
  const holders = firstHolders([...long.filter((p) => !boilerplate.has(p.index)), ...long.filter((p) => boilerplate.has(p.index))], fingerprints, id)
  const ids = new Set(holders.slice(0, feed.maxCandidates))
  if (bands.length > 0) for (const candidate of await session.candidates(bands)) if (candidate !== id) ids.add(candidate)
  const { originals, originalOf } = await readOriginals(session, [...ids], id)
  const theirBoilerplate = await candidateBoilerplate(session, originals, feed.boilerplateMin)
  // Built by push, as the lists below: `map` hands back a holey array once TurboFan inlines it,
  // and callers optimized for packed ones deoptimize on it ("wrong map").
  const matches: CandidateMatch[] = []
  for (const a of originals) matches.push(matchCandidate(side, a, theirBoilerplate.get(a.id) as Set<string>, feed, unions))
  matches.sort(compareMatches)
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
  prepared: JudgeableArticle,
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

/**
 * A result as plain JSON data (what a caller would read back from the JSON it writes). A
 * caller's field nested deeper than `MAX_FIELD_DEPTH` is carried over as given, at its place:
 * the round trip would overflow the stack on it and fail the article.
 */
function plain(result: FeedResult): FeedResult {
  const deep = Object.keys(result).filter((key) => !FEED_RESULT_FIELDS.has(key) && nestsDeeperThan((result as Record<string, unknown>)[key]))
  if (deep.length === 0) return JSON.parse(JSON.stringify(result)) as FeedResult
  const shallow: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(result)) Object.defineProperty(shallow, key, { value: deep.includes(key) ? null : value, enumerable: true, writable: true, configurable: true })
  const out = JSON.parse(JSON.stringify(shallow)) as Record<string, unknown>
  // defineProperty keeps the key's place (and makes `__proto__` an own field).
  for (const key of deep) Object.defineProperty(out, key, { value: (result as Record<string, unknown>)[key], enumerable: true, writable: true, configurable: true })
  return out as FeedResult
}

/** Kinds of a paragraph flag as {@link encodeVerdict} numbers them. */
const CROSS_KINDS = ['exact', 'near', 'boilerplate'] as const

/**
 * The verdict as the index keeps it: the article-level verdict and the per-paragraph flags, a
 * few bytes each where the whole result took kilobytes; the text is the article's own, cleaned
 * again (deterministically) when it is delivered again. Every field of the verdict is kept.
 * Compact JSON (issue 12): `[2, paragraphs hash, duplicate, article ids, flags, outsideWindow?]`,
 * the duplicate as `[id number, similarity, containment, 0 copy | 1 near-copy]`, the flags flat:
 * per flagged paragraph its index and kind number ({@link CROSS_KINDS}), then for `exact` and
 * `near` the number of the article and its paragraph. A copy's flags name the same article
 * again and again: numbered once, ~8 bytes a flag instead of ~50.
 */
function encodeVerdict(verdict: Verdict, prepared: JudgeableArticle, outsideWindow = false): string {
  const ids: string[] = []
  const number = (id: string): number => {
    const at = ids.indexOf(id)
    return at >= 0 ? at : ids.push(id) - 1
  }
  const d = verdict.duplicate
  const duplicate = d === null ? null : [number(d.of), d.similarity, d.containment, d.kind === 'copy' ? 0 : 1]
  const flags: number[] = []
  for (const [index, flag] of verdict.cross) {
    flags.push(index, CROSS_KINDS.indexOf(flag.kind))
    if (flag.kind !== 'boilerplate') flags.push(number(flag.of.article), flag.of.paragraph)
  }
  const encoded: unknown[] = [2, paragraphsHash(prepared), duplicate, ids, flags]
  if (outsideWindow) encoded.push(1)
  return JSON.stringify(encoded)
}

/**
 * Reverse of {@link encodeVerdict}; reads the object form of earlier versions too (`{duplicate,
 * cross, paragraphs, outsideWindow?}`), which indexes written before keep. The paragraph flags
 * apply to the paragraphs they were found on: an article delivered again with other paragraphs
 * (an update under the same id) gets the recorded article-level verdict and no paragraph flags.
 */
function decodeVerdict(stored: string, prepared: JudgeableArticle): { verdict: Verdict; outsideWindow: boolean } {
  const parsed = JSON.parse(stored) as unknown
  if (!Array.isArray(parsed)) {
    const { paragraphs, cross, outsideWindow, ...rest } = parsed as Omit<Verdict, 'cross'> & {
      cross: Array<[number, CrossDuplicate]>
      paragraphs: number
      outsideWindow?: true
    }
    return { verdict: { ...rest, cross: paragraphs === paragraphsHash(prepared) ? new Map(cross) : new Map() }, outsideWindow: outsideWindow === true }
  }
  const [, hash, d, ids, flags, outside] = parsed as [2, number, [number, number, number, 0 | 1] | null, string[], number[], 1 | undefined]
  const duplicate: ArticleDuplicate | null =
    d === null ? null : { of: ids[d[0]] as string, similarity: d[1], containment: d[2], kind: d[3] === 0 ? 'copy' : 'near-copy' }
  const cross = new Map<number, CrossDuplicate>()
  if (hash === paragraphsHash(prepared)) {
    for (let i = 0; i < flags.length; ) {
      const index = flags[i++] as number
      const kind = CROSS_KINDS[flags[i++] as number] as (typeof CROSS_KINDS)[number]
      if (kind === 'boilerplate') cross.set(index, { kind })
      else {
        const article = ids[flags[i++] as number] as string
        cross.set(index, { kind, of: { article, paragraph: flags[i++] as number } })
      }
    }
  }
  return { verdict: { duplicate, cross }, outsideWindow: outside === 1 }
}

/** A hash of the article's compared paragraphs (their fingerprints and positions). */
function paragraphsHash(prepared: JudgeableArticle): number {
  return hash32(prepared.compared.map((p) => `${p.index}:${p.fingerprint}`).join(' '), 7)
}

/** The record of an article outside the window: its verdict, and nothing to match it with. */
function aloneRecord(prepared: JudgeableArticle, result: string): IndexRecord {
  return { id: prepared.id, time: prepared.time, site: prepared.site, result, of: null, paragraphs: [], bands: [], fingerprints: [] }
}

function buildRecord(prepared: JudgeableArticle, judged: Judged, result: string, whole?: WholeArticle): IndexRecord {
  const original = judged.verdict.duplicate === null
  return {
    ...(original && whole ? { encodedParagraphs: whole.paragraphs } : {}),
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
