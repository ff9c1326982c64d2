#!/usr/bin/env node
import { realpathSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { errorInfo } from '../errors.js'
import { didYouMean } from '../did-you-mean.js'
import type { CliIo } from './clean-command.js'
import { CLOSED_PIPE_EXIT_CODE, isClosedPipe } from './closed-pipe.js'
import { UsageError } from './usage-error.js'
import { packageVersion } from './version.js'

const COMMANDS = ['clean', 'feed', 'review', 'enqueue', 'worker', 'results'] as const

// The commands are imported when run, so that each loads only what it needs (the feed command
// its stores and XML reader, review its renderer) and `--help` or `--version` loads no pipeline.
const HELP = `Usage: news-dedup <command> [options]

Commands:
  clean [FILE...]   clean articles one by one (text, HTML, Markdown or JSONL)
  feed [FILE...|DIR|-]  a stream of articles: copies of earlier articles and site
                    boilerplate too, with a persistent index (SQLite, Redis)
  review [FILE...] -o report.html [--feed]
                    one self-contained HTML page showing what was removed and why
  enqueue [FILE...|DIR|-] --queue redis://...
                    append articles to a Redis stream, for a pool of workers
  worker --queue redis://... --index redis://...
                    one worker of the pool: judges queued articles as feed does
  results --queue redis://...
                    print the workers' results as JSON Lines

Options:
  -h, --help        this help
  -V, --version     the version

Run \`news-dedup <command> --help\` for a command's options (clean, feed and review
share those of clean(): --from, the thresholds, --languages, --line-breaks).

Examples:
  news-dedup clean article.txt
  news-dedup clean feed.jsonl --languages fr,en > cleaned.jsonl
  news-dedup feed articles.jsonl --index ./seen.db > judged.jsonl
  news-dedup review feed.jsonl --feed -o report.html

Errors are printed as "news-dedup: CODE: message" on stderr.
Exit code: 0 ok, 1 some record failed or an input/output file could not be used,
2 bad usage (an unknown command or option, a bad option value, an index that
cannot be opened), 141 the reader of standard output closed it (… | head).
`

/**
 * Error codes that mean the command line itself is wrong (or names an index that cannot be
 * used): exit code 2, as for a usage mistake. Every other failure is exit code 1.
 */
const USAGE_CODES = new Set(['E_USAGE', 'E_INVALID_OPTION', 'E_UNKNOWN_FORMAT', 'E_INDEX_UNAVAILABLE', 'E_QUEUE_UNAVAILABLE'])

/** Exit code 2 as well: a Redis index emptied or replaced (or, with `--existing-index`, without identity). */
const EXIT_2_CODES = new Set([...USAGE_CODES, 'E_INDEX_LOST'])

/**
 * The CLI: dispatches to a command and turns its outcome into an exit code
 * (0 ok, 1 some record failed, 2 bad usage). The only place that catches errors: each one is
 * printed as `news-dedup: CODE: message`, never with a stack trace.
 */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv
  try {
    switch (command) {
      case 'clean':
        // The language model loads (WebAssembly compiled off the main thread) while the pipeline's
        // modules are imported; runClean awaits it before the first article.
        import('../language/fasttext-model.js').then((m) => m.loadLanguageModel()).catch(() => { /* runClean reports it */ })
        return await (await import('./clean-command.js')).runClean(rest, io)
      case 'feed':
        return await (await import('./feed-command.js')).runFeed(rest, io)
      case 'review':
        return await (await import('./review-command.js')).runReview(rest, io)
      case 'enqueue':
        return await (await import('./enqueue-command.js')).runEnqueue(rest, io)
      case 'worker':
        return await (await import('./worker-command.js')).runWorker(rest, io)
      case 'results':
        return await (await import('./results-command.js')).runResults(rest, io)
      case undefined:
        // No arguments: the usage goes to stderr (stdout may be a pipe expecting articles).
        io.stderr.write(HELP)
        return 2
      case '-h':
      case '--help':
      case 'help':
        io.stdout.write(HELP)
        return 0
      case '-V':
      case '--version':
        io.stdout.write(`${packageVersion()}\n`)
        return 0
      default: {
        const near = didYouMean(command, command.startsWith('-') ? ['--help', '--version'] : COMMANDS)
        const what = command.startsWith('-') ? 'option' : 'command'
        throw new UsageError(`Unknown ${what} \`${command}\`${near === undefined ? `: expected ${COMMANDS.join(', ')}` : `: did you mean \`${near}\`?`}`)
      }
    }
  } catch (error) {
    if (isClosedPipe(error)) return CLOSED_PIPE_EXIT_CODE
    const { code, message } = error instanceof UsageError ? error : errorInfo(error)
    const usage = USAGE_CODES.has(code)
    const hint = usage && code !== 'E_INDEX_UNAVAILABLE' && code !== 'E_QUEUE_UNAVAILABLE' ? `\nRun \`news-dedup ${COMMANDS.includes(command as never) ? `${command} ` : ''}--help\` for usage.` : ''
    io.stderr.write(`news-dedup: ${code}: ${message}${hint}\n`)
    return EXIT_2_CODES.has(code) ? 2 : 1
  }
}

function isEntryPoint(): boolean {
  const script = process.argv[1]
  if (script === undefined) return false
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url))
  } catch {
    return false
  }
}

if (isEntryPoint()) {
  // Standard input is opened when first read: `process.stdin` sets up its stream on first access
  // (~4 ms), which a command reading files has no need of.
  const stdin: AsyncIterable<Uint8Array | string> = { [Symbol.asyncIterator]: () => process.stdin[Symbol.asyncIterator]() }
  // A closed pipe on stdout is reported as an 'error' event, not to the write that failed: end the
  // process quietly then, as a tool killed by SIGPIPE would (no stack trace, no message).
  process.stdout.on('error', (error) => {
    if (!isClosedPipe(error)) throw error
    process.exit(CLOSED_PIPE_EXIT_CODE)
  })
  main(process.argv.slice(2), { stdin, stdout: process.stdout, stderr: process.stderr }).then((code) => {
    process.exitCode = code
  })
}
