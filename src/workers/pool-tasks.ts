import { cleanWith, type ArticleInput } from '../clean-with.js'
import { errorInfo, errorRecord } from '../errors.js'
import type { createArticleStager, LinedArticle, StagedArticle } from '../feed/create-deduplicator.js'
import { resultLineParts } from '../feed/result-line.js'
import type { DeduplicatorOptions } from '../feed/feed-options.js'
import type { Article } from '../feed/types.js'
import { resolveOptions, type Options } from '../options.js'
import type { CleanResult, Warning } from '../types.js'
import { jsonlRecords } from '../io/read-jsonl.js'
import { ERROR_FIELDS } from '../output/error-fields.js'
import { toJsonLine } from '../output/to-json-line.js'
import { loadLanguageModel } from '../language/fasttext-model.js'
import { countRepeats } from '../output/count-repeats.js'
import { fillJsonLine, jsonLineTemplate, type JsonLineTemplate } from '../output/json-line-template.js'
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

/**
 * `clean --to jsonl` on consecutive lines of a JSONL input, as its bytes: the thread that runs
 * it parses them (`jsonlRecords`, as `readJsonl` would), cleans each record and writes its
 * output line, so the thread reading the input only splits lines and writes bytes, and nothing
 * but bytes crosses between threads (no record objects cloned either way).
 */
export interface CleanLinesTask {
  kind: 'clean-lines'
  options: Options
  /** The lines, each followed by a newline (the last one's optional); a line too long, cut to its first `maxRecordSize + 1` bytes. */
  bytes: Uint8Array
  /** The number of the first line in its input (from 1). */
  firstLine: number
  /** The input's name, shown in records' `source` (see `readJsonl`). */
  name: string
}

export type PoolTask = CleanTask | StageTask | CleanLinesTask

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

/** The outcome of a {@link CleanLinesTask}: what the reading thread writes and reports for its lines. */
export interface CleanLinesOutcome {
  /** The output lines, UTF-8: one per input line, in order, an error record for a line that failed. */
  bytes: Uint8Array
  /** For each line cleaned (error records left out), in order: how many of its paragraphs are repeats. */
  repeats: number[]
  /** The warnings of the lines cleaned that have some, with the `source` they are reported under. */
  warnings: Array<{ source: string; warnings: Warning[] }>
  /** How many of the lines gave an error record. */
  failed: number
}

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
export async function runTask(task: CleanLinesTask): Promise<CleanLinesOutcome>
export async function runTask(task: CleanTask | StageTask): Promise<CleanOutcome[] | StageOutcome[]>
export async function runTask(task: PoolTask): Promise<CleanOutcome[] | StageOutcome[] | CleanLinesOutcome>
export async function runTask(task: PoolTask): Promise<CleanOutcome[] | StageOutcome[] | CleanLinesOutcome> {
  await loadLanguageModel()
  if (task.kind === 'clean-lines') return cleanLines(task)
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
    const outcome = stageOne(stageOf(extract), article, arrival, lineKeys)
    outcomes.push(outcome instanceof Promise ? await outcome : outcome)
  }
  return outcomes
}

/**
 * One article of a {@link StageTask}, staged by `stage` (whose clean stage is {@link cleanStaging})
 * with the parsers it needs, or why it failed.
 */
function stageOne(stage: ReturnType<typeof createArticleStager>, article: Article, arrival: number, lineKeys: string[] | null | undefined): StageOutcome | Promise<StageOutcome> {
  const outcome = (staged: StagedArticle): StageOutcome => {
    if (lineKeys === undefined) return { staged }
    const { id, site, time, compared } = staged.prepared
    const lined: LinedArticle = { prepared: { id, site, time, compared }, signatures: staged.signatures, line: resultLineParts(staged.prepared, lineKeys ?? undefined) }
    if (staged.whole) lined.whole = staged.whole
    return { lined }
  }
  try {
    // No parser is named ahead: the stage decodes the article's body (base64 included) itself,
    // and a parser it finds missing (the first HTML, Markdown or page article of this thread)
    // is imported when it asks, and the stage run again (see withParsers). Naming them here
    // would decode each body twice.
    const staged = withLoadedParsers([], (loaded) => {
      staging = loaded
      return stage(article, arrival)
    })
    return staged instanceof Promise ? staged.then(outcome).catch((error: unknown) => ({ error: errorInfo(error) })) : outcome(staged)
  } catch (error) {
    return { error: errorInfo(error) }
  }
}

/** UTF-8 into a buffer of its own (never a slice of a shared pool): it can be transferred to another thread. */
const utf8 = new TextEncoder()

/**
 * Runs a {@link CleanLinesTask}: each line's record as `readJsonl` gives it, cleaned as
 * `clean` cleans a record, its output line (or error record) as `clean` writes it.
 */
async function cleanLines(task: CleanLinesTask): Promise<CleanLinesOutcome> {
  const options = resolvedFor(task.options)
  const outcome: CleanLinesOutcome = { bytes: new Uint8Array(0), repeats: [], warnings: [], failed: 0 }
  let text = ''
  for (const record of jsonlRecords(task.bytes, task.firstLine, task.name)) {
    const at = record.line === undefined ? { source: record.source ?? '-' } : { line: record.line }
    if ('error' in record) {
      outcome.failed++
      text += toJsonLine(errorRecord(record.error, { id: record.id ?? null, ...at }), undefined, ERROR_FIELDS)
      continue
    }
    const article = record.article as Record<string, unknown>
    const pending = cleanOne(article, record.raw?.map((member) => member.key) ?? null, options)
    const cleaned = pending instanceof Promise ? await pending : pending
    if ('line' in cleaned) {
      outcome.repeats.push(cleaned.repeats)
      if (cleaned.warnings !== undefined) outcome.warnings.push({ source: record.source ?? '-', warnings: cleaned.warnings })
      text += fillJsonLine(cleaned.line, record.raw)
    } else {
      outcome.failed++
      text += toJsonLine(errorRecord(cleaned.error, { id: article.id ?? null, ...at }), record.raw, ERROR_FIELDS)
    }
  }
  outcome.bytes = utf8.encode(text)
  return outcome
}

/**
 * What a {@link CleanLinesTask} of one line gives when the thread running it died: the line's
 * error record, saying why (a line that is no record gets its own error, as anywhere).
 */
export function lostLine(task: CleanLinesTask, error: { code: string; message: string }): CleanLinesOutcome {
  const [record] = jsonlRecords(task.bytes, task.firstLine, task.name)
  if (record === undefined) return { bytes: new Uint8Array(0), repeats: [], warnings: [], failed: 0 }
  const at = record.line === undefined ? { source: record.source ?? '-' } : { line: record.line }
  const line =
    'error' in record
      ? toJsonLine(errorRecord(record.error, { id: record.id ?? null, ...at }), undefined, ERROR_FIELDS)
      : toJsonLine(errorRecord(error, { id: (record.article as Record<string, unknown>).id ?? null, ...at }), record.raw, ERROR_FIELDS)
  return { bytes: utf8.encode(line), repeats: [], warnings: [], failed: 1 }
}
