import { once } from 'node:events'
import { createReadStream, type Dirent, type Stats } from 'node:fs'
import { readdir, readFile, stat } from 'node:fs/promises'
import { extname, posix } from 'node:path'
import { DedupeError, errorRecord } from '../errors.js'
import { buildResult, FEED_RESULT_FIELDS, resultFields } from '../feed/build-result.js'
import { createFeedJudge, type FeedJudge, type JudgedArticle, type LinedArticle, type StagedArticle } from '../feed/create-deduplicator.js'
import { resultLine } from '../feed/result-line.js'
import { readJsonl } from '../io/read-jsonl.js'
import { connectIndex } from '../stores/open-index.js'
import { resolveRedisShards } from '../stores/redis-shards.js'
import { bomEncoding } from '../io/text-chunks.js'
import { byteChunks } from '../io/byte-chunks.js'
import { pageUrl } from '../parse/page-url.js'
import { reportWarnings } from './clean-flags.js'
import type { Warning } from '../types.js'
import type { Article, FeedIndex, FeedInputRecord, FeedResult } from '../feed/types.js'
import { renderReview } from '../output/review/render-review.js'
import { resolveOptions } from '../options.js'
import { CLEAN_FLAGS, HELP_FLAG, number, oneOf, optionsFromFlags } from './clean-flags.js'
import { flagHelp, parseFlags, type FlagTable } from './parse-flags.js'
import { countBytes, createProgress, inputSize } from './progress.js'
import { orderedBatches } from '../workers/ordered-batches.js'
import type { StageOutcome } from '../workers/pool-tasks.js'
import { batchesInFlight, createWorkerPool } from '../workers/worker-pool.js'
import { workerCount } from './clean-flags.js'
import { writer } from './writer.js'
import { toJsonLine } from '../output/to-json-line.js'
import type { RawMember } from '../io/raw-members.js'

import { ERROR_FIELDS } from '../output/error-fields.js'
export { ERROR_FIELDS }
import { loadLanguageModel } from '../language/fasttext-model.js'
import { UsageError } from './usage-error.js'

/**
 * Which records `feed` takes the article out of (`clean()`'s `extract`): `'pages'` (whole web
 * pages: .html files and directories, WARC responses; not JSONL or RSS bodies, which are
 * articles already), `'all'` (`--extract`) or `'none'` (`--no-extract`). Pages by default: on
 * raw pages extraction drops 88.9 % of the snippets trafilatura's evaluation says are not the
 * article, against 11.7 % without, for 94 % of the must-have snippets kept against 99.7 %
 * (`bench/results/extract.md`).
 */
export type FeedExtract = 'pages' | 'all' | 'none'
/** The default of {@link FeedExtract} that `feed` reads. @default 'pages' */
export const DEFAULT_FEED_EXTRACT: FeedExtract = 'pages'

/**
 * The one rule of `feed`'s extraction: is the article of this record taken out of it before
 * cleaning (`clean()`'s `extract`)? Decided here, once per record; the staging task carries it
 * with the article, so the stage, in whichever thread, only applies it.
 */
export function extractsRecord(mode: FeedExtract, record: FeedInputRecord): boolean {
  return mode === 'all' || (mode === 'pages' && 'page' in record && record.page === true)
}

/** The streams `runFeed` talks to (process.stdin/stdout/stderr in the real CLI). */
export interface FeedIo {
  stdin: AsyncIterable<Uint8Array | string>
  stdout: NodeJS.WritableStream
  stderr: NodeJS.WritableStream & { isTTY?: boolean }
}

