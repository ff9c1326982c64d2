import { createReadStream } from 'node:fs'
import { parseArgs } from 'node:util'
import { clean } from '../clean.js'
import { DedupeError, errorInfo, errorRecord, type ErrorRecord } from '../errors.js'
import type { RawMember } from '../io/raw-members.js'
import { loadLanguageModel } from '../language/fasttext-model.js'
import { toJsonLine } from '../output/to-json-line.js'
import { resolveOptions, type Options } from '../options.js'
import { toHtml } from '../output/to-html.js'
import { toJson } from '../output/to-json.js'
import { toMarkdown } from '../output/to-markdown.js'
import { COMPUTED_RECORD_FIELDS, toRecord } from '../output/to-record.js'
import { summarize } from '../output/summarize.js'
import { toText } from '../output/to-text.js'
import type { CleanResult, InputFormat } from '../types.js'
import { CLEAN_FLAGS, formatOfBytes, oneOf, optionsFromFlags, readBytes, reportWarnings, UsageError, workerCount } from './clean-flags.js'
import { readJsonl } from '../io/read-jsonl.js'
import { readWarc } from '../io/read-warc.js'
import { byteChunks } from '../io/byte-chunks.js'
import type { FeedInputRecord } from '../feed/types.js'
import { articleBody } from '../parse/article-body.js'
import { renderReview } from '../output/review/render-review.js'
import { orderedBatches } from '../workers/ordered-batches.js'
import { createWorkerPool } from '../workers/worker-pool.js'
import type { CleanOutcome } from '../workers/pool-tasks.js'

/** Where the CLI reads and writes; `process` in real use, fakes in tests. */
export interface CliIo {
  stdin: AsyncIterable<Uint8Array | string>
  stdout: NodeJS.WritableStream
  stderr: NodeJS.WritableStream
}

type From = InputFormat | 'jsonl' | 'warc'
type To = 'text' | 'json' | 'jsonl' | 'html' | 'markdown' | 'review'

const FROM: readonly From[] = ['text', 'html', 'markdown', 'jsonl', 'warc']
const TO: readonly To[] = ['text', 'json', 'jsonl', 'html', 'markdown', 'review']

