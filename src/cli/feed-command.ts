import { once } from 'node:events'
import { createReadStream } from 'node:fs'
import { readdir, readFile, stat } from 'node:fs/promises'
import { extname, join } from 'node:path'
import { parseArgs } from 'node:util'
import { errorInfo } from '../errors.js'
import { createFeedJudge } from '../feed/create-deduplicator.js'
import { readJsonl } from '../io/read-jsonl.js'
import { readXmlFeed, xmlText } from '../io/read-xml-feed.js'
import { connectIndex } from '../stores/open-index.js'
import { bomEncoding, textChunks } from '../io/text-chunks.js'
import type { Article, FeedInputRecord, FeedResult } from '../feed/types.js'
import { renderReview } from '../output/review/render-review.js'
import { orderedBatches } from '../workers/ordered-batches.js'
import type { StageOutcome } from '../workers/pool-tasks.js'
import { createWorkerPool } from '../workers/worker-pool.js'
import { UsageError, workerCount } from './clean-flags.js'

/** The streams `runFeed` talks to (process.stdin/stdout/stderr in the real CLI). */
export interface FeedIo {
  stdin: AsyncIterable<Uint8Array | string>
  stdout: NodeJS.WritableStream
  stderr: NodeJS.WritableStream & { isTTY?: boolean }
}

const USAGE = `Usage: news-dedup feed [FILE... | DIR | -] [options]

Reads articles (JSONL, RSS/Atom XML, or a directory tree of .html files; stdin when no file or "-"),
flags copies of earlier articles and per-site boilerplate, and writes one JSON line per input record.

Options:
  --index PATH|redis://...  where seen articles are kept (SQLite file, ':memory:' or Redis) [./news-dedup.db]
  --ttl DURATION            forget articles older than this, e.g. 7d, 12h (by published date, else arrival)
  --drop-duplicates         print only originals (articles that copy no earlier one), with their cleaned text
  --boilerplate-min N       a paragraph in N articles of one site is boilerplate [3]
  --workers N               threads cleaning and fingerprinting articles [the cores available]; articles
                            are judged in input order, so the output is the same for any N
  --to jsonl|review         one JSON line per record [jsonl], or one HTML review page of the whole run
                            (error records are then reported in the summary on stderr only)

Ids: a record's own id (JSONL id, RSS guid, Atom id, else the link); an .html file's path; else a hash of the content, url and site.
An .html page's url (and so its site) is its <link rel="canonical"> or <meta property="og:url">.
  -h, --help                show this help

Exit code: 0 when every record was processed, 1 when some failed (they get { id?, error } lines), 2 on usage errors
or an index that cannot be opened or reached.`

type Kind = 'jsonl' | 'xml' | 'html'

/** Articles per batch sent to a worker thread. */
const STAGE_BATCH = 16
/** Most articles judged but not yet written: room for a SQLite batch to fill before it is committed. */
const IN_FLIGHT = 512

function kindOf(path: string): Kind | null {
  const ext = extname(path).toLowerCase()
  if (ext === '.jsonl' || ext === '.ndjson' || ext === '.json') return 'jsonl'
  if (ext === '.xml' || ext === '.rss' || ext === '.atom') return 'xml'
  if (ext === '.html' || ext === '.htm' || ext === '.xhtml') return 'html'
  return null
}

type Chunks = AsyncIterable<Uint8Array | string>

/** Bytes of the first chunk looked at to tell XML, HTML and JSON Lines apart. */
const SNIFF_BYTES = 4096
/** The `<head>` of a page, where its canonical URL is declared (the whole page when it has none). */
const HEAD = /^[\s\S]*?<\/head\s*>/i
/** An HTML attribute: name, then a double-quoted, single-quoted or bare value. */
const ATTRIBUTE = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g

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
  const kind: Kind = /^\s*</.test(head) ? (/<(rss|feed|rdf:RDF|channel|item|entry)\b/i.test(head) ? 'xml' : 'html') : 'jsonl'
  async function* all(): AsyncGenerator<Uint8Array | string> {
    if (!first.done) yield first.value
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value
  }
  return { kind, chunks: all() }
}

