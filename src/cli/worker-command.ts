import { DedupeError, errorRecord } from '../errors.js'
import { FEED_RESULT_FIELDS, resultFields } from '../feed/build-result.js'
import type { Article, FeedInputRecord, FeedResult } from '../feed/types.js'
import { loadLanguageModel } from '../language/fasttext-model.js'
import { toJsonLine } from '../output/to-json-line.js'
import type { RawMember } from '../io/raw-members.js'
import type { QueuedRecord } from '../queue/entry-codec.js'
import { openRedisQueue } from '../queue/redis-queue.js'
import { runQueueWorker } from '../queue/run-queue-worker.js'
import { connectRedisIndex } from '../stores/redis.js'
import { runTask, type StageOutcome } from '../workers/pool-tasks.js'
import { CLEAN_FLAGS, HELP_FLAG } from './clean-flags.js'
import { ERROR_FIELDS, extractOfFlags, FEED_FLAGS, type FeedIo, feedOptionsOfFlags, indexOptionsOfFlags, openJudge } from './feed-command.js'
import { flagHelp, parseFlags, type FlagTable } from './parse-flags.js'
import { defaultConsumer, OUTPUT_STREAM_FLAG, QUEUE_FLAGS, queueUrl, wholeNumber } from './queue-flags.js'
import { UsageError } from './usage-error.js'

const { from: _from, ...CLEAN_BUT_FROM } = CLEAN_FLAGS

/** The flags of `news-dedup worker`: the queue's, then the judging flags of `feed`. */
export const WORKER_FLAGS = {
  ...QUEUE_FLAGS,
  index: { type: 'string', value: 'redis://...', help: 'the Redis index the workers share (required)' },
  'index-prefix': { type: 'string', value: 'PREFIX', help: 'prefix of the index keys (default news-dedup:)' },
  ...OUTPUT_STREAM_FLAG,
  group: { type: 'string', value: 'NAME', help: 'the consumer group of the workers (default news-dedup)' },
  consumer: { type: 'string', value: 'NAME', help: "this worker's name in the group, unique per worker\n(default HOST-PID)" },
  'until-empty': {
    type: 'boolean',
    help: 'end once the stream has nothing new and nothing is\npending in the group (default: run until SIGINT/SIGTERM)',
  },
  block: { type: 'string', value: 'MS', help: 'how long a read waits for new entries (default 2000)' },
  'min-idle': {
    type: 'string',
    value: 'MS',
    help: "entries pending this long at another worker are taken\nover: it is taken for dead (default 30000)",
  },
  batch: { type: 'string', value: 'N', help: 'entries read at a time (default 16)' },
  'any-order': {
    type: 'boolean',
    help: 'judge and write results as entries come, not in arrival\norder: no worker waits for the turn of another, but\nwhich copy of a story is kept then depends on timing,\nand results are not in input order (see the README)',
  },
  ttl: FEED_FLAGS.ttl,
  'existing-index': FEED_FLAGS['existing-index'],
  shards: FEED_FLAGS.shards,
  'boilerplate-min': FEED_FLAGS['boilerplate-min'],
  ...CLEAN_BUT_FROM,
  extract: FEED_FLAGS.extract,
  'no-extract': FEED_FLAGS['no-extract'],
  ...HELP_FLAG,
} as const satisfies FlagTable

const USAGE = `Usage: news-dedup worker --queue redis://... --index redis://... [options]

One worker of a pool: reads articles that \`news-dedup enqueue\` queued, with a consumer group (XREADGROUP),
judges each against the shared Redis index exactly as \`feed\` does, appends the JSON line \`feed\` would
write to the output stream, then acknowledges the entry (one script: result, XACK, turn). Entries pending
at a dead worker are taken over after --min-idle (XAUTOCLAIM); a redelivered article gets the verdict the
index recorded, so each one has exactly one result. By default results are written in arrival order, each
article judged after every earlier one: the output stream holds what \`feed\` would print. Read it with
\`news-dedup results\`. Every worker of a group must get the same judging options.

Options:
${flagHelp(WORKER_FLAGS)}
Exit code: 0 when the worker ended (--until-empty, or a signal), 2 on usage errors, a queue or index that
cannot be reached, or an index emptied or replaced (E_INDEX_LOST: the worker stops, its entries stay pending).`

/** A result line as `feed` writes it, without its newline. */
const lineOf = (value: object, raw: readonly RawMember[] | undefined, computed: ReadonlySet<string>): string =>
  toJsonLine(value, raw, computed).slice(0, -1)

/** The id of a record as its line writes it, for the output stream's `id` field. */
function idOf(record: FeedInputRecord, result?: FeedResult): string {
  if (result) return result.id
  const id = 'error' in record ? record.id : (record.article as Article).id
  return id === undefined || id === null ? '' : typeof id === 'string' ? id : JSON.stringify(id)
}

/**
 * `news-dedup worker`: runs one worker of a Redis Streams pool (see {@link runQueueWorker})
 * until `--until-empty` finds nothing left, or SIGINT/SIGTERM (it finishes the entries it holds).
 * A summary goes to stderr.
 */
