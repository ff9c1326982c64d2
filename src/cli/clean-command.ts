import { createReadStream } from 'node:fs'
import { cleanWith } from '../clean-with.js'
import { DedupeError, errorInfo, errorRecord, type ErrorRecord } from '../errors.js'
import type { RawMember } from '../io/raw-members.js'
import { loadLanguageModel } from '../language/fasttext-model.js'
import { countRepeats } from '../output/count-repeats.js'
import { fillJsonLine } from '../output/json-line-template.js'
import { toJsonLine } from '../output/to-json-line.js'
import { resolveOptions, type Options } from '../options.js'
import { toHtml } from '../output/to-html.js'
import { toMarkdown } from '../output/to-markdown.js'
import { toRecord } from '../output/to-record.js'
import { summarize } from '../output/summarize.js'
import { toText } from '../output/to-text.js'
import type { CleanResult, InputFormat } from '../types.js'
import { CLEAN_FLAGS, formatOfBytes, HELP_FLAG, oneOf, optionsFromFlags, readBytes, reportWarnings, UsageError, workerCount } from './clean-flags.js'
import { flagHelp, parseFlags, type FlagTable } from './parse-flags.js'
import { countBytes, createProgress, inputSize } from './progress.js'
import { decodeBytesWith } from '../parse/decode-bytes-with.js'
import { lineRecord, readJsonl } from '../io/read-jsonl.js'
import { lineBytes, type LineBytes } from '../io/read-lines.js'
import { MAX_RECORD_SIZE } from '../io/max-record-size.js'
import { ERROR_FIELDS } from '../output/error-fields.js'
import { byteChunks } from '../io/byte-chunks.js'
import { prefetchFirst } from '../io/prefetch-first.js'
import { writer } from './writer.js'
import type { FeedInputRecord } from '../feed/types.js'
import { articleBody } from '../parse/article-body.js'
import { parsersNeeded, type ParserName } from '../parse/format-parsers.js'
import { loadParsers, NO_PARSERS, withParsers } from '../parse/load-parsers.js'
import { orderedBatches } from '../workers/ordered-batches.js'
import type { CleanLinesOutcome, CleanLinesTask, CleanOutcome, CleanTask } from '../workers/pool-tasks.js'
import type { WorkerPool } from '../workers/worker-pool.js'

/** Where the CLI reads and writes; `process` in real use, fakes in tests. */
export interface CliIo {
  stdin: AsyncIterable<Uint8Array | string>
  stdout: NodeJS.WritableStream
  stderr: NodeJS.WritableStream
}

type From = InputFormat | 'jsonl' | 'warc'
type To = 'text' | 'json' | 'jsonl' | 'html' | 'markdown' | 'review'
/** The outputs rendered per article (the review is one page for all inputs: `reviewPage`). */
type PerArticle = Exclude<To, 'review'>

const FROM: readonly From[] = ['text', 'html', 'markdown', 'jsonl', 'warc']
const TO: readonly To[] = ['text', 'json', 'jsonl', 'html', 'markdown', 'review']

/** The flags of `news-dedup clean`: those of `clean()`'s options, the output and the switches. */
export const CLEAN_COMMAND_FLAGS = {
  ...CLEAN_FLAGS,
  to: {
    type: 'string',
    value: 'FORMAT',
    help: 'text | json | jsonl | html | markdown | review (default:\ntext; jsonl when reading jsonl; review: one HTML page for\nall inputs, see `news-dedup review`)',
  },
  workers: { type: 'string', value: 'N', help: 'threads cleaning JSONL or WARC records (default: the\ncores available); the output is the same for any N. The\nfirst 17 records are cleaned in this thread (the first\nalone, its line written at once): an input of no more\n(read from stdin or under 256 KB) starts no thread' },
  quiet: { type: 'boolean', short: 'q', help: 'no summary of removals on stderr (printed for text,\nhtml and markdown output)' },
  ...HELP_FLAG,
} as const satisfies FlagTable

