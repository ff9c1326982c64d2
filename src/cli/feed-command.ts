import { once } from 'node:events'
import { createReadStream } from 'node:fs'
import { readdir, readFile, stat } from 'node:fs/promises'
import { extname, join } from 'node:path'
import { parseArgs } from 'node:util'
import { DedupeError } from '../errors.js'
import { createDeduplicator } from '../feed/create-deduplicator.js'
import { readJsonl } from '../feed/read-jsonl.js'
import { readXmlFeed } from '../feed/read-xml-feed.js'
import { openIndex } from '../feed/stores/open-index.js'
import { textChunks } from '../feed/text-chunks.js'
import type { FeedInputRecord, FeedResult } from '../feed/types.js'
import { renderReview } from '../review/render-review.js'

/** The streams `runFeed` talks to (process.stdin/stdout/stderr in the real CLI). */
export interface FeedIo {
  stdin: AsyncIterable<Uint8Array | string>
  stdout: NodeJS.WritableStream
  stderr: NodeJS.WritableStream & { isTTY?: boolean }
}

const USAGE = `Usage: news-dedup feed [FILE... | DIR | -] [options]

Reads articles (JSONL, RSS/Atom XML, or a directory of .html files; stdin when no file or "-"),
flags copies of earlier articles and per-site boilerplate, and writes one JSON line per input record.

Options:
  --index PATH|redis://...  where seen articles are kept (SQLite file, ':memory:' or Redis) [./news-dedup.db]
  --ttl DURATION            forget articles older than this, e.g. 7d, 12h (by published date, else arrival)
  --drop-duplicates         print only originals (articles that copy no earlier one), with their cleaned text
  --boilerplate-min N       a paragraph in N articles of one site is boilerplate [3]
  --to jsonl|review         one JSON line per record [jsonl], or one HTML review page of the whole run
                            (error records are then reported in the summary on stderr only)

Ids: a record's own id (JSONL id, RSS guid, Atom id, else the link); an .html file's path; else a content hash.
  -h, --help                show this help

Exit code: 0 when every record was processed, 1 when some failed (they get { id?, error } lines), 2 on usage errors.`

type Kind = 'jsonl' | 'xml' | 'html'

function kindOf(path: string): Kind | null {
  const ext = extname(path).toLowerCase()
  if (ext === '.jsonl' || ext === '.ndjson' || ext === '.json') return 'jsonl'
  if (ext === '.xml' || ext === '.rss' || ext === '.atom') return 'xml'
  if (ext === '.html' || ext === '.htm' || ext === '.xhtml') return 'html'
  return null
}

/** Peeks at the first chunk to tell XML from JSON Lines, then yields every chunk. */
async function sniffed(chunks: AsyncIterable<string>): Promise<{ kind: Kind; chunks: AsyncIterable<string> }> {
  const iterator = chunks[Symbol.asyncIterator]()
  const first = await iterator.next()
  const head = first.done ? '' : first.value
  const kind: Kind = /^\s*</.test(head) ? (/<(rss|feed|rdf:RDF|channel|item|entry)\b/i.test(head) ? 'xml' : 'html') : 'jsonl'
  async function* all(): AsyncGenerator<string> {
    if (!first.done) yield head
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value
  }
  return { kind, chunks: all() }
}

async function* recordsOf(kind: Kind, chunks: AsyncIterable<string>, name: string): AsyncGenerator<FeedInputRecord> {
  if (kind === 'jsonl') yield* readJsonl(chunks, name)
  else if (kind === 'xml') yield* readXmlFeed(chunks, name)
  else {
    let html = ''
    for await (const chunk of chunks) html += chunk
    yield { article: name === '-' ? { html } : { id: name, html, file: name }, source: name }
  }
}

/** Every record of every input, in order: files as named, directories' .html files by name. */
async function* inputRecords(inputs: string[], stdin: FeedIo['stdin']): AsyncGenerator<FeedInputRecord> {
  for (const input of inputs.length === 0 ? ['-'] : inputs) {
    if (input === '-') {
      const { kind, chunks } = await sniffed(textChunks(stdin))
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
    if (info.isDirectory()) {
      const names = (await readdir(input)).filter((n) => /\.x?html?$/i.test(n)).sort()
      for (const name of names) {
        const path = join(input, name)
        try {
          yield { article: { id: path, html: await readFile(path, 'utf8'), file: path }, source: path }
        } catch (error) {
          yield { error: { code: 'E_READ', message: `cannot read ${path}: ${(error as Error).message}` }, source: path }
        }
      }
      continue
    }
    const stream = textChunks(createReadStream(input, { highWaterMark: 256 * 1024 }))
    const known = kindOf(input)
    if (known) yield* recordsOf(known, stream, input)
    else {
      const { kind, chunks } = await sniffed(stream)
      yield* recordsOf(kind, chunks, input)
    }
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
  // --to review: the results are kept and rendered as one page at the end (the page is built in memory).
  const reviewed: FeedResult[] | null = values.to === 'review' ? [] : null
  const boilerplateMin = values['boilerplate-min'] === undefined ? undefined : Number(values['boilerplate-min'])
  let dedup
  try {
    dedup = createDeduplicator({
      index: openIndex(values.index),
      ...(values.ttl === undefined ? {} : { ttl: values.ttl }),
      ...(boilerplateMin === undefined ? {} : { boilerplateMin }),
    })
  } catch (error) {
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

  try {
    for await (const record of inputRecords(positionals, io.stdin)) {
      stats.records++
      if ('error' in record) {
        stats.errors++
        await write(record)
      } else {
        let result: FeedResult
        try {
          result = await dedup.add(record.article)
        } catch (error) {
          stats.errors++
          const id = record.article.id
          await write({ ...(id === undefined ? {} : { id: String(id) }), error: errorOf(error), source: record.source })
          continue
        }
        if (result.duplicate === null) stats.originals++
        else if (result.duplicate.kind === 'copy') stats.copies++
        else stats.nearCopies++
        for (const p of result.paragraphs) if (p.crossDuplicate?.kind === 'boilerplate') stats.boilerplate++
        if (values['drop-duplicates'] && result.duplicate !== null) continue
        if (reviewed) reviewed.push(result)
        else await write(result)
      }
      if (tty && Date.now() - lastProgress > 250) {
        lastProgress = Date.now()
        progress(false)
      }
    }
  } finally {
    await dedup.close()
  }
  if (reviewed) {
    const page = renderReview(reviewed, { title: 'news-dedup feed review' })
    if (!io.stdout.write(page)) await once(io.stdout, 'drain')
  }
  progress(true)
  return stats.errors > 0 ? 1 : 0
}

/** The `{ code, message }` of an error record: the library's code, or `E_INTERNAL`. */
function errorOf(error: unknown): { code: string; message: string } {
  if (error instanceof DedupeError) return { code: error.code, message: error.message }
  return { code: 'E_INTERNAL', message: error instanceof Error ? error.message : String(error) }
}
