// No Node.js built-ins here: with the memory index (or any index that runs there) this works in browsers.
import { feedStage, type FeedStreamOptions, type FeedStreamRecord } from './feed-record.js'

/**
 * A WHATWG `TransformStream` over a deduplicator, with the same records as
 * {@link createFeedTransform}. The index is closed when the stream ends (not on
 * `cancel`/`abort`: close `options.index` yourself then).
 *
 * @throws {DedupeError} `E_INVALID_OPTION` at creation for bad options.
 */
export function createFeedStream(options?: FeedStreamOptions | null): TransformStream<unknown, FeedStreamRecord> {
  const stage = feedStage(options)
  return new TransformStream<unknown, FeedStreamRecord>(
    {
      async transform(article, controller) {
        controller.enqueue(await stage.add(article))
      },
      flush: () => stage.close(),
    },
    { highWaterMark: stage.highWaterMark },
    { highWaterMark: 0 },
  )
}