/** The flags of `news-dedup feed`: its own, then those of `clean()`'s options. */
export const FEED_FLAGS = {
  index: { type: 'string', value: 'PATH|redis://...', help: "where seen articles are kept: a SQLite file, ':memory:'\nor a Redis URL (default ./news-dedup.db)" },
  ttl: {
    type: 'string',
    value: 'DURATION',
    help: 'matching window, e.g. 7d, 12h: what can be matched of\nolder articles is forgotten, their verdicts are not (by\npublished date, UTC when it has no zone, else arrival)',
  },
  'existing-index': {
    type: 'boolean',
    help: 'Redis: refuse an index that has no identity (new, or\nemptied since it was created) instead of creating one',
  },
  shards: {
    type: 'string',
    value: 'N',
    help: 'Redis: hashes each table of a new index is spread over\n(default 1024; about the articles in the window ÷ 8,\ne.g. 131072 for a million); an existing index keeps its own',
  },
  'drop-duplicates': { type: 'boolean', help: 'print only originals (articles that copy no earlier\none), with their cleaned text' },
  'boilerplate-min': { type: 'string', value: 'N', help: 'a paragraph in N articles of one site is boilerplate\n(default 3)' },
  to: {
    type: 'string',
    value: 'jsonl|review',
    help: 'one JSON line per record (default), or one HTML review\npage of the whole run (error records are then reported\non stderr only)',
  },
  workers: {
    type: 'string',
    value: 'N',
    help: 'threads cleaning and fingerprinting articles (default:\nthe cores available); articles are judged in input order,\nso the output is the same for any N',
  },
  ...CLEAN_FLAGS,
  extract: { type: 'boolean', help: 'take the article out of every HTML body (JSONL and RSS\nrecords too)' },
  'no-extract': {
    type: 'boolean',
    help: 'never extract: whole pages are cleaned as they are\n(default: extract the article of whole pages, .html\nfiles and WARC, not of JSONL/RSS bodies)',
  },
  from: {
    type: 'string',
    value: 'FORMAT',
    help: 'jsonl | xml | warc | html | text | markdown: how to read\nfiles and stdin (default: from the extension, else from\nthe first bytes; text and markdown: a file is one article)',
  },
  ...HELP_FLAG,
} as const satisfies FlagTable

const USAGE = `Usage: news-dedup feed [FILE... | DIR | -] [options]

Reads articles (JSONL, RSS/Atom XML, WARC (.warc, .warc.gz: response records with HTML pages), or a directory
tree of .html files; stdin when no file or "-"). Pages are decoded as a browser would (BOM, HTTP or WARC
Content-Type, <meta charset>, else detected): invalid bytes are counted in a warning on stderr and in the record.
flags copies of earlier articles and per-site boilerplate, and writes one JSON line per input record.

Options:
${flagHelp(FEED_FLAGS)}
Ids: a record's own id (JSONL id, RSS guid, Atom id, else the link); an .html file's path; else a hash of the content, url and site.
An .html page's url (and so its site) is its <link rel="canonical"> or <meta property="og:url">.

A progress bar is drawn on stderr when it is a terminal (never in a pipe or a log file).

Exit code: 0 when every record was processed, 1 when some failed (they get { id?, error } lines), 2 on usage errors,
an index that cannot be opened or reached, or a Redis index emptied or replaced during the run (E_INDEX_LOST: the run stops).`

/** How `--from` reads a file: a record format, or one article of that format per file. */
export type FeedFrom = Kind | 'text' | 'markdown'
export const FEED_FROM: readonly FeedFrom[] = ['jsonl', 'xml', 'warc', 'html', 'text', 'markdown']

type Kind = 'jsonl' | 'xml' | 'html' | 'warc'

/** Articles per batch sent to a worker thread. */
const STAGE_BATCH = 16
/** Most articles judged but not yet written: room for a SQLite batch to fill before it is committed. */
const IN_FLIGHT = 512

function kindOf(path: string): Kind | null {
  if (/\.warc(\.gz)?$/i.test(path)) return 'warc'
  const ext = extname(path).toLowerCase()
  if (ext === '.jsonl' || ext === '.ndjson' || ext === '.json') return 'jsonl'
  if (ext === '.xml' || ext === '.rss' || ext === '.atom') return 'xml'
  if (ext === '.html' || ext === '.htm' || ext === '.xhtml') return 'html'
  return null
}

type Chunks = AsyncIterable<Uint8Array | string>

/** Bytes of the first chunk looked at to tell XML, HTML and JSON Lines apart. */
const SNIFF_BYTES = 4096

/** The start of a chunk as text, for sniffing only (decoded leniently, UTF-16 when a BOM says so). */
function headText(chunk: Uint8Array | string): string {
  if (typeof chunk === 'string') return chunk
  const bytes = chunk.subarray(0, SNIFF_BYTES)
  return new TextDecoder(bomEncoding(bytes) ?? 'utf-8').decode(bytes)
}