export const CLEAN_HELP = `Usage: news-dedup clean [FILE...] [options]

Cleans articles: splits paragraphs, drops repeated passages, tags languages.
Reads standard input when no FILE is given.

Options:
  --from FORMAT           text | html | markdown | jsonl | warc (default: from the
                          extension: .html .md .txt .jsonl .warc(.gz); else html when it
                          looks like markup, text otherwise: Markdown is never
                          guessed from content)
  --to FORMAT             text | json | jsonl | html | markdown | review (default:
                          text; jsonl when reading jsonl; review: one HTML page for
                          all inputs, see \`news-dedup review\`)
  --near-threshold N      similarity (0-1) for near repeats (default 0.8)
  --contain-threshold N   share (0-1) of a paragraph inside a longer one (default 0.95)
  --min-length N          shorter paragraphs are only checked for exact repeats (default 40)
  --min-sentence-length N repeated sentences shorter than this are kept (default 40; 0 = off)
  --languages LIST        restrict languages, e.g. fr,en,de (default: all)
  --line-breaks MODE      plain text: auto | paragraph | join (default auto)
  --charset LABEL         encoding of the input bytes (default: BOM, <meta charset>,
                          else detected; invalid bytes are reported on stderr)
  --workers N             threads cleaning JSONL or WARC records (default: the cores
                          available); the output is the same for any N
  -q, --quiet             no summary of removals on stderr (printed for text,
                          html and markdown output)
  -h, --help              this help

JSONL input: one article per line, {"id", "text" | "html" | "markdown", ...}; other
fields are kept. JSONL output: one line per input line, in order; a line that
cannot be cleaned (invalid JSON or UTF-8, no text, blank) yields
{"id", "line", "error": {"code", "message"}}. With --to json, one JSON array.

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
  const { values, positionals } = parseFlags(argv)
  if (values.help) {
    io.stdout.write(CLEAN_HELP)
    return 0
  }
  const from = oneOf('--from', values.from, FROM)
  const to = oneOf('--to', values.to, TO)
  const options = optionsFromFlags(values)
  const workers = workerCount(values.workers)
  // Check the options once, before any input is read, so a bad value is a usage error.
  try {
    resolveOptions(options)
  } catch (error) {
    if (error instanceof DedupeError) throw new UsageError(`${error.code}: ${error.message}`)
    throw error
  }
  const sources = positionals.length === 0 ? ['-'] : positionals
  const write = writer(io.stdout)
  await loadLanguageModel()
  if (to === 'review') {
    const { reviewPage } = await import('./review-command.js')
    const review = await reviewPage(sources, { from, options }, io)
    await write(review.page)
    return review.failed > 0 ? 1 : 0
  }
  let failed = 0
  // --to json gathers every document (results and error records) into one JSON array when
  // there is more than one input or the input is JSONL, so the output is one JSON value.
  const documents: string[] = []
  const gather = to === 'json' && (sources.length > 1 || sources.some((s) => isRecords(from ?? formatOf(s))))
  const emit = async (rendered: string): Promise<void> => {
    if (gather) documents.push(rendered.trimEnd())
    else await write(rendered)
  }
  // Structured outputs (json, jsonl) carry a record per input, errors included; the others
  // report errors on stderr.
  const reportError = async (record: ErrorRecord, where: string, raw?: readonly RawMember[]): Promise<void> => {
    failed++
    const rendering = to ?? (record.line !== undefined || isRecords(from ?? formatOf(where)) ? 'jsonl' : 'text')
    if (rendering === 'jsonl') await write(toJsonLine(record, raw, ERROR_FIELDS))
    else if (rendering === 'json') await emit(JSON.stringify(record, null, 2))
    else io.stderr.write(`${where}${record.line === undefined ? '' : `:${record.line}`}: ${record.error.code}: ${record.error.message}\n`)
  }
  for (const source of sources) {
    const format = from ?? formatOf(source)
    const name = source === '-' ? 'stdin' : source
    if (format === 'jsonl' || format === 'warc') {
      const stream = source === '-' ? io.stdin : createReadStream(source)
      try {
        const records = format === 'jsonl' ? readJsonl(stream, name) : readWarc(byteChunks(stream), name)
        await cleanRecords(records, to ?? 'jsonl', options, workers, emit, (record, raw) => reportError(record, name, raw), io.stderr)
      } catch (error) {
        await reportError(errorRecord(readError(source, error), { id: null, source: name }), name)
      }
      continue
    }
    let result: CleanResult
    try {
      const bytes = await readBytes(source, io.stdin)
      result = clean(bytes, { ...options, format: format ?? formatOfBytes(source, bytes) })
    } catch (error) {
      await reportError(errorRecord(error, { id: source === '-' ? null : source }), name)
      continue
    }
    reportWarnings(io.stderr, name, result.warnings)
    if (!values.quiet && to !== 'json' && to !== 'jsonl') io.stderr.write(`${name}: ${summarize(result)}`)
    await emit(render(result, to ?? 'text', source))
  }
  if (gather) await write(`[\n${documents.join(',\n')}\n]\n`)
  return failed > 0 ? 1 : 0
}

/** Fields of an error record not taken from the input line (the id is: as written). */
const ERROR_FIELDS: ReadonlySet<string> = new Set(['line', 'source', 'error'])

/** An input file that could not be opened or read: `E_READ`, unless the library named it already. */
function readError(source: string, error: unknown): { code: string; message: string } {
  if (error instanceof DedupeError) return errorInfo(error)
  return { code: 'E_READ', message: `Cannot read ${source === '-' ? 'standard input' : source}: ${error instanceof Error ? error.message : String(error)}` }
}

function parseFlags(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        ...CLEAN_FLAGS,
        to: { type: 'string' },
        workers: { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        help: { type: 'boolean', short: 'h' },
      },
    })
  } catch (error) {
    throw new UsageError((error as Error).message)
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

function render(result: CleanResult, to: To, source: string): string {
  switch (to) {
    case 'text':
      return toText(result)
    case 'json':
      return toJson(result)
    case 'jsonl':
      return `${JSON.stringify(toRecord(result, { id: source === '-' ? null : source }))}\n`
    case 'html':
      return toHtml(result)
    case 'markdown':
      return toMarkdown(result)
    case 'review':
      return renderReview([{ ...result, id: source === '-' ? null : source }])
  }
}

/** Articles per batch sent to a worker: enough to make a thread's round trip negligible. */
const BATCH = 16

/**
 * Cleans a stream of records (`readJsonl`, as the feed and review commands read JSONL; or
 * `readWarc`) one by one: each result goes to `emit` (rendered as `to`), each record that cannot
 * be cleaned to `fail` as an error record with its 1-based line number (JSONL) or its source
 * (WARC: `file#n`). Warnings (invalid bytes…) go to `stderr`. JSONL output is cleaned by
 * `workers` threads, batches in parallel, and written here in input order (each line built
 * with the record's raw members: so byte for byte what one thread writes).
 * @throws whatever reading the stream throws (an unreadable file): the caller reports it.
 */
async function cleanRecords(
  records: AsyncIterable<FeedInputRecord>,
  to: To,
  options: Options,
  workers: number,
  emit: (text: string) => Promise<void>,
  fail: (record: ErrorRecord, raw?: readonly RawMember[]) => Promise<void>,
  stderr: NodeJS.WritableStream,
): Promise<void> {
  if (to === 'jsonl') {
    const pool = createWorkerPool(workers)
    const cleanBatch = async (batch: FeedInputRecord[]): Promise<Array<{ record: FeedInputRecord; outcome: CleanOutcome | null }>> => {
      const articles = batch.flatMap((record) => ('error' in record ? [] : [record.article as Record<string, unknown>]))
      const outcomes = articles.length === 0 ? [] : ((await pool.run({ kind: 'clean', options, articles })) as CleanOutcome[])
      let at = 0
      return batch.map((record) => ({ record, outcome: 'error' in record ? null : (outcomes[at++] ?? null) }))
    }
    try {
      for await (const { record, outcome } of orderedBatches(records, BATCH, 2 * Math.max(1, workers), cleanBatch)) {
        const at = record.line === undefined ? { source: record.source ?? '-' } : { line: record.line }
        if ('error' in record) {
          await fail(errorRecord(record.error, { id: record.id ?? null, ...at }))
        } else if (outcome && 'record' in outcome) {
          reportWarnings(stderr, record.source ?? '-', outcome.warnings)
          await emit(toJsonLine(outcome.record, record.raw, COMPUTED_RECORD_FIELDS))
        } else {
          const error = outcome?.error ?? { code: 'E_INTERNAL', message: 'no result' }
          await fail(errorRecord(error, { id: (record.article as Record<string, unknown>).id ?? null, ...at }), record.raw)
        }
      }
    } finally {
      await pool.close()
    }
    return
  }
  for await (const record of records) {
    const at = record.line === undefined ? { source: record.source ?? '-' } : { line: record.line }
    const where = record.source ?? '-'
    if ('error' in record) {
      await fail(errorRecord(record.error, { id: record.id ?? null, ...at }))
      continue
    }
    const article = record.article as Record<string, unknown>
    try {
      const result = clean(articleBody(article), options)
      reportWarnings(stderr, where, result.warnings)
      await emit(render(result, to, String(article.id ?? null)))
    } catch (error) {
      await fail(errorRecord(error, { id: article.id ?? null, ...at }), record.raw)
    }
  }
}

/** A write that waits for the stream to drain, so a slow consumer holds memory flat. */
function writer(stream: NodeJS.WritableStream): (text: string) => Promise<void> {
  return (text) =>
    new Promise((resolve) => {
      if (stream.write(text)) resolve()
      else stream.once('drain', () => resolve())
    })
}