export const CLEAN_HELP = `Usage: news-dedup clean [FILE...] [options]

Cleans articles: splits paragraphs, drops repeated passages, tags languages.
Reads standard input when no FILE is given.

Options:
${flagHelp(CLEAN_COMMAND_FLAGS)}
JSONL input: one article per line, {"id", "text" | "html" | "markdown", ...}; other
fields are kept. JSONL output: one line per input line, in order; a line that
cannot be cleaned (invalid JSON or UTF-8, no text, blank) yields
{"id", "line", "error": {"code", "message"}}.

JSON output: the result with its "id" (the file's path; null for standard input);
several inputs or a JSONL input give one JSON array. Text output of several articles
(several files, or JSONL): each article's text comes after a line "==> ID <==".

Exit code: 0 all records cleaned, 1 some record failed, 2 bad usage.

Examples:
  news-dedup clean article.txt
  news-dedup clean page.html --to html > clean.html
  news-dedup clean feed.jsonl --languages fr,en > cleaned.jsonl
  cat article.md | news-dedup clean --from markdown --to json
`

export { UsageError }

/**
 * `news-dedup clean`: parses argv, cleans each input, writes the rendering.
 * @returns The exit code: 0 ok, 1 some record failed.
 * @throws {UsageError} For bad flags or values (exit code 2).
 */