/** Peeks at the first chunk to tell XML from HTML and JSON Lines, then yields every chunk. */
async function sniffed(chunks: Chunks): Promise<{ kind: Kind; chunks: Chunks }> {
  const iterator = chunks[Symbol.asyncIterator]()
  const first = await iterator.next()
  const head = first.done ? '' : headText(first.value)
  const kind: Kind = /^WARC\/1\.\d\r?\n/.test(head) || isGzip(first.done ? undefined : first.value)
    ? 'warc'
    : /^\s*</.test(head) ? (/<(rss|feed|rdf:RDF|channel|item|entry)\b/i.test(head) ? 'xml' : 'html') : 'jsonl'
  async function* all(): AsyncGenerator<Uint8Array | string> {
    if (!first.done) yield first.value
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value
  }
  return { kind, chunks: all() }
}

/** Gzip's magic bytes: on standard input, a gzipped stream is taken for a .warc.gz (the one gzipped input read). */
function isGzip(chunk: Uint8Array | string | undefined): boolean {
  return typeof chunk === 'object' && chunk[0] === 0x1f && chunk[1] === 0x8b
}

/**
 * An HTML page as an article: `id` and `file` its path (none for stdin), `url` the one it gives
 * itself. The bytes go to the deduplicator, which decodes them (and reports how); they are
 * decoded here too to read the page's URL.
 */
async function htmlArticle(html: Uint8Array, path: string | null): Promise<Article> {
  const article: Article = path === null ? { html } : { id: path, html, file: path }
  // The charset libraries are imported by the first page, not by every run: a JSONL feed needs none here.
  const [{ decodeBytes }, { xmlText }] = await Promise.all([import('../parse/decode-bytes.js'), import('../io/read-xml-feed.js')])
  const url = pageUrl(decodeBytes(html, { format: 'html' }).text, xmlText)
  if (url !== undefined) article.url = url
  return article
}

/** Counts of what the readers skipped, for the summary. */
export interface ReadStats {
  /** Bytes read so far, for the progress bar. */
  bytes: number
  /** WARC records that are no HTML response (warcinfo, request, revisit, metadata, images, redirects…). */
  warcSkipped: number
  /** Reports a reader's warning (invalid bytes in an XML feed) on stderr. */
  warn(source: string, warning: Warning): void
}

async function* recordsOf(kind: FeedFrom, chunks: Chunks, name: string, stats: ReadStats): AsyncGenerator<FeedInputRecord> {
  if (kind === 'jsonl') yield* readJsonl(chunks, name)
  else if (kind === 'xml') {
    // Imported for an XML input only (and its charset labels).
    const { readXmlFeed } = await import('../io/read-xml-feed.js')
    yield* readXmlFeed(chunks, name, { warn: (warning) => stats.warn(name, warning) })
  } else if (kind === 'warc') {
    // Imported for a WARC input only (the WARC parser and the charset libraries).
    const { readWarc } = await import('../io/read-warc.js')
    yield* readWarc(byteChunks(chunks), name, { skipped: () => stats.warcSkipped++ })
  } else {
    const parts: Uint8Array[] = []
    for await (const chunk of byteChunks(chunks)) parts.push(chunk)
    const bytes = Buffer.concat(parts)
    // A text or Markdown file is one article, its bytes decoded by clean() (as `clean FILE` does).
    if (kind === 'text' || kind === 'markdown') yield { article: name === '-' ? { [kind]: bytes } : { id: name, [kind]: bytes }, source: name }
    else yield { article: await htmlArticle(bytes, name === '-' ? null : name), source: name, page: true }
  }
}

/**
 * The .html files of a directory and its subdirectories, as records, depth first in name order
 * (so a run is reproducible). Hidden entries (`.name`) are skipped, and so are symbolic links
 * to directories, so that a link loop cannot make the walk endless; links to files are read.
 */
