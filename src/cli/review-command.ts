import { constants, createReadStream } from 'node:fs'
import { access, writeFile } from 'node:fs/promises'
import { dirname, resolve as resolvePath } from 'node:path'
import { clean } from '../clean.js'
import { DedupeError, errorInfo } from '../errors.js'
import { loadLanguageModel } from '../language/fasttext-model.js'
import { createDeduplicator, type Deduplicator } from '../feed/create-deduplicator.js'
import { readJsonl } from '../io/read-jsonl.js'
import { readWarc } from '../io/read-warc.js'
import { byteChunks } from '../io/byte-chunks.js'
import { siteOf } from '../feed/site-of.js'
import { createMemoryIndex } from '../stores/memory.js'
import type { Article } from '../feed/types.js'
import { resolveOptions, type Options } from '../options.js'
import { articleBody } from '../parse/article-body.js'
import { countNoun } from '../output/count-noun.js'
import { renderReview, type ReviewItem } from '../output/review/render-review.js'
import type { InputFormat } from '../types.js'
import type { CliIo } from './clean-command.js'
import { CLEAN_FLAGS, formatOfBytes, HELP_FLAG, number, oneOf, optionsFromFlags, readBytes, UsageError } from './clean-flags.js'
import { flagHelp, parseFlags, type FlagTable } from './parse-flags.js'

/** The flags of `news-dedup review`: its own, then those of `clean()`'s options. */
export const REVIEW_FLAGS = {
  output: { type: 'string', short: 'o', value: 'FILE', help: 'write the page here (default: standard output)' },
  feed: {
    type: 'boolean',
    help: 'judge the articles as one feed, in order (in-memory index):\nalso copies of earlier articles, site boilerplate and\nparagraphs repeated from other articles; adds a summary\nwith per-site and per-language charts',
  },
  'boilerplate-min': { type: 'string', value: 'N', help: 'with --feed: a paragraph in N articles of a site is\nboilerplate (default 3)' },
  title: { type: 'string', value: 'TEXT', help: 'page title (default: news-dedup review)' },
  ...CLEAN_FLAGS,
  quiet: { type: 'boolean', short: 'q', help: 'no summary line on stderr' },
  ...HELP_FLAG,
} as const satisfies FlagTable

export const REVIEW_HELP = `Usage: news-dedup review [FILE...] [-o report.html] [--feed] [options]

Writes ONE self-contained HTML page (no script, no external resource) showing, per article,
the kept paragraphs, the removed ones struck through with why (kind, link to what they
repeat, similarity), repeated sentences struck inline and paragraph languages. Reads
standard input when no FILE is given.

Options:
${flagHelp(REVIEW_FLAGS)}
JSONL input: one article per line, {"id", "text" | "html" | "markdown", "title"?,
"site"?, "url"?, ...}. A .txt/.html/.md file is one article, its path is its id.

Exit code: 0 all articles shown, 1 some could not be read or cleaned (listed on
stderr, left out of the page) or the page could not be written, 2 bad usage.

Examples:
  news-dedup review article.txt -o review.html
  news-dedup review feed.jsonl --feed -o feed-review.html
`

export type From = InputFormat | 'jsonl' | 'warc'
const FROM: readonly From[] = ['text', 'html', 'markdown', 'jsonl', 'warc']

/** An article to review and where it came from (for error messages). */
interface Input {
  article: Article
  source: string
}

/**
 * `news-dedup review`: reads articles (like `clean`), cleans each one (or, with `--feed`, runs
 * them through the feed deduplicator with an in-memory index), and writes the review page.
 * @returns The exit code: 0 ok, 1 some article failed (reported on stderr, left out).
 * @throws {UsageError} For bad flags or values (exit code 2).
 */
export async function runReview(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(argv, REVIEW_FLAGS)
  if (values.help) {
    io.stdout.write(REVIEW_HELP)
    return 0
  }
  const from = oneOf('--from', values.from, FROM)
  const given = optionsFromFlags(values)
  const boilerplateMin = number('--boilerplate-min', values['boilerplate-min'])
  if (boilerplateMin !== undefined && !values.feed) throw new UsageError('--boilerplate-min only applies with --feed')
  // Bad option values are bad usage (exit code 2), found before any input is read; the
  // resolved options are then taken as they are by every clean().
  const options = resolveOptions(given)
  // An output folder that does not exist is found before the articles are read and judged.
  if (values.output !== undefined && values.output !== '-') await assertWritableFolder(values.output)
  const dedup: Deduplicator | null = values.feed
    ? createDeduplicator({ ...options, index: createMemoryIndex(), ...(boilerplateMin === undefined ? {} : { boilerplateMin }) })
    : null

  const sources = positionals.length === 0 ? ['-'] : positionals
  const review = await reviewPage(sources, { from, options, dedup, ...(values.title === undefined ? {} : { title: values.title }) }, io)
  if (values.output === undefined || values.output === '-') {
    await new Promise<void>((resolve) => (io.stdout.write(review.page) ? resolve() : io.stdout.once('drain', () => resolve())))
  } else {
    try {
      await writeFile(values.output, review.page)
    } catch (cause) {
      throw new DedupeError('E_WRITE', `Cannot write ${values.output}: ${(cause as Error).message}`, { cause })
    }
  }
  if (!values.quiet) {
    const where = values.output === undefined || values.output === '-' ? 'stdout' : values.output
    io.stderr.write(
      `review: ${countNoun(review.articles, 'article')}, ${countNoun(review.struck, 'paragraph')} struck${review.failed > 0 ? `, ${review.failed} failed` : ''} → ${where}\n`,
    )
  }
  return review.failed > 0 ? 1 : 0
}