export async function runClean(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(argv, CLEAN_COMMAND_FLAGS)
  if (values.help) {
    io.stdout.write(CLEAN_HELP)
    return 0
  }
  const from = oneOf('--from', values.from, FROM)
  const to = oneOf('--to', values.to, TO)
  const given = optionsFromFlags(values)
  const workers = workerCount(values.workers)
  // Resolved once, before any input is read: a bad value is bad usage (exit code 2), and
  // clean() takes the resolved (frozen) options as they are for every article.
  const options = resolveOptions(given)
  const sources = positionals.length === 0 ? ['-'] : positionals
  const write = writer(io.stdout)
  const size = await inputSize(sources)
  // JSONL output of records is cleaned by the pool: started before the language model is loaded
  // here, so the worker threads' start-up overlaps this thread's when the input is large.
  let pool: WorkerPool | undefined
  const poolOf = async (): Promise<WorkerPool> => {
    const { createWorkerPool } = await import('../workers/worker-pool.js')
    return (pool ??= createWorkerPool(workers, { kind: 'clean-lines', ...(size.totalBytes === undefined ? {} : { inputBytes: size.totalBytes }) }))
  }
  if (workers > 1 && (to ?? 'jsonl') === 'jsonl' && sources.some((s) => isRecords(from ?? formatOf(s)))) await poolOf()
  try {
    return await cleanSources()
  } finally {
    await write.flush()
    await pool?.close()
  }
  async function cleanSources(): Promise<number> {
    // The language model loads (main.ts started it) while the first input is read and its parsers
    // are imported: its file reads and WebAssembly compilation leave the main thread free for them.
    // It is awaited before the first article is cleaned, outside any record's error handling: a
    // model that cannot be loaded fails the command. (Batches of JSONL await it themselves.)
    const model = loadLanguageModel()
    model.catch(() => { /* awaited, and so reported, where it is needed */ })
    if (to === 'review') {
      await model
      const { reviewPage } = await import('./review-command.js')
      const review = await reviewPage(sources, { from, options }, io)
      await write(review.page)
      return review.failed > 0 ? 1 : 0
    }
    let failed = 0
    // --to json gathers every document (results and error records) into one JSON array when
    // there is more than one input or the input is JSONL, so the output is one JSON value.
    const documents: string[] = []
    const records = sources.some((s) => isRecords(from ?? formatOf(s)))
    const several = sources.length > 1 || records
    const gather = to === 'json' && several
    // Text of several articles: each after a "==> ID <==" line (as `head` and `tail` mark their
    // files), so where one article ends and the next begins stays visible. (JSONL and WARC input
    // are written as JSONL unless --to says otherwise.)
    const headed = several && (to === 'text' || (to === undefined && !records))
    let articles = 0
    const emit = async (rendered: string, label: string): Promise<void> => {
      articles++
      if (gather) documents.push(rendered.trimEnd())
      else if (headed) await write(`${articles > 1 ? '\n' : ''}==> ${label} <==\n${rendered}`)
      else await write(rendered)
    }
    // Structured outputs (json, jsonl) carry a record per input, errors included; the others
    // report errors on stderr.
    const reportError = async (record: ErrorRecord, where: string, raw?: readonly RawMember[]): Promise<void> => {
      failed++
      const rendering = to ?? (record.line !== undefined || isRecords(from ?? formatOf(where)) ? 'jsonl' : 'text')
      if (rendering === 'jsonl') await write(toJsonLine(record, raw, ERROR_FIELDS))
      else if (rendering === 'json') await emit(JSON.stringify(record, null, 2), where)
      else io.stderr.write(`${where}${record.line === undefined ? '' : `:${record.line}`}: ${record.error.code}: ${record.error.message}\n`)
    }
    const progress = createProgress(io.stderr, { label: 'clean', duplicates: 'repeats', ...size })
    const done = { articles: 0, duplicates: 0, bytes: 0 }
    const tick = (repeats: number): void => {
      done.articles++
      done.duplicates += repeats
      progress?.update(done)
    }
    // The HTML, Markdown and extraction parsers (and the charset libraries) are imported when the
    // first input that needs them arrives: a UTF-8 text article loads none. clean() stays synchronous.
    let parsers = NO_PARSERS
    for (const source of sources) {
      const format = from ?? formatOf(source)
      const name = source === '-' ? 'stdin' : source
      if (format === 'jsonl' && (to ?? 'jsonl') === 'jsonl') {
        const stream = countBytes(source === '-' ? io.stdin : createReadStream(source), done)
        // As for a WARC file below: the first line's parsers are imported while the model loads.
        const lines = prefetchFirst(lineBytes(stream, MAX_RECORD_SIZE), (line) => {
          const record = lineRecord(line, name, MAX_RECORD_SIZE)
          if (!('error' in record)) void loadParsers(parsersOf(record.article, options)).catch(() => undefined)
        })
        await model
        try {
          await cleanLines(lines, name, options, workers, poolOf, tick, write, (n) => (failed += n), io.stderr)
        } catch (error) {
          await reportError(errorRecord(readError(source, error), { id: null, source: name }), name)
        }
        continue
      }
      if (format === 'jsonl' || format === 'warc') {
        const stream = countBytes(source === '-' ? io.stdin : createReadStream(source), done)
        // The first record is read, and the parsers it needs imported, while the model finishes
        // loading (a WARC file's first page: parse5 with the model, not after it). The import only
        // fills the module cache for the cleaning that follows; a failed read or import is thrown
        // where the record is cleaned, and reported there.
        const records = prefetchFirst(format === 'jsonl' ? readJsonl(stream, name) : warcRecords(stream, name), (record) => {
          if (!('error' in record)) void loadParsers(parsersOf(record.article, options)).catch(() => undefined)
        })
        await model
        try {
          await cleanRecords(records, to ?? 'jsonl', options, workers, poolOf, tick, emit, (record, raw) => reportError(record, name, raw), io.stderr)
        } catch (error) {
          await reportError(errorRecord(readError(source, error), { id: null, source: name }), name)
        }
        continue
      }
      let result: CleanResult
      // The Markdown read, so that --to markdown writes its headings and lists as such.
      let markdown: string | undefined
      let bytes: Uint8Array
      let read: InputFormat
      let needed: ParserName[]
      try {
        bytes = await readBytes(source, io.stdin)
        done.bytes += bytes.length
        read = format ?? formatOfBytes(source, bytes)
        needed = parsersNeeded(bytes, { format: read, extract: options.extract })
        parsers = await loadParsers(needed, parsers)
      } catch (error) {
        await reportError(errorRecord(error, { id: source === '-' ? null : source }), name)
        continue
      }
      await model
      try {
        const cleaned = await withParsers(needed, parsers, (loaded) => ({
          result: cleanWith(loaded, bytes, { ...options, format: read }),
          // The source's headings and lists are found from the paragraphs' offsets in the decoded
          // text: the same decoding as clean()'s (the same bytes, transport and format).
          markdown: read === 'markdown' && to === 'markdown' ? decodeBytesWith(loaded, bytes, { charset: options.charset, format: read }).text : undefined,
        }))
        parsers = cleaned.parsers
        result = cleaned.value.result
        markdown = cleaned.value.markdown
      } catch (error) {
        await reportError(errorRecord(error, { id: source === '-' ? null : source }), name)
        continue
      }
      tick(countRepeats(result))
      reportWarnings(io.stderr, name, result.warnings)
      if (!values.quiet && to !== 'json' && to !== 'jsonl') io.stderr.write(`${name}: ${summarize(result)}`)
      await emit(render(result, to ?? 'text', source === '-' ? null : source, markdown), name)
    }
    progress?.done()
    if (gather) await write(`[\n${documents.join(',\n')}\n]\n`)
    return failed > 0 ? 1 : 0
  }
}