async function* directoryRecords(dir: string): AsyncGenerator<FeedInputRecord> {
  let entries: Dirent[]
  try {
    entries = await readdir(dir, { withFileTypes: true })
  } catch (error) {
    yield { error: { code: 'E_READ', message: `cannot read ${dir}: ${(error as Error).message}` }, source: dir }
    return
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue
    // Joined with `/` on every system: the path is the page's `id` and `file`, the same on Windows as elsewhere.
    const path = posix.join(dir, entry.name)
    if (entry.isDirectory()) yield* directoryRecords(path)
    else if ((entry.isFile() || entry.isSymbolicLink()) && /\.x?html?$/i.test(entry.name)) {
      try {
        if (entry.isSymbolicLink() && !(await stat(path)).isFile()) continue
        yield { article: await htmlArticle(await readFile(path), path), source: path, page: true }
      } catch (error) {
        yield { error: { code: 'E_READ', message: `cannot read ${path}: ${(error as Error).message}` }, source: path }
      }
    }
  }
}

/** The records of one file: by its extension, else by its first bytes. */
async function* fileRecords(path: string, from: FeedFrom | undefined, stats: ReadStats): AsyncGenerator<FeedInputRecord> {
  const stream = countBytes(createReadStream(path, { highWaterMark: 256 * 1024 }), stats)
  const known = from ?? kindOf(path)
  if (known) yield* recordsOf(known, stream, path, stats)
  else {
    const { kind, chunks } = await sniffed(stream)
    yield* recordsOf(kind, chunks, path, stats)
  }
}

/**
 * Every record of every input, in order: files as named, directories' .html files by path
 * (`enqueue` reads its inputs with it too, so a queued article is the one `feed` would read).
 */
export async function* inputRecords(
  inputs: string[],
  stdin: FeedIo['stdin'],
  from: FeedFrom | undefined,
  stats: ReadStats,
): AsyncGenerator<FeedInputRecord> {
  for (const input of inputs.length === 0 ? ['-'] : inputs) {
    if (input === '-') {
      if (from !== undefined) {
        yield* recordsOf(from, countBytes(stdin, stats), '-', stats)
        continue
      }
      const { kind, chunks } = await sniffed(countBytes(stdin, stats))
      yield* recordsOf(kind, chunks, '-', stats)
      continue
    }
    let info: Stats
    try {
      info = await stat(input)
    } catch (error) {
      yield { error: { code: 'E_READ', message: `cannot read ${input}: ${(error as Error).message}` }, source: input }
      continue
    }
    yield* info.isDirectory() ? directoryRecords(input) : fileRecords(input, from, stats)
  }
}

/** `--extract` / `--no-extract` as the feed's extraction mode (shared by `feed` and `worker`). */
export function extractOfFlags(values: { extract?: boolean; 'no-extract'?: boolean }): FeedExtract {
  if (values.extract && values['no-extract']) throw new UsageError('--extract and --no-extract exclude each other')
  return values.extract ? 'all' : values['no-extract'] ? 'none' : DEFAULT_FEED_EXTRACT
}

/**
 * The options of `feed` (and of a pool `worker`) from their flags: clean()'s flags, `--ttl`,
 * `--boilerplate-min`; plain, so that worker threads get them as they are, and checked here,
 * every section, before any index is opened.
 */
export function feedOptionsOfFlags(values: Parameters<typeof optionsFromFlags>[0] & { ttl?: string; 'boilerplate-min'?: string }) {
  const boilerplateMin = number('--boilerplate-min', values['boilerplate-min'])
  const feedOptions = {
    ...optionsFromFlags(values),
    ...(values.ttl === undefined ? {} : { ttl: values.ttl }),
    ...(boilerplateMin === undefined ? {} : { boilerplateMin }),
  }
  resolveOptions(feedOptions, { sections: ['feed'] })
  return feedOptions
}

/**
 * How `feed` and `worker` open the index, from their flags: `--existing-index`, and `--shards`
 * checked here (`E_INVALID_OPTION`), before any index is opened, whatever the store.
 */
export function indexOptionsOfFlags(values: { 'existing-index'?: boolean; shards?: string }): { create: boolean; shards?: number } {
  const shards = number('--shards', values.shards)
  return { create: !values['existing-index'], ...(shards === undefined ? {} : { shards: resolveRedisShards(shards) }) }
}

