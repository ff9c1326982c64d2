import { createReadStream } from 'node:fs'
import { parseArgs } from 'node:util'
import { clean } from '../clean.js'
import { DedupeError } from '../errors.js'
import { resolveOptions, type Options } from '../options.js'
import { toHtml } from '../output/to-html.js'
import { toJson } from '../output/to-json.js'
import { toMarkdown } from '../output/to-markdown.js'
import { toRecord } from '../output/to-record.js'
import { summarize } from '../output/summarize.js'
import { toText } from '../output/to-text.js'
import { guessFormat } from '../parse/parse-input.js'
import type { CleanResult, InputFormat } from '../types.js'
import { CLEAN_FLAGS, oneOf, optionsFromFlags, readText, UsageError } from './clean-flags.js'
import { readLines } from './read-lines.js'
import { reviewPage } from './review-command.js'
import { renderReview } from '../review/render-review.js'

/** Where the CLI reads and writes; `process` in real use, fakes in tests. */
export interface CliIo {
  stdin: AsyncIterable<Uint8Array | string>
  stdout: NodeJS.WritableStream
  stderr: NodeJS.WritableStream
}

type From = InputFormat | 'jsonl'
type To = 'text' | 'json' | 'jsonl' | 'html' | 'markdown' | 'review'

const FROM: readonly From[] = ['text', 'html', 'markdown', 'jsonl']
const TO: readonly To[] = ['text', 'json', 'jsonl', 'html', 'markdown', 'review']

export const CLEAN_HELP = `Usage: news-dedup clean [FILE...] [options]

Cleans articles: splits paragraphs, drops repeated passages, tags languages.
Reads standard input when no FILE is given.

Options:
  --from FORMAT           text | html | markdown | jsonl (default: from the file
                          extension: .html .md .txt .jsonl, else sniffed)
  --to FORMAT             text | json | jsonl | html | markdown | review (default:
                          text; jsonl when reading jsonl; review: one HTML page for
                          all inputs, see \`news-dedup review\`)
  --near-threshold N      similarity (0-1) for near repeats (default 0.8)
  --contain-threshold N   share (0-1) of a paragraph inside a longer one (default 0.9)
  --min-length N          shorter paragraphs are only checked for exact repeats (default 40)
  --min-sentence-length N repeated sentences shorter than this are kept (default 40; 0 = off)
  --languages LIST        restrict languages, e.g. fr,en,de (default: all)
  --line-breaks MODE      plain text: auto | paragraph | join (default auto)
  -q, --quiet             no summary of removals on stderr (printed for text,
                          html and markdown output)
  -h, --help              this help

JSONL input: one article per line, {"id", "text" | "html" | "markdown", ...}; other
fields are kept. JSONL output: one line per input line, in order; a line that
cannot be cleaned yields {"id", "line", "error": {"code", "message"}}.

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
  // Check the options once, before any input is read, so a bad value is a usage error.
  try {
    resolveOptions(options)
  } catch (error) {
    if (error instanceof DedupeError) throw new UsageError(`${error.code}: ${error.message}`)
    throw error
  }
  const sources = positionals.length === 0 ? ['-'] : positionals
  const write = writer(io.stdout)
  if (to === 'review') {
    const review = await reviewPage(sources, { from, options }, io)
    await write(review.page)
    return review.failed > 0 ? 1 : 0
  }
  let failed = 0
  const documents: string[] = []
  for (const source of sources) {
    const format = from ?? formatOf(source)
    if (format === 'jsonl') {
      const stream = source === '-' ? io.stdin : createReadStream(source)
      failed += await cleanJsonl(stream, to ?? 'jsonl', options, write)
      continue
    }
    try {
      const text = await readText(source, io.stdin)
      const result = clean(text, { ...options, format: format ?? guessFormat(source === '-' ? null : source, text) })
      const rendered = render(result, to ?? 'text', source)
      if (!values.quiet && to !== 'json' && to !== 'jsonl') io.stderr.write(`${source === '-' ? 'stdin' : source}: ${summarize(result)}`)
      if ((to ?? 'text') === 'json' && sources.length > 1) documents.push(rendered.trimEnd())
      else await write(rendered)
    } catch (error) {
      failed++
      io.stderr.write(`${source}: ${describe(error)}\n`)
    }
  }
  if (documents.length > 0) await write(`[\n${documents.join(',\n')}\n]\n`)
  return failed > 0 ? 1 : 0
}

function parseFlags(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        ...CLEAN_FLAGS,
        to: { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        help: { type: 'boolean', short: 'h' },
      },
    })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
}




function formatOf(source: string): From | undefined {
  return /\.jsonl$|\.ndjson$/i.test(source) ? 'jsonl' : undefined
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

async function cleanJsonl(
  stream: AsyncIterable<Uint8Array | string>,
  to: To,
  options: Options,
  write: (text: string) => Promise<void>,
): Promise<number> {
  let failed = 0
  for await (const line of readLines(stream)) {
    if ('text' in line && line.text.trim() === '') continue
    let id: unknown = null
    try {
      if ('error' in line) throw line.error
      const record = parseRecord(line.text, line.number)
      id = record.id ?? null
      const result = clean(articleOf(record), options)
      await write(to === 'jsonl' ? `${JSON.stringify(toRecord(result, record))}\n` : render(result, to, String(id)))
    } catch (error) {
      failed++
      const code = error instanceof DedupeError ? error.code : 'E_INTERNAL'
      const message = error instanceof Error ? error.message : String(error)
      await write(`${JSON.stringify({ id, line: line.number, error: { code, message } })}\n`)
    }
  }
  return failed
}

function parseRecord(text: string, lineNumber: number): Record<string, unknown> {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (cause) {
    throw new DedupeError('E_INVALID_RECORD', `Line ${lineNumber} is not valid JSON`, { cause })
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new DedupeError('E_INVALID_RECORD', `Line ${lineNumber} is not a JSON object`)
  }
  return value as Record<string, unknown>
}

function articleOf(record: Record<string, unknown>): { text?: string; html?: string; markdown?: string } {
  for (const field of ['text', 'html', 'markdown'] as const) {
    if (typeof record[field] === 'string') return { [field]: record[field] }
  }
  throw new DedupeError('E_INVALID_INPUT', 'Expected the record to have a `text`, `html` or `markdown` string')
}

function describe(error: unknown): string {
  return error instanceof DedupeError ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error)
}

/** A write that waits for the stream to drain, so a slow consumer holds memory flat. */
function writer(stream: NodeJS.WritableStream): (text: string) => Promise<void> {
  return (text) =>
    new Promise((resolve) => {
      if (stream.write(text)) resolve()
      else stream.once('drain', () => resolve())
    })
}