/** An input file that could not be opened or read: `E_READ`, unless the library named it already. */
function readError(source: string, error: unknown): { code: string; message: string } {
  if (error instanceof DedupeError) return errorInfo(error)
  return { code: 'E_READ', message: `Cannot read ${source === '-' ? 'standard input' : source}: ${error instanceof Error ? error.message : String(error)}` }
}

/** The records of a WARC file; its reader is loaded when an input needs it, not at start-up. */
async function* warcRecords(stream: AsyncIterable<Uint8Array | string>, name: string): AsyncGenerator<FeedInputRecord> {
  yield* (await import('../io/read-warc.js')).readWarc(byteChunks(stream), name)
}

/** The parsers an article record's body is sure to need (none for a record without one: cleaning reports it). */
function parsersOf(article: unknown, options: Options): ParserName[] {
  try {
    return parsersNeeded(articleBody(article as Record<string, unknown>), options)
  } catch {
    return []
  }
}

function formatOf(source: string): From | undefined {
  if (/\.warc(\.gz)?$/i.test(source)) return 'warc'
  return /\.jsonl$|\.ndjson$/i.test(source) ? 'jsonl' : undefined
}

/** Formats holding many records (output in JSONL by default, one line per record). */
function isRecords(format: From | undefined): boolean {
  return format === 'jsonl' || format === 'warc'
}

/**
 * One result rendered as `to`. `id` names it in JSON (first, so a reader sees which article
 * it is) and JSONL: a file's path, a JSONL record's id, null for standard input.
 * `markdown` is the Markdown source, when the input was Markdown (headings and lists kept).
 */
function render(result: CleanResult, to: PerArticle, id: unknown, markdown?: string): string {
  switch (to) {
    case 'text':
      return toText(result)
    case 'json':
      return `${JSON.stringify({ id, ...result }, null, 2)}\n`
    case 'jsonl':
      return `${JSON.stringify(toRecord(result, { id }))}\n`
    case 'html':
      return toHtml(result)
    case 'markdown':
      return toMarkdown(result, markdown === undefined ? {} : { source: markdown })
  }
}

/** Articles per batch sent to a worker: enough to make a thread's round trip negligible. */
const BATCH = 16

