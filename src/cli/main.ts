#!/usr/bin/env node
import { realpathSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { CliIo } from './clean-command.js'
import { UsageError } from './clean-flags.js'

// The commands are imported when run, so that each loads only what it needs (the feed command
// its stores and XML reader, review its renderer) and `--help` loads no pipeline at all.
const help = (cleanHelp: string): string => `Usage: news-dedup <command> [options]

Commands:
  clean [FILE...]   clean articles one by one (text, HTML, Markdown or JSONL)
  feed [FILE...|DIR|-]  a stream of articles: copies of earlier articles and site
                    boilerplate too, with a persistent index (SQLite, Redis)
  review [FILE...] -o report.html [--feed]
                    one self-contained HTML page showing what was removed and why

Run \`news-dedup <command> --help\` for a command's options.

${cleanHelp}`

/**
 * The CLI: dispatches to a command and turns its outcome into an exit code
 * (0 ok, 1 some record failed, 2 bad usage). The only place that catches errors.
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
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.stdout.write(help((await import('./clean-command.js')).CLEAN_HELP))
        return command === undefined ? 2 : 0
      default:
        throw new UsageError(`Unknown command \`${command}\`: expected clean, feed or review`)
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`news-dedup: ${error.message}\nRun \`news-dedup --help\` for usage.\n`)
      return 2
    }
    io.stderr.write(`news-dedup: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
    return 1
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
  main(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }).then((code) => {
    process.exitCode = code
  })
}
