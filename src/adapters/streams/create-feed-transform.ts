import { Transform } from 'node:stream'
import { feedStage, type FeedStreamOptions } from './feed-record.js'

/**
 * A Node.js object-mode `Transform` over a deduplicator (`createDeduplicator(options)`, the
 * code path of `news-dedup feed`): article objects in, {@link FeedResult}s out, one per
 * article in order, or `{ id, error: { code, message } }` for an article that fails (the
 * stream goes on). The index (`options.index`, memory by default) is closed when the stream
 * ends or is destroyed. Back-pressure as {@link createCleanTransform} (`highWaterMark`, default 1).
 *
 * @throws {DedupeError} `E_INVALID_OPTION` at creation for bad options.
 */
export function createFeedTransform(options?: FeedStreamOptions | null): Transform {
  const stage = feedStage(options)
  return new Transform({
    objectMode: true,
    highWaterMark: stage.highWaterMark,
    transform(article: unknown, _encoding, callback) {
      stage.add(article).then((record) => callback(null, record), callback)
    },
    flush(callback) {
      stage.close().then(() => callback(), callback)
    },
    destroy(error, callback) {
      stage.close().then(
        () => callback(error),
        (closeError: Error) => callback(error ?? closeError),
      )
    },
  })
}
