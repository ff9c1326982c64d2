import { encodeEntry, type EntryFields } from '../queue/entry-codec.js'
import { openRedisQueue } from '../queue/redis-queue.js'
import { HELP_FLAG, oneOf, reportWarnings } from './clean-flags.js'
import { FEED_FROM, inputRecords, type FeedIo, type ReadStats } from './feed-command.js'
import { flagHelp, parseFlags, type FlagTable } from './parse-flags.js'
import { QUEUE_FLAGS, queueUrl } from './queue-flags.js'

/** The flags of `news-dedup enqueue`. */
export const ENQUEUE_FLAGS = {
  ...QUEUE_FLAGS,
  from: {
    type: 'string',
    value: 'FORMAT',
    help: 'jsonl | xml | warc | html | text | markdown: how to read\nfiles and stdin, as `feed --from` (default: from the\nextension, else from the first bytes)',
  },
  ...HELP_FLAG,
} as const satisfies FlagTable

const USAGE = `Usage: news-dedup enqueue [FILE... | DIR | -] --queue redis://... [options]

Reads articles as \`feed\` reads them (JSONL, RSS/Atom XML, WARC, a directory of .html files, text or Markdown
files; stdin when no file or "-") and appends them to a Redis stream, one entry per record, numbered in
arrival order; \`news-dedup worker\` judges them. A record that cannot be read is queued too, so that its error
line comes out with the others: one result per input record.

Options:
${flagHelp(ENQUEUE_FLAGS)}
Exit code: 0 when every record was queued, 2 on usage errors or a queue that cannot be reached.`

/** Entries appended per script call, and most bytes per call (a WARC page can be large). */
const APPEND_ENTRIES = 128
const APPEND_BYTES = 4 * 1024 * 1024

/**
 * `news-dedup enqueue`: appends every input record to the queue's stream with the arrival time
 * `feed` would give it. A summary goes to stderr.
 *
 * @returns The exit code: 0, or 2 on a usage error (thrown, reported by `main`).
 */
export async function runEnqueue(argv: string[], io: FeedIo): Promise<number> {
  const { values, positionals } = parseFlags(argv, ENQUEUE_FLAGS)
  if (values.help) {
    io.stdout.write(USAGE + '\n')
    return 0
  }
  const url = queueUrl(values.queue)
  const from = oneOf('--from', values.from, FEED_FROM)
  const queue = await openRedisQueue(url, values.stream === undefined ? {} : { stream: values.stream })
  const read: ReadStats = { bytes: 0, warcSkipped: 0, warn: (source, warning) => reportWarnings(io.stderr, source, [warning]) }
  const started = Date.now()
  let records = 0
  let unreadable = 0
  try {
    let batch: EntryFields[] = []
    let bytes = 0
    for await (const record of inputRecords(positionals, io.stdin, from, read)) {
      const fields = encodeEntry(record, Date.now())
      records++
      if ('error' in record) unreadable++
      batch.push(fields)
      for (const f of fields) bytes += f.length
      if (batch.length >= APPEND_ENTRIES || bytes >= APPEND_BYTES) {
        await queue.append(batch)
        batch = []
        bytes = 0
      }
    }
    await queue.append(batch)
  } finally {
    await queue.close()
  }
  const seconds = (Date.now() - started) / 1000
  io.stderr.write(
    `enqueue: ${records} records (${unreadable} unreadable, queued as error records)` +
      `${read.warcSkipped > 0 ? `, ${read.warcSkipped} WARC records skipped (not HTML responses)` : ''} to ${queue.stream} in ${seconds.toFixed(1)} s\n`,
  )
  return 0
}
