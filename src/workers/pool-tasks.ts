import { cleanWith, type ArticleInput } from '../clean-with.js'
import { errorInfo } from '../errors.js'
import type { createArticleStager, LinedArticle, StagedArticle } from '../feed/create-deduplicator.js'
import { resultLineParts } from '../feed/result-line.js'
import type { DeduplicatorOptions } from '../feed/feed-options.js'
import type { Article } from '../feed/types.js'
import { resolveOptions, type Options } from '../options.js'
import type { CleanResult } from '../types.js'
import { loadLanguageModel } from '../language/fasttext-model.js'
import { countRepeats } from '../output/count-repeats.js'
import { jsonLineTemplate, type JsonLineTemplate } from '../output/json-line-template.js'
import { COMPUTED_RECORD_FIELDS, toRecord } from '../output/to-record.js'
import { articleBody } from '../parse/article-body.js'
import { parsersNeeded, type FormatParsers, type ParserName } from '../parse/format-parsers.js'
import { NO_PARSERS, withParsers } from '../parse/load-parsers.js'

/** Why a record could not be processed: the caller, which holds the record, makes the error record. */
export interface TaskError {
  error: { code: string; message: string }
}

/** `clean --to jsonl` on a batch of JSONL articles: one output line (or error record) each. */
export interface CleanTask {
  kind: 'clean'
  options: Options
  articles: Array<Record<string, unknown>>
  /**
   * Per article, the keys of its input line's members (`rawMembers`, in order), whose source
   * texts the output line carries over (see {@link jsonLineTemplate}); `null` for a record not
   * read from JSON text. Absent: none for any.
   */
  rawKeys?: Array<string[] | null>
}

/**
 * The index-independent stages of `feed` on a batch of articles. `options` are plain
 * deduplicator options (no index, no clock, no custom clean stage: they cross threads); an
 * article's `extract`, decided by the caller, sets `clean()`'s `extract` for it alone.
 */
export interface StageTask {
  kind: 'stage'
  options: Omit<DeduplicatorOptions, 'index' | 'now' | 'clean'>
  /**
   * Each article, its arrival time, whether it is extracted; and, to have its result line's
   * parts made here (see `resultLineParts`), the keys of its input line's members (`null` for a
   * record not read from JSON text).
   */
  articles: Array<{ article: Article; arrival: number; extract?: boolean; lineKeys?: string[] | null }>
  /**
   * Compute ahead what judging derives from all of an article's paragraphs (`whole`, see
   * `createArticleStager`): for a batch staged in a worker thread, so the judging thread has
   * less to do. The verdicts are the same either way.
   */
  ahead?: boolean
}

export type PoolTask = CleanTask | StageTask

/**
 * The outcome of one record of a {@link CleanTask}: its output line (of its `toRecord` record),
 * serialized but for the input's carried-over member texts, which the thread holding the line
 * fills in ({@link fillJsonLine}); how many of its paragraphs are repeats, and the result's
 * warnings. Or why it failed.
 */
export type CleanOutcome = { line: JsonLineTemplate; repeats: number; warnings?: CleanResult['warnings'] } | TaskError
/**
 * The outcome of one article of a {@link StageTask}: the staged article; or, for an article sent
 * with `lineKeys`, what judging reads of it and its result line's parts (its `clean()` result,
 * written into those parts, stays here). Or why it failed.
 */
export type StageOutcome = { staged: StagedArticle } | { lined: LinedArticle } | TaskError

/**
 * `make(options)` once per distinct options of this thread, keyed by their JSON text: the options
 * of a task arrive as a fresh structured clone with every batch.
 */
function oncePerOptions<O, V>(make: (options: O) => V): (options: O) => V {
  const made = new Map<string, V>()
  return (options) => {
    const key = JSON.stringify(options)
    let value = made.get(key)
    if (value === undefined) {
      value = make(options)
      made.set(key, value)
    }
    return value
  }
}

/** What a worker thread is started with (`workerData`). */
export interface PoolWorkerData {
  /** The kind of batch to load everything for before the first arrives (see {@link preloadFor}); `null`: nothing. */
  preload: PoolTask['kind'] | null
}

/**
 * Loads what batches of `kind` need: the language model, and for `stage` the feed's stages.
 * The same loads the first batch would do; done before it, a thread started early is ready
 * when its first batch comes.
 */
export async function preloadFor(kind: PoolTask['kind'] | null): Promise<void> {
  if (kind === null) return
  await loadLanguageModel()
  if (kind === 'stage') await import('../feed/create-deduplicator.js')
}

/** Stagers by their options, so a worker builds one per run rather than one per batch. */
let stagerFor: ((made: { options: StageTask['options']; ahead: boolean }) => ReturnType<typeof createArticleStager>) | undefined

/**
 * Resolved `clean()` options: the caller's resolved, frozen options arrive as a copy, which
 * `clean()` would resolve again for every article; resolved once per thread and run, they are
 * taken as they are.
 */
const resolvedFor = oncePerOptions((options: Options) => resolveOptions(options))

/**
 * The parsers this thread has loaded (see `load-parsers.ts`): each is imported when the first
 * article that needs it arrives, so a thread cleaning or staging text loads no HTML or Markdown library.
 */
let parsers: FormatParsers = NO_PARSERS

