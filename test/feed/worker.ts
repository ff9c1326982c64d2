/**
 * A feed worker for the multi-process tests:
 * `node --import tsx worker.ts INDEX INPUT.jsonl OUTPUT.jsonl [DELAY_MS] [START_AT_MS] [COMMIT_DELAY_MS]`.
 * Adds every article of INPUT to the index and appends each result to OUTPUT as it goes.
 * START_AT_MS (epoch) lines workers up; COMMIT_DELAY_MS widens the window between reading
 * the index and writing to it, so racing workers really overlap.
 */
import { appendFileSync, readFileSync } from 'node:fs'
import { createDeduplicator } from '../../src/feed/create-deduplicator.js'
import { openIndex } from '../../src/stores/open-index.js'
import { createRedisIndex } from '../../src/stores/redis.js'
import type { FeedIndex } from '../../src/feed/types.js'

const [spec, input, output, delay, startAt, commitDelay] = process.argv.slice(2)
if (!spec || !input || !output) throw new Error('usage: worker.ts INDEX INPUT OUTPUT [DELAY_MS] [START_AT_MS] [COMMIT_DELAY_MS]')
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const wait = Number(delay ?? 0)
const slow = Number(commitDelay ?? 0)
// NEWS_DEDUP_TEST_PREFIX: the key prefix of the test's Redis keys (which it deletes after).
const prefix = process.env.NEWS_DEDUP_TEST_PREFIX
const inner = prefix !== undefined && /^rediss?:/.test(spec) ? createRedisIndex(spec, { prefix }) : openIndex(spec)
const index: FeedIndex =
  slow > 0
    ? {
        ...inner,
        kind: inner.kind,
        begin: async (id) => {
          const session = await inner.begin(id)
          return {
            stored: session.stored,
            clock: session.clock,
            fingerprints: (f, s) => session.fingerprints(f, s),
            candidates: (b) => session.candidates(b),
            articles: (ids) => session.articles(ids),
            commit: async (record) => {
              await sleep(slow)
              return session.commit(record)
            },
            release: () => session.release(),
          }
        },
      }
    : inner
const dedup = createDeduplicator({ index })
const lines = readFileSync(input, 'utf8').split('\n').filter((l) => l.trim() !== '')
if (startAt) await sleep(Math.max(0, Number(startAt) - Date.now()))
for (const line of lines) {
  const result = await dedup.add(JSON.parse(line))
  appendFileSync(output, JSON.stringify(result) + '\n')
  if (wait > 0) await sleep(wait)
}
await dedup.close()