/**
 * The index and the judge over it, for `feed` and `worker`: an `E_INDEX_LOST` while connecting
 * (a Redis index without identity under `--existing-index`) is said on stderr as
 * `news-dedup COMMAND: …` and gives `null` (exit code 2); if the judge cannot be made, the index
 * is closed before the error goes out.
 *
 * @param command The command's name, for the message.
 * @param io Where the message goes.
 * @param connect Opens (and, for Redis, reaches) the index.
 * @param feedOptions The judge's options (`feedOptionsOfFlags`).
 * @param beforeJudge Awaited between connecting and making the judge (the language model).
 */
export async function openJudge<I extends FeedIndex>(
  command: string,
  io: Pick<FeedIo, 'stderr'>,
  connect: () => Promise<I>,
  feedOptions: ReturnType<typeof feedOptionsOfFlags>,
  beforeJudge?: () => Promise<unknown>,
): Promise<{ index: I; judge: FeedJudge } | null> {
  let index: I
  try {
    index = await connect()
  } catch (error) {
    if (!(error instanceof DedupeError) || error.code !== 'E_INDEX_LOST') throw error
    io.stderr.write(`news-dedup ${command}: ${error.code}: ${error.message}\n`)
    return null
  }
  try {
    await beforeJudge?.()
    return { index, judge: createFeedJudge({ index, ...feedOptions }) }
  } catch (error) {
    await index.close()
    throw error
  }
}

/**
 * `news-dedup feed`: streams articles through a deduplicator and writes JSON Lines, exactly
 * one line per input record (unless `--drop-duplicates`): the {@link FeedResult}, or
 * `{ id?, error, source }` for a record that could not be read or processed (the run goes on).
 * A progress line is drawn on stderr when it is a terminal; a summary ends every run.
 *
 * @returns The exit code: 0, 1 when a record failed, 2 on a usage error.
 */