/**
 * `work(parsers)` with the parsers it needs and this thread's parsers updated (see
 * `withParsers`): at once when this thread has loaded them all, without a turn of the microtask
 * queue: a thread holds several batches (see `createWorkerPool`), and an `await` per article
 * would run them interleaved, article by article, so that the oldest, the one the judging thread
 * waits for, would be done only with the others.
 */
function withLoadedParsers<T>(needed: readonly ParserName[], work: (loaded: FormatParsers) => T): T | Promise<T> {
  const ran = withParsers(needed, parsers, work)
  if (!(ran instanceof Promise)) return ran.value
  return ran.then((loaded) => {
    parsers = loaded.parsers
    return loaded.value
  })
}

/**
 * The parsers the feed's clean stage runs with, set just before each article is staged: the
 * stage calls it synchronously, so no other article's can come in between.
 */
let staging: FormatParsers = NO_PARSERS
/** The feed's clean stage in this thread: `clean()` with the parsers this thread has loaded, not all of them. */
const cleanStaging = (body: ArticleInput, options: Options): CleanResult => cleanWith(staging, body, options)

/** The output line of one cleaned article (see `toRecord`), or why it failed. */
function cleanOne(article: Record<string, unknown>, rawKeys: string[] | null | undefined, options: Options): CleanOutcome | Promise<CleanOutcome> {
  const outcome = (result: CleanResult): CleanOutcome => {
    const line = jsonLineTemplate(toRecord(result, article), rawKeys ?? undefined, COMPUTED_RECORD_FIELDS)
    return { line, repeats: countRepeats(result), ...(result.warnings === undefined ? {} : { warnings: result.warnings }) }
  }
  try {
    const body = articleBody(article)
    const result = withLoadedParsers(parsersNeeded(body, options), (loaded) => cleanWith(loaded, body, options))
    return result instanceof Promise ? result.then(outcome).catch((error: unknown) => ({ error: errorInfo(error) })) : outcome(result)
  } catch (error) {
    return { error: errorInfo(error) }
  }
}

/**
 * Runs one batch: the same function in a worker thread and in the main thread (`--workers 1`),
 * so the output cannot depend on where it ran. Loads the language model first (once per
 * thread). Never rejects for a record: a record that fails gets an error record, and the
 * batch's other records go through; a model that cannot be loaded fails the batch.
 */
export async function runTask(task: PoolTask): Promise<CleanOutcome[] | StageOutcome[]> {
  await loadLanguageModel()
  if (task.kind === 'clean') {
    const options = resolvedFor(task.options)
    const outcomes: CleanOutcome[] = []
    for (const [i, article] of task.articles.entries()) {
      const outcome = cleanOne(article, task.rawKeys?.[i], options)
      outcomes.push(outcome instanceof Promise ? await outcome : outcome)
    }
    return outcomes
  }
  // The feed's stages are imported by the first batch of a feed (its parsers by the first article that needs each).
  const { createArticleStager } = await import('../feed/create-deduplicator.js')
  // At most two stagers per batch (extracting or not), looked up once each.
  const stages = new Map<boolean | undefined, ReturnType<typeof createArticleStager>>()
  const stageOf = (extract: boolean | undefined) => {
    let stage = stages.get(extract)
    if (!stage) {
      stagerFor ??= oncePerOptions(({ options, ahead }) => createArticleStager({ ...options, clean: cleanStaging }, ahead))
      stage = stagerFor({ options: extract === undefined ? task.options : { ...task.options, extract }, ahead: task.ahead === true })
      stages.set(extract, stage)
    }
    return stage
  }
  const outcomes: StageOutcome[] = []
  for (const { article, arrival, extract, lineKeys } of task.articles) {
    const outcome = stageOne(stageOf(extract), article, arrival, extract === undefined ? task.options : { ...task.options, extract }, lineKeys)
    outcomes.push(outcome instanceof Promise ? await outcome : outcome)
  }
  return outcomes
}

/**
 * One article of a {@link StageTask}, staged by `stage` (whose clean stage is {@link cleanStaging})
 * with the parsers it needs, or why it failed.
 */
function stageOne(
  stage: ReturnType<typeof createArticleStager>,
  article: Article,
  arrival: number,
  options: StageTask['options'],
  lineKeys: string[] | null | undefined,
): StageOutcome | Promise<StageOutcome> {
  const outcome = (staged: StagedArticle): StageOutcome => {
    if (lineKeys === undefined) return { staged }
    const { id, site, time, compared } = staged.prepared
    const lined: LinedArticle = { prepared: { id, site, time, compared }, signatures: staged.signatures, line: resultLineParts(staged.prepared, lineKeys ?? undefined) }
    if (staged.whole) lined.whole = staged.whole
    return { lined }
  }
  try {
    // A value that is no article object needs no parser: the stage says what is wrong with it.
    const isObject = article !== null && typeof article === 'object' && !Array.isArray(article)
    const needed = isObject ? parsersNeeded(articleBody(article), options) : []
    const staged = withLoadedParsers(needed, (loaded) => {
      staging = loaded
      return stage(article, arrival)
    })
    return staged instanceof Promise ? staged.then(outcome).catch((error: unknown) => ({ error: errorInfo(error) })) : outcome(staged)
  } catch (error) {
    return { error: errorInfo(error) }
  }
}