export async function runWorker(argv: string[], io: FeedIo): Promise<number> {
  const { values } = parseFlags(argv, WORKER_FLAGS)
  if (values.help) {
    io.stdout.write(USAGE + '\n')
    return 0
  }
  const url = queueUrl(values.queue)
  if (values.index === undefined || !/^rediss?:\/\//i.test(values.index)) {
    throw new UsageError('Expected --index redis://HOST[:PORT][/DB]: the workers of a pool share one Redis index')
  }
  const extract = extractOfFlags(values)
  const batch = wholeNumber('--batch', values.batch, 1)
  const blockMs = wholeNumber('--block', values.block, 1)
  const minIdleMs = wholeNumber('--min-idle', values['min-idle'], 1)
  // The options `feed` builds from the same flags: the stages and the judge get them alike.
  const feedOptions = feedOptionsOfFlags(values)
  const indexOptions = indexOptionsOfFlags(values)
  const indexUrl = values.index
  const opened = await openJudge('worker', io, () => connectRedisIndex(indexUrl, { ...indexOptions, ...(values['index-prefix'] === undefined ? {} : { prefix: values['index-prefix'] }) }), feedOptions)
  if (opened === null) return 2
  const { judge } = opened
  const consumer = values.consumer ?? defaultConsumer()
  let queue: Awaited<ReturnType<typeof openRedisQueue>>
  try {
    queue = await openRedisQueue(url, {
      ...(values.stream === undefined ? {} : { stream: values.stream }),
      ...(values['output-stream'] === undefined ? {} : { outputStream: values['output-stream'] }),
      ...(values.group === undefined ? {} : { group: values.group }),
    })
  } catch (error) {
    await judge.close()
    throw error
  }
  await loadLanguageModel()

  const extractOf = (record: FeedInputRecord): boolean => extract === 'all' || (extract === 'pages' && 'page' in record && record.page === true)
  // The stages of `feed --workers 1`: the same task, run in this thread, one task per extract
  // setting; with what judging derives from the whole article computed ahead (its shingle
  // union, band keys, encoded paragraphs), so that it is done outside the worker's turn.
  const stage = async (queued: readonly QueuedRecord[]): Promise<Array<StageOutcome | null>> => {
    const outcomes: Array<StageOutcome | null> = queued.map(() => null)
    for (const extracting of [false, true]) {
      const picked = queued.flatMap(({ record, arrival }, at) => ('error' in record || extractOf(record) !== extracting ? [] : [{ at, article: record.article, arrival }]))
      if (picked.length === 0) continue
      const staged = (await runTask({ kind: 'stage', options: { ...feedOptions, extract: extracting }, ahead: true, articles: picked.map(({ article, arrival }) => ({ article, arrival })) })) as StageOutcome[]
      picked.forEach(({ at }, k) => (outcomes[at] = staged[k] ?? null))
    }
    return outcomes
  }
  const stats = { records: 0, originals: 0, duplicates: 0, errors: 0 }
  // What `feed` writes for a record: its result, or its error record.
  const settle = async ({ n, record }: QueuedRecord, outcome: StageOutcome | null) => {
    stats.records++
    if ('error' in record) {
      stats.errors++
      return { n, id: idOf(record), duplicate: null, line: lineOf(errorRecord(record.error, record), undefined, FEED_RESULT_FIELDS) }
    }
    const failed = (error: unknown) => {
      stats.errors++
      return {
        n,
        id: idOf(record),
        duplicate: null,
        line: lineOf(errorRecord(error, { id: record.article.id, line: record.line, source: record.source }), record.raw, ERROR_FIELDS),
      }
    }
    // This worker stages without line parts (see runTask): a staged article or an error.
    if (outcome === null || !('staged' in outcome)) return failed(outcome !== null && 'error' in outcome ? outcome.error : { code: 'E_INTERNAL', message: 'no result' })
    const staged = outcome.staged
    let result: FeedResult
    try {
      result = await judge.judge(() => staged)
    } catch (error) {
      // The index is gone or out of reach: no verdict can be trusted, so no error line is written
      // either; the entry stays pending (another worker takes it over) and this worker stops.
      if (error instanceof DedupeError && (error.code === 'E_INDEX_LOST' || error.code === 'E_INDEX_UNAVAILABLE')) throw error
      return failed(error)
    }
    if (result.duplicate === null) stats.originals++
    else stats.duplicates++
    return { n, id: idOf(record, result), duplicate: result.duplicate !== null, line: lineOf(result, record.raw, resultFields(result.idGenerated)) }
  }

  let stopping = false
  const stop = (): void => {
    if (stopping) process.exit(130) // a second signal: now
    stopping = true
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  const started = Date.now()
  try {
    const done = await runQueueWorker(queue, stage, settle, {
      consumer,
      ...(batch === undefined ? {} : { batch }),
      ...(blockMs === undefined ? {} : { blockMs }),
      ...(minIdleMs === undefined ? {} : { minIdleMs }),
      untilEmpty: values['until-empty'] === true,
      ordered: values['any-order'] !== true,
      stopped: () => stopping,
    })
    const seconds = (Date.now() - started) / 1000
    io.stderr.write(
      `worker ${consumer}: ${done.written} results written (${stats.originals} originals, ${stats.duplicates} duplicates, ${stats.errors} errors judged; ` +
        `${done.claimed} entries taken over, ${done.skipped} finished by another worker) in ${seconds.toFixed(1)} s, queue ${queue.stream} → ${queue.outputStream}\n`,
    )
    return 0
  } catch (error) {
    if (!(error instanceof DedupeError) || error.code !== 'E_INDEX_LOST') throw error
    io.stderr.write(`news-dedup worker: ${error.code}: ${error.message}\n`)
    return 2
  } finally {
    process.off('SIGINT', stop)
    process.off('SIGTERM', stop)
    await queue.close()
    await judge.close()
  }
}