export async function runFeed(argv: string[], io: FeedIo): Promise<number> {
  const { values, positionals } = parseFlags(argv, FEED_FLAGS)
  if (values.help) {
    io.stdout.write(USAGE + '\n')
    return 0
  }
  const to = oneOf('--to', values.to, ['jsonl', 'review'] as const) ?? 'jsonl'
  const from = oneOf('--from', values.from, FEED_FROM)
  const indexSpec = values.index ?? './news-dedup.db'
  const extract = extractOfFlags(values)
  const workers = workerCount(values.workers)
  // --to review: the results are kept and rendered as one page at the end (the page is built in memory).
  const reviewed: FeedResult[] | null = to === 'review' ? [] : null
  // Every section checked before the index is opened: a bad --ttl opens nothing.
  const feedOptions = feedOptionsOfFlags(values)
  const indexOptions = indexOptionsOfFlags(values)
  // Open (and, for Redis, reach) the index before reading any record: an unreachable index is
  // one clear message and exit code 2, not an error record per article.
  // (E_INDEX_UNAVAILABLE, reported by main()). With --existing-index, a Redis index without
  // identity is E_INDEX_LOST: said here as when the index is lost during the run, exit code 2.
  // The language model for the batches cleaned in this thread (the worker threads load their own).
  // The worker threads start first when the input is large: their start-up (modules, language
  // model) overlaps this thread's (index, model, first batch).
  const size = await inputSize(positionals)
  const pool = createWorkerPool(workers, { kind: 'stage', ...(size.totalBytes === undefined ? {} : { inputBytes: size.totalBytes }) })
  let opened: Awaited<ReturnType<typeof openJudge>>
  try {
    opened = await openJudge('feed', io, () => connectIndex(indexSpec, indexOptions), feedOptions, loadLanguageModel)
  } catch (error) {
    await pool.close()
    throw error
  }
  if (opened === null) {
    await pool.close()
    return 2
  }
  const { judge } = opened

  const started = Date.now()
  const stats = { records: 0, originals: 0, copies: 0, nearCopies: 0, boilerplate: 0, errors: 0, outsideWindow: 0 }
  // On a terminal, a warning first clears the progress bar's line.
  const tty = io.stderr.isTTY === true
  const read: ReadStats = { bytes: 0, warcSkipped: 0, warn: (source, warning) => reportWarnings(io.stderr, `${tty ? '\r\x1b[K' : ''}${source}`, [warning]) }
  const bar = createProgress(io.stderr, { label: 'feed', ...size })
  const progress = (): void => {
    const seconds = (Date.now() - started) / 1000
    const rate = seconds > 0 ? Math.round(stats.records / seconds) : 0
    io.stderr.write(
      `feed: ${stats.records} records, ${stats.originals} originals, ${stats.copies + stats.nearCopies} duplicates ` +
        `(${stats.copies} copies, ${stats.nearCopies} near-copies), ${stats.boilerplate} boilerplate paragraphs, ` +
        `${stats.errors} errors${read.warcSkipped > 0 ? `, ${read.warcSkipped} WARC records skipped (not HTML responses)` : ''}` +
        (values.ttl === undefined ? '' : `, ${stats.outsideWindow} outside the ttl window (judged alone)`) +
        ` in ${seconds.toFixed(1)} s (${rate}/s), index ${indexSpec}\n`,
    )
  }
  // Result lines are written coalesced: those of a turn of the event loop (a batch committed) in one write.
  const out = writer(io.stdout)
  const write = async (value: object, raw?: readonly RawMember[], computed: ReadonlySet<string> = FEED_RESULT_FIELDS): Promise<void> => {
    // Carried-over fields go out as they came in (big-integer ids keep their digits).
    const line = toJsonLine(value, raw, computed)
    // With --to review, stdout holds the page alone: error records go to stderr.
    if (!reviewed || !('error' in value)) await out(line)
    else if (!io.stderr.write(line)) await once(io.stderr, 'drain')
  }

  /** What one input record becomes: its result, or the error record to write (with the error, when thrown). */
  type Output =
    | { record: FeedInputRecord; judged: JudgedArticle<StagedArticle | LinedArticle> }
    | { record: FeedInputRecord; failed: object; raw?: readonly RawMember[]; computed?: ReadonlySet<string>; thrown?: unknown }
  const failed = (record: Extract<FeedInputRecord, { article: Article }>, error: unknown): Output => ({
    record,
    failed: errorRecord(error, { id: record.article.id, line: record.line, source: record.source }),
    raw: record.raw,
    computed: ERROR_FIELDS,
    thrown: error,
  })
  // Cleaning, fingerprints, shingles and MinHash run in `workers` threads, batches in parallel;
  // the index is consulted and written here, one article at a time in input order.
  // A batch is staged in one task; each article carries whether it is extracted.
  const stageBatch = async (batch: Array<{ record: FeedInputRecord; arrival: number }>) => {
    const outcomes: Array<StageOutcome | null> = batch.map(() => null)
    const picked = batch.flatMap(({ record, arrival }, at) => ('error' in record ? [] : [{ at, article: record.article, arrival, extract: extractsRecord(extract, record) }]))
    if (picked.length > 0) {
      const staged: StageOutcome[] = await pool.run({
        kind: 'stage',
        options: feedOptions,
        // With worker threads, they compute ahead what judging would here (the same values).
        ahead: workers > 1,
        // For JSONL output, each result line is serialized in the worker but for the verdict and the
        // input's own member texts (kept here): see resultLineParts.
        articles: picked.map(({ article, arrival, extract, at }) => {
          const record = batch[at]?.record
          const raw = record && 'raw' in record ? record.raw : undefined
          return reviewed ? { article, arrival, extract } : { article, arrival, extract, lineKeys: raw?.map((member) => member.key) ?? null }
        }),
      })
      picked.forEach(({ at }, k) => (outcomes[at] = staged[k] ?? null))
    }
    return batch.map(({ record }, at) => ({ record, outcome: 'error' in record ? null : outcomes[at] ?? null }))
  }
  async function* arrivals(): AsyncGenerator<{ record: FeedInputRecord; arrival: number }> {
    for await (const record of inputRecords(positionals, io.stdin, from, read)) yield { record, arrival: Date.now() }
  }
  const settle = (record: FeedInputRecord, outcome: StageOutcome | null): Promise<Output> => {
    if ('error' in record) return Promise.resolve({ record, failed: errorRecord(record.error, record) })
    if (outcome === null || 'error' in outcome) {
      const error = outcome?.error ?? { code: 'E_INTERNAL', message: 'no result' }
      return Promise.resolve(failed(record, error))
    }
    const staged: StagedArticle | LinedArticle = 'lined' in outcome ? outcome.lined : outcome.staged
    return judge.judged(() => staged).then(
      (judged): Output => ({ record, judged }),
      (error): Output => failed(record, error),
    )
  }
  let indexLost: DedupeError | null = null
  const report = async (output: Output): Promise<void> => {
    stats.records++
    if ('failed' in output) {
      stats.errors++
      await write(output.failed, output.raw, output.computed)
      // Every later record would fail the same way: stop, say why once, exit 2.
      if (output.thrown instanceof DedupeError && output.thrown.code === 'E_INDEX_LOST') indexLost = output.thrown
    } else {
      const { judged, record } = output
      const { staged, verdict, outsideWindow } = judged
      const lined = 'line' in staged ? staged.line : null
      if (outsideWindow) stats.outsideWindow++
      const warnings = lined ? lined.warnings : (staged as StagedArticle).prepared.cleaned.warnings
      reportWarnings(io.stderr, `${tty ? '\r\x1b[K' : ''}${record.source ?? staged.prepared.id}`, warnings)
      if (verdict.duplicate === null) stats.originals++
      else if (verdict.duplicate.kind === 'copy') stats.copies++
      else stats.nearCopies++
      // Every flag is on one of the article's paragraphs (those it was compared on).
      for (const flag of verdict.cross.values()) if (flag.kind === 'boilerplate') stats.boilerplate++
      if (!(values['drop-duplicates'] && verdict.duplicate !== null)) {
        const raw = 'raw' in record ? record.raw : undefined
        if (lined) {
          await out(resultLine(lined, raw, verdict, outsideWindow))
        } else {
          const result = buildResult((staged as StagedArticle).prepared, verdict, outsideWindow)
          if (reviewed) reviewed.push(result)
          else await write(result, raw, resultFields(result.idGenerated))
        }
      }
    }
    bar?.update({ articles: stats.records, duplicates: stats.copies + stats.nearCopies, bytes: read.bytes })
  }

  // Results in flight: judged in order, each written once its record is committed (a SQLite
  // index commits them in batches), so a killed run never printed what its index lost.
  const judged: Array<{ output: Promise<Output>; done: boolean }> = []
  const next = async (): Promise<Output> => (judged.shift() as { output: Promise<Output> }).output
  // Writing is one chain, so records go out in order: those at the front are written as soon as
  // they are committed, without waiting for the next input record (a live input is answered as
  // it comes, even when the next record only arrives once this one is answered); with `all` or
  // too many in flight, the front is waited for.
  let writing: Promise<void> = Promise.resolve()
  const pump = (all = false): Promise<void> =>
    (writing = writing.then(async () => {
      while (judged.length > 0 && !indexLost && (all || judged[0]?.done || judged.length >= IN_FLIGHT)) await report(await next())
    }))
  try {
    for await (const { record, outcome } of orderedBatches(arrivals(), STAGE_BATCH, batchesInFlight(workers), stageBatch, pool.hurry)) {
      const entry = { output: settle(record, outcome), done: false }
      judged.push(entry)
      void entry.output.then(() => {
        entry.done = true
        pump().catch(() => undefined) // a failed write is reported by the awaited pump below
      })
      if (judged.length >= IN_FLIGHT) await pump()
      if (indexLost) break
    }
    await pump(true)
  } finally {
    await Promise.allSettled(judged.map((entry) => entry.output))
    await pool.close()
    await judge.close()
    // What was committed and is still held goes out (a failed write is the error thrown here, or the one already thrown).
    await out.flush()
  }
  if (reviewed) {
    await out(renderReview(reviewed, { title: 'news-dedup feed review' }))
    await out.flush()
  }
  bar?.done()
  progress()
  // Set by `report` (a closure): read through a cast, as the compiler narrowed it to its initial `null`.
  const lost = indexLost as DedupeError | null
  if (lost) {
    io.stderr.write(`news-dedup feed: ${lost.code}: ${lost.message}\n`)
    return 2
  }
  return stats.errors > 0 ? 1 : 0
}