/** How {@link reviewPage} reads and judges its sources. */
export interface ReviewSettings {
  /** Input format of every source; else from the extension (`.jsonl`) or sniffed. */
  from?: From | undefined
  /** `clean()` options (ignored with `dedup`, which has its own). */
  options: Options
  /** Judge the articles as a feed with this deduplicator (closed at the end); else `clean()` each. */
  dedup?: Deduplicator | null
  title?: string
}

/**
 * Reads every source (files, or `-` for standard input), cleans or deduplicates each article
 * in order and renders the review page. Unreadable sources and records are reported on
 * `io.stderr` and left out. Also what `news-dedup clean --to review` uses.
 */
export async function reviewPage(
  sources: string[],
  settings: ReviewSettings,
  io: Pick<CliIo, 'stdin' | 'stderr'>,
): Promise<{ page: string; articles: number; struck: number; failed: number }> {
  const items: ReviewItem[] = []
  let failed = 0
  const fail = (source: string, error: unknown): void => {
    failed++
    io.stderr.write(`${source}: ${describe(error)}\n`)
  }
  const dedup = settings.dedup ?? null
  await loadLanguageModel()
  try {
    for await (const input of inputs(sources, settings.from, io.stdin, fail)) {
      try {
        items.push(dedup ? await dedup.add(input.article) : cleanOne(input.article, settings.options))
      } catch (error) {
        fail(input.source, error)
      }
    }
  } finally {
    await dedup?.close()
  }
  const struck = items.reduce(
    (n, item) => n + item.paragraphs.filter((p) => p.duplicate !== null || ('crossDuplicate' in p && p.crossDuplicate !== null)).length,
    0,
  )
  const page = renderReview(items, settings.title === undefined ? {} : { title: settings.title })
  return { page, articles: items.length, struck, failed }
}

/** `clean()` on one article, with the id, title and site the review page shows. */
function cleanOne(article: Article, options: Options): ReviewItem {
  const result = clean(articleBody(article), options)
  return {
    ...result,
    id: article.id === undefined ? null : String(article.id),
    ...(typeof article.title === 'string' ? { title: article.title } : {}),
    site: siteOf(article),
  }
}

/** Every article of every source, in order; unreadable records go to `fail`. */
async function* inputs(
  sources: string[],
  from: From | undefined,
  stdin: CliIo['stdin'],
  fail: (source: string, error: unknown) => void,
): AsyncGenerator<Input> {
  for (const source of sources) {
    const format = from ?? (/\.(jsonl|ndjson)$/i.test(source) ? 'jsonl' : /\.warc(\.gz)?$/i.test(source) ? 'warc' : undefined)
    if (format === 'jsonl' || format === 'warc') {
      const stream = source === '-' ? stdin : createReadStream(source)
      const name = source === '-' ? 'stdin' : source
      try {
        const records = format === 'jsonl' ? readJsonl(stream, name) : readWarc(byteChunks(stream), name)
        for await (const record of records) {
          if ('error' in record) fail(record.source ?? source, record.error)
          else yield { article: record.article, source: record.source ?? source }
        }
      } catch (error) {
        fail(source, error)
      }
      continue
    }
    let bytes: Uint8Array
    try {
      bytes = await readBytes(source, stdin)
    } catch (error) {
      fail(source, error)
      continue
    }
    const field = format ?? formatOfBytes(source, bytes)
    yield { article: { ...(source === '-' ? {} : { id: source }), [field]: bytes }, source: source === '-' ? 'stdin' : source }
  }
}


/**
 * Checks that the folder of `path` exists and can be written into.
 * @throws {DedupeError} `E_WRITE`, naming the path.
 */
async function assertWritableFolder(path: string): Promise<void> {
  try {
    await access(dirname(resolvePath(path)), constants.W_OK)
  } catch (cause) {
    throw new DedupeError('E_WRITE', `Cannot write ${path}: ${(cause as Error).message}`, { cause })
  }
}

function describe(error: unknown): string {
  const { code, message } = errorInfo(error)
  return code === 'E_INTERNAL' ? message : `${code}: ${message}`
}