/**
 * Cleans the lines of a JSONL input (`lineBytes`, read as `readJsonl` reads them) into JSONL:
 * `workers` threads, batches of {@link BATCH} lines in parallel (see {@link CleanLinesTask}: the
 * thread that runs a batch parses, cleans and writes its lines, as bytes), written here in input
 * order, so byte for byte what one thread writes. The first line is cleaned alone, here, and its
 * line written at once: the first result waits neither for a batch to fill nor for the parsers
 * the batch's other lines need. `failed` counts the error records written; warnings go to `stderr`.
 * @throws whatever reading the stream throws (an unreadable file): the caller reports it.
 */
async function cleanLines(
  lines: AsyncIterable<LineBytes>,
  name: string,
  options: Options,
  workers: number,
  poolOf: () => Promise<WorkerPool>,
  tick: (repeats: number) => void,
  write: (bytes: Uint8Array) => Promise<void>,
  failed: (records: number) => void,
  stderr: NodeJS.WritableStream,
): Promise<void> {
  const [{ batchesInFlight }, { runTask }] = await Promise.all([import('../workers/worker-pool.js'), import('../workers/pool-tasks.js')])
  const pool = await poolOf()
  const task = (batch: LineBytes[]): CleanLinesTask => ({ kind: 'clean-lines', options, bytes: joinLines(batch), firstLine: (batch[0] as LineBytes).number, name })
  const iterator = lines[Symbol.asyncIterator]()
  const first = await iterator.next()
  if (first.done === true) return
  const rest: AsyncIterable<LineBytes> = { [Symbol.asyncIterator]: () => iterator }
  // The rest go through the pool, its first batch in this thread too (see createWorkerPool), so a small input still starts no thread.
  const cleaned = async function* (): AsyncGenerator<CleanLinesOutcome> {
    yield await runTask(task([first.value]))
    yield* orderedBatches(rest, BATCH, batchesInFlight(workers), async (batch) => [await pool.run(task(batch))], pool.hurry)
  }
  for await (const outcome of cleaned()) {
    for (const repeats of outcome.repeats) tick(repeats)
    for (const { source, warnings } of outcome.warnings) reportWarnings(stderr, source, warnings)
    failed(outcome.failed)
    await write(outcome.bytes)
  }
}

/** Lines' bytes, each followed by a newline, in one buffer (of its own: it may be transferred). */
function joinLines(lines: readonly LineBytes[]): Uint8Array {
  let length = 0
  for (const line of lines) length += line.bytes.length + 1
  const bytes = new Uint8Array(length)
  let at = 0
  for (const line of lines) {
    bytes.set(line.bytes, at)
    at += line.bytes.length
    bytes[at++] = 0x0a
  }
  return bytes
}

/**
 * Cleans a stream of records (`readJsonl`, as the feed and review commands read JSONL; or
 * `readWarc`) one by one: each result goes to `emit` (rendered as `to`), each record that cannot
 * be cleaned to `fail` as an error record with its 1-based line number (JSONL) or its source
 * (WARC: `file#n`). Warnings (invalid bytes…) go to `stderr`. JSONL output (of WARC records:
 * JSONL input to JSONL goes through {@link cleanLines}) is cleaned by `workers` threads, batches
 * in parallel, and written here in input order (each line built with the record's raw members:
 * so byte for byte what one thread writes).
 * @throws whatever reading the stream throws (an unreadable file): the caller reports it.
 */
