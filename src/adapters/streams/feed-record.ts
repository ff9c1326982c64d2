import { DedupeError } from '../../errors.js'
import { createDeduplicator } from '../../feed/create-deduplicator.js'
import type { DeduplicatorOptions } from '../../feed/feed-options.js'
import type { Article, FeedResult } from '../../feed/types.js'
import { resolveOptions } from '../../options.js'
import { errorRecord, type StreamErrorRecord } from './clean-record.js'

/** Options of the feed streams: the deduplicator's options plus the size of the streams' buffers (default 1). */
export interface FeedStreamOptions extends DeduplicatorOptions {
  highWaterMark?: number
}

/** One output of the feed streams: a {@link FeedResult}, or an error record. */
export type FeedStreamRecord = FeedResult | StreamErrorRecord

/**
 * A deduplicator whose `add` never rejects (a failure becomes an error record) and whose
 * `close` runs once, however many times it is called.
 * @internal
 */
export function feedStage(options: FeedStreamOptions | null | undefined): {
  highWaterMark: number
  add(article: unknown): Promise<FeedStreamRecord>
  close(): Promise<void>
} {
  // Every section checked at once (an unknown key gets its did-you-mean among all of them);
  // the deduplicator takes the rest, its index and clock included.
  const { highWaterMark } = resolveOptions(options, { sections: ['stream', 'feed'] }).stream
  const { highWaterMark: _highWaterMark, ...rest } = options ?? {}
  const dedup = createDeduplicator(rest)
  let closing: Promise<void> | null = null
  return {
    highWaterMark,
    async add(article) {
      if (article === null || typeof article !== 'object' || Array.isArray(article)) {
        return errorRecord(null, new DedupeError('E_INVALID_RECORD', 'Expected an article object'))
      }
      try {
        return await dedup.add(article as Article)
      } catch (error) {
        return errorRecord((article as Article).id ?? null, error)
      }
    },
    close: () => (closing ??= dedup.close()),
  }
}
