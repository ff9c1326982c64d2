// No Node.js built-ins here: this module runs in browsers, Deno and workers too.
import { resolveOptions } from '../../options.js'
import { cleanRecord, type CleanStreamRecord, type StreamOptions } from './clean-record.js'
import { loadLanguageModel } from '../../language/fasttext-model.js'

/**
 * A WHATWG `TransformStream` that cleans articles, with the same records as
 * {@link createCleanTransform}: article objects in, JSONL-shaped records (or
 * `{ id, error: { code, message } }`) out, one per article, in order.
 *
 * Back-pressure: the writable side queues `highWaterMark` articles (default 1) and the
 * readable side none beyond the record waiting to be read, so `pipeThrough` stops pulling
 * from its source while the reader does not read.
 *
 * @param options `clean()` options and `highWaterMark`.
 * @throws {DedupeError} `E_INVALID_OPTION`, `E_UNKNOWN_FORMAT` at creation for bad options.
 * @example
 * const records = articles.pipeThrough(createCleanStream())
 * for await (const record of records) console.log(record.id)
 */
export function createCleanStream(options?: StreamOptions | null): TransformStream<unknown, CleanStreamRecord> {
  // Resolved once, so a bad option throws here rather than once per article.
  const rest = resolveOptions(options, { sections: ['stream'] })
  const { highWaterMark } = rest.stream
  return new TransformStream<unknown, CleanStreamRecord>(
    {
      start: () => loadLanguageModel(),
      transform(article, controller) {
        controller.enqueue(cleanRecord(article, rest))
      },
    },
    { highWaterMark },
    { highWaterMark: 0 },
  )
}