/** The attributes of each `<tag …>` in `html`, names lower-cased, values with entities decoded. */
function* tagAttributes(html: string, tag: string): Generator<Map<string, string>> {
  for (const match of html.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, 'gi'))) {
    const attributes = new Map<string, string>()
    for (const [, name, ...values] of (match[1] ?? '').matchAll(ATTRIBUTE)) {
      attributes.set((name as string).toLowerCase(), xmlText(values.find((v) => v !== undefined) ?? ''))
    }
    yield attributes
  }
}

/** `value` when it is an absolute http(s) URL, else `undefined`. */
function httpUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:' ? value : undefined
  } catch {
    return undefined
  }
}

/**
 * The URL a page gives for itself: its `<link rel="canonical" href>`, else its
 * `<meta property="og:url" content>`; only absolute http(s) URLs count.
 */
function pageUrl(html: string): string | undefined {
  const head = HEAD.exec(html)?.[0] ?? html
  for (const link of tagAttributes(head, 'link')) {
    const rel = (link.get('rel') ?? '').toLowerCase().split(/\s+/)
    const url = rel.includes('canonical') ? httpUrl(link.get('href')) : undefined
    if (url) return url
  }
  for (const meta of tagAttributes(head, 'meta')) {
    const url = (meta.get('property') ?? meta.get('name'))?.toLowerCase() === 'og:url' ? httpUrl(meta.get('content')) : undefined
    if (url) return url
  }
  return undefined
}

/** An HTML page as an article: `id` and `file` its path (none for stdin), `url` the one it gives itself. */
function htmlArticle(html: string, path: string | null): Article {
  const article: Article = path === null ? { html } : { id: path, html, file: path }
  const url = pageUrl(html)
  if (url !== undefined) article.url = url
  return article
}

async function* recordsOf(kind: Kind, chunks: Chunks, name: string): AsyncGenerator<FeedInputRecord> {
  if (kind === 'jsonl') yield* readJsonl(chunks, name)
  else if (kind === 'xml') yield* readXmlFeed(chunks, name)
  else {
    let html = ''
    for await (const chunk of textChunks(chunks)) html += chunk
    yield { article: htmlArticle(html, name === '-' ? null : name), source: name }
  }
}

/**
 * The .html files of a directory and its subdirectories, as records, depth first in name order
 * (so a run is reproducible). Hidden entries (`.name`) are skipped, and so are symbolic links
 * to directories, so that a link loop cannot make the walk endless; links to files are read.
 */
async function* directoryRecords(dir: string): AsyncGenerator<FeedInputRecord> {
  let entries
  try {
    entries = await readdir(dir, { withFileTypes: true })
  } catch (error) {
    yield { error: { code: 'E_READ', message: `cannot read ${dir}: ${(error as Error).message}` }, source: dir }
    return
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue
    const path = join(dir, entry.name)
    if (entry.isDirectory()) yield* directoryRecords(path)
    else if ((entry.isFile() || entry.isSymbolicLink()) && /\.x?html?$/i.test(entry.name)) {
      try {
        if (entry.isSymbolicLink() && !(await stat(path)).isFile()) continue
        yield { article: htmlArticle(await readFile(path, 'utf8'), path), source: path }
      } catch (error) {
        yield { error: { code: 'E_READ', message: `cannot read ${path}: ${(error as Error).message}` }, source: path }
      }
    }
  }
}

/** The records of one file: by its extension, else by its first bytes. */
async function* fileRecords(path: string): AsyncGenerator<FeedInputRecord> {
  const stream = createReadStream(path, { highWaterMark: 256 * 1024 })
  const known = kindOf(path)
  if (known) yield* recordsOf(known, stream, path)
  else {
    const { kind, chunks } = await sniffed(stream)
    yield* recordsOf(kind, chunks, path)
  }
}

