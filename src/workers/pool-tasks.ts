import { clean } from '../clean.js'
import { errorInfo } from '../errors.js'
import { createArticleStager, type StagedArticle } from '../feed/create-deduplicator.js'
import type { DeduplicatorOptions } from '../feed/feed-options.js'
import type { Article } from '../feed/types.js'
import type { Options } from '../options.js'
import type { CleanResult } from '../types.js'
import { loadLanguageModel } from '../language/fasttext-model.js'
import { toRecord } from '../output/to-record.js'
import { articleBody } from '../parse/article-body.js'

/** Why a record could not be processed: the caller, which holds the record, makes the error record. */
export interface TaskError {
  error: { code: string; message: string }
}

/** `clean --to jsonl` on a batch of JSONL articles: one output line (or error record) each. */
export interface CleanTask {
  kind: 'clean'
  options: Options
  articles: Array<Record<string, unknown>>
}

/**
 * The index-independent stages of `feed` on a batch of articles. `options` are plain
 * deduplicator options (no index, no clock, no custom clean stage: they cross threads); an
 * article's `extract`, decided by the caller, sets `clean()`'s `extract` for it alone.
 */
export interface StageTask {
  kind: 'stage'
  options: Omit<DeduplicatorOptions, 'index' | 'now' | 'clean'>
  articles: Array<{ article: Article; arrival: number; extract?: boolean }>
}

export type PoolTask = CleanTask | StageTask

/**
 * The outcome of one record of a {@link CleanTask}: its output record (see `toRecord`, plain
 * data: the main thread writes its line with the input's raw members) and the result's
 * warnings, or why it failed.
 */
export type CleanOutcome = { record: Record<string, unknown>; warnings?: CleanResult['warnings'] } | TaskError
/** The outcome of one article of a {@link StageTask}. */
export type StageOutcome = { staged: StagedArticle } | TaskError

/** Stagers by their options, so a worker builds one per run rather than one per batch. */
const stagers = new Map<string, ReturnType<typeof createArticleStager>>()

function stagerFor(options: StageTask['options']): ReturnType<typeof createArticleStager> {
  const key = JSON.stringify(options)
  let stager = stagers.get(key)
  if (!stager) {
    stager = createArticleStager(options)
    stagers.set(key, stager)
  }
  return stager
}

/** The output record of one cleaned article (see `toRecord`), or why it failed. */
function cleanOne(article: Record<string, unknown>, options: Options): CleanOutcome {
  try {
    const result = clean(articleBody(article), options)
    return { record: toRecord(result, article) as unknown as Record<string, unknown>, ...(result.warnings === undefined ? {} : { warnings: result.warnings }) }
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
  if (task.kind === 'clean') return task.articles.map((article) => cleanOne(article, task.options))
  // At most two stagers per batch (extracting or not), looked up once each.
  const stages = new Map<boolean | undefined, ReturnType<typeof createArticleStager>>()
  const stageOf = (extract: boolean | undefined) => {
    let stage = stages.get(extract)
    if (!stage) stages.set(extract, (stage = stagerFor(extract === undefined ? task.options : { ...task.options, extract })))
    return stage
  }
  return task.articles.map(({ article, arrival, extract }): StageOutcome => {
    try {
      return { staged: stageOf(extract)(article, arrival) }
    } catch (error) {
      return { error: errorInfo(error) }
    }
  })
}