async function cleanRecords(
  records: AsyncIterable<FeedInputRecord>,
  to: PerArticle,
  options: Options,
  workers: number,
  poolOf: () => Promise<WorkerPool>,
  tick: (repeats: number) => void,
  emit: (text: string, label: string) => Promise<void>,
  fail: (record: ErrorRecord, raw?: readonly RawMember[]) => Promise<void>,
  stderr: NodeJS.WritableStream,
): Promise<void> {
  if (to === 'jsonl') {
    const [{ batchesInFlight }, { runTask }] = await Promise.all([import('../workers/worker-pool.js'), import('../workers/pool-tasks.js')])
    const pool = await poolOf()
    type Cleaned = { record: FeedInputRecord; outcome: CleanOutcome | null }
    const cleanBatch = (run: (task: CleanTask) => Promise<CleanOutcome[]>) => async (batch: FeedInputRecord[]): Promise<Cleaned[]> => {
      const picked = batch.flatMap((record) => ('error' in record ? [] : [record]))
      const articles = picked.map((record) => record.article as Record<string, unknown>)
      // The worker serializes each line but for the input's own member texts (kept here: see fillJsonLine).
      const rawKeys = picked.map((record) => record.raw?.map((member) => member.key) ?? null)
      const outcomes = articles.length === 0 ? [] : await run({ kind: 'clean', options, articles, rawKeys })
      let at = 0
      return batch.map((record) => ({ record, outcome: 'error' in record ? null : (outcomes[at++] ?? null) }))
    }
    // The first record is cleaned alone, here (the same runTask as the pool's), and its line
    // written at once: the first line waits neither for a batch to fill nor for the parsers the
    // batch's other records need. The rest go through the pool in batches, the first of them in
    // this thread too (see createWorkerPool), so a small input still starts no thread.
    const iterator = records[Symbol.asyncIterator]()
    const first = await iterator.next()
    if (first.done === true) return
    const rest: AsyncIterable<FeedInputRecord> = { [Symbol.asyncIterator]: () => iterator }
    const cleaned = async function* (): AsyncGenerator<Cleaned> {
      yield* await cleanBatch((task) => runTask(task) as Promise<CleanOutcome[]>)([first.value])
      yield* orderedBatches(rest, BATCH, batchesInFlight(workers), cleanBatch((task) => pool.run(task)), pool.hurry)
    }
    for await (const { record, outcome } of cleaned()) {
      const at = record.line === undefined ? { source: record.source ?? '-' } : { line: record.line }
      if ('error' in record) {
        await fail(errorRecord(record.error, { id: record.id ?? null, ...at }))
      } else if (outcome && 'line' in outcome) {
        tick(outcome.repeats)
        reportWarnings(stderr, record.source ?? '-', outcome.warnings)
        const id = (record.article as Record<string, unknown>).id
        await emit(fillJsonLine(outcome.line, record.raw), id === undefined || id === null ? (record.source ?? '-') : String(id))
      } else {
        const error = outcome?.error ?? { code: 'E_INTERNAL', message: 'no result' }
        await fail(errorRecord(error, { id: (record.article as Record<string, unknown>).id ?? null, ...at }), record.raw)
      }
    }
    return
  }
  let parsers = NO_PARSERS
  for await (const record of records) {
    const at = record.line === undefined ? { source: record.source ?? '-' } : { line: record.line }
    const where = record.source ?? '-'
    if ('error' in record) {
      await fail(errorRecord(record.error, { id: record.id ?? null, ...at }))
      continue
    }
    const article = record.article as Record<string, unknown>
    try {
      const body = articleBody(article)
      const cleaned = await withParsers(parsersNeeded(body, options), parsers, (loaded) => cleanWith(loaded, body, options))
      parsers = cleaned.parsers
      const result = cleaned.value
      tick(countRepeats(result))
      reportWarnings(stderr, where, result.warnings)
      const label = article.id === undefined || article.id === null ? where : String(article.id)
      // The source of the headings and lists --to markdown writes: the body cleaned, when it was a Markdown string (not a
      // record's other \`markdown\` field beside its \`text\` or \`html\`, whose offsets are another text's).
      const markdown = 'markdown' in body && typeof body.markdown === 'string' ? body.markdown : undefined
      await emit(render(result, to, article.id ?? null, markdown), label)
    } catch (error) {
      await fail(errorRecord(error, { id: article.id ?? null, ...at }), record.raw)
    }
  }
}