/** Every record of every input, in order: files as named, directories' .html files by path. */
async function* inputRecords(inputs: string[], stdin: FeedIo['stdin']): AsyncGenerator<FeedInputRecord> {
  for (const input of inputs.length === 0 ? ['-'] : inputs) {
    if (input === '-') {
      const { kind, chunks } = await sniffed(stdin)
      yield* recordsOf(kind, chunks, '-')
      continue
    }
    let info
    try {
      info = await stat(input)
    } catch (error) {
      yield { error: { code: 'E_READ', message: `cannot read ${input}: ${(error as Error).message}` }, source: input }
      continue
    }
    yield* info.isDirectory() ? directoryRecords(input) : fileRecords(input)
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
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        index: { type: 'string', default: './news-dedup.db' },
        ttl: { type: 'string' },
        'drop-duplicates': { type: 'boolean', default: false },
        'boilerplate-min': { type: 'string' },
        to: { type: 'string', default: 'jsonl' },
        workers: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    })
  } catch (error) {
    io.stderr.write(`news-dedup feed: ${(error as Error).message}\n\n${USAGE}\n`)
    return 2
  }
  const { values, positionals } = parsed
  if (values.help) {
    io.stdout.write(USAGE + '\n')
    return 0
  }
  if (values.to !== 'jsonl' && values.to !== 'review') {
    io.stderr.write(`news-dedup feed: Expected --to to be jsonl or review, not \`${values.to}\`\n\n${USAGE}\n`)
    return 2
  }
  let workers: number
  try {
    workers = workerCount(values.workers)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    io.stderr.write(`news-dedup feed: ${error.message}\n\n${USAGE}\n`)
    return 2
  }
  // --to review: the results are kept and rendered as one page at the end (the page is built in memory).
  const reviewed: FeedResult[] | null = values.to === 'review' ? [] : null
  const boilerplateMin = values['boilerplate-min'] === undefined ? undefined : Number(values['boilerplate-min'])
  // Open (and, for Redis, reach) the index before reading any record: an unreachable index is
  // one clear message and exit code 2, not an error record per article.
  let index
  try {
    index = await connectIndex(values.index)
  } catch (error) {
    io.stderr.write(`news-dedup feed: ${(error as Error).message}\n`)
    return 2
  }
  // Plain options: the stages run in worker threads with them; the judge has the index too.
  const options = {
    ...(values.ttl === undefined ? {} : { ttl: values.ttl }),
    ...(boilerplateMin === undefined ? {} : { boilerplateMin }),
  }
  let judge
  try {
    judge = createFeedJudge({ index, ...options })
  } catch (error) {
    await index.close()
    io.stderr.write(`news-dedup feed: ${(error as Error).message}\n`)
    return 2
  }

  const started = Date.now()
  const stats = { records: 0, originals: 0, copies: 0, nearCopies: 0, boilerplate: 0, errors: 0 }
  const tty = io.stderr.isTTY === true
  let lastProgress = 0
  const progress = (final: boolean): void => {
    const seconds = (Date.now() - started) / 1000
    const rate = seconds > 0 ? Math.round(stats.records / seconds) : 0
    const line =
      `feed: ${stats.records} records, ${stats.originals} originals, ${stats.copies + stats.nearCopies} duplicates ` +
      `(${stats.copies} copies, ${stats.nearCopies} near-copies), ${stats.boilerplate} boilerplate paragraphs, ` +
      `${stats.errors} errors in ${seconds.toFixed(1)} s (${rate}/s)`
    if (final) io.stderr.write((tty ? '\r\x1b[K' : '') + line + `, index ${values.index}\n`)
    else io.stderr.write('\r\x1b[K' + line)
  }
  const write = async (value: unknown): Promise<void> => {
    // With --to review, stdout holds the page alone: error records go to stderr.
    const out = reviewed && typeof value === 'object' && value !== null && 'error' in value ? io.stderr : io.stdout
    if (!out.write(JSON.stringify(value) + '\n')) await once(out, 'drain')
  }

  /** What one input record becomes: its result, or the error record to write. */
  type Output = { result: FeedResult } | { failed: object }
  const failed = (record: FeedInputRecord & { article: Article }, error: { code: string; message: string }): Output => {
    const id = record.article.id
    return { failed: { ...(id === undefined ? {} : { id: String(id) }), error, source: record.source } }
  }
  // Cleaning, fingerprints, shingles and MinHash run in `workers` threads, batches in parallel;
  // the index is consulted and written here, one article at a time in input order.
  const pool = createWorkerPool(workers)
  const stageBatch = async (batch: Array<{ record: FeedInputRecord; arrival: number }>) => {
    const articles = batch.flatMap(({ record, arrival }) => ('error' in record ? [] : [{ article: record.article, arrival }]))
    const outcomes: StageOutcome[] = articles.length === 0 ? [] : await pool.run({ kind: 'stage', options, articles })
    let at = 0
    return batch.map(({ record }) => ({ record, outcome: 'error' in record ? null : (outcomes[at++] ?? null) }))
  }
  async function* arrivals(): AsyncGenerator<{ record: FeedInputRecord; arrival: number }> {
    for await (const record of inputRecords(positionals, io.stdin)) yield { record, arrival: Date.now() }
  }
  const settle = (record: FeedInputRecord, outcome: StageOutcome | null): Promise<Output> => {
    if ('error' in record) return Promise.resolve({ failed: record })
    if (outcome === null || 'error' in outcome) return Promise.resolve(failed(record, outcome?.error ?? { code: 'E_INTERNAL', message: 'no result' }))
    const staged = outcome.staged
    return judge.judge(() => staged).then(
      (result): Output => ({ result }),
      (error): Output => failed(record, errorInfo(error)),
    )
  }
  const report = async (output: Output): Promise<void> => {
    stats.records++
    if ('failed' in output) {
      stats.errors++
      await write(output.failed)
    } else {
      const { result } = output
      if (result.duplicate === null) stats.originals++
      else if (result.duplicate.kind === 'copy') stats.copies++
      else stats.nearCopies++
      for (const p of result.paragraphs) if (p.crossDuplicate?.kind === 'boilerplate') stats.boilerplate++
      if (!(values['drop-duplicates'] && result.duplicate !== null)) {
        if (reviewed) reviewed.push(result)
        else await write(result)
      }
    }
    if (tty && Date.now() - lastProgress > 250) {
      lastProgress = Date.now()
      progress(false)
    }
  }

  // Results in flight: judged in order, each written once its record is committed (a SQLite
  // index commits them in batches), so a killed run never printed what its index lost.
  const judged: Array<{ output: Promise<Output>; done: boolean }> = []
  const next = async (): Promise<Output> => (judged.shift() as { output: Promise<Output> }).output
  try {
    for await (const { record, outcome } of orderedBatches(arrivals(), STAGE_BATCH, 2 * workers, stageBatch)) {
      const entry = { output: settle(record, outcome), done: false }
      void entry.output.then(() => (entry.done = true))
      judged.push(entry)
      // Those already committed are written at once (a live input is answered as it comes).
      while (judged[0]?.done) await report(await next())
      if (judged.length >= IN_FLIGHT) await report(await next())
    }
    while (judged.length > 0) await report(await next())
  } finally {
    await Promise.allSettled(judged.map((entry) => entry.output))
    await pool.close()
    await judge.close()
  }
  if (reviewed) {
    const page = renderReview(reviewed, { title: 'news-dedup feed review' })
    if (!io.stdout.write(page)) await once(io.stdout, 'drain')
  }
  progress(true)
  return stats.errors > 0 ? 1 : 0
}
