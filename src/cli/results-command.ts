import { once } from 'node:events'
import { openRedisQueue } from '../queue/redis-queue.js'
import { HELP_FLAG } from './clean-flags.js'
import type { FeedIo } from './feed-command.js'
import { flagHelp, parseFlags, type FlagTable } from './parse-flags.js'
import { OUTPUT_STREAM_FLAG, QUEUE_FLAGS, queueUrl } from './queue-flags.js'

/** The flags of `news-dedup results`. */
export const RESULTS_FLAGS = {
  queue: QUEUE_FLAGS.queue,
  ...OUTPUT_STREAM_FLAG,
  'drop-duplicates': { type: 'boolean', help: 'print only originals and error records, as\n`feed --drop-duplicates` does' },
  delete: { type: 'boolean', help: 'delete each result from the stream once printed, so the\nnext run prints only newer ones' },
  ...HELP_FLAG,
} as const satisfies FlagTable

const USAGE = `Usage: news-dedup results --queue redis://... [options]

Prints the output stream of \`news-dedup worker\` as JSON Lines on stdout, oldest first: one line per input
record, the line \`feed\` writes for it (in arrival order unless the workers ran with --any-order).

Options:
${flagHelp(RESULTS_FLAGS)}
Exit code: 0, 2 on usage errors or a queue that cannot be reached.`

/** Results read per XRANGE. */
const PAGE = 1000

/** `news-dedup results`: the output stream as JSONL, from its start to the last result there now. */
export async function runResults(argv: string[], io: FeedIo): Promise<number> {
  const { values } = parseFlags(argv, RESULTS_FLAGS)
  if (values.help) {
    io.stdout.write(USAGE + '\n')
    return 0
  }
  const queue = await openRedisQueue(queueUrl(values.queue), values['output-stream'] === undefined ? {} : { outputStream: values['output-stream'] })
  try {
    for (let after = '0'; ; ) {
      const page = await queue.results(after, PAGE)
      if (page.length === 0) break
      let text = ''
      for (const result of page) if (!(values['drop-duplicates'] && result.duplicate === true)) text += `${result.line}\n`
      // Written before deleted: a run cut off in between prints those results again, never loses them.
      if (text !== '' && !io.stdout.write(text)) await once(io.stdout, 'drain')
      if (values.delete) await queue.deleteResults(page.map((r) => r.resultId))
      after = (page[page.length - 1] as { resultId: string }).resultId
    }
  } finally {
    await queue.close()
  }
  return 0
}
