import { Transform } from 'node:stream'
import { resolveOptions } from '../../options.js'
import { cleanRecord, type StreamOptions } from './clean-record.js'
import { loadLanguageModel } from '../../language/fasttext-model.js'

/**
 * A Node.js object-mode `Transform` that cleans articles: write article objects
 * (`{ id?, text | html | markdown, ...fields }`), read their JSONL records
 * (`toRecord(clean(article), article)`, the lines of `news-dedup clean --from jsonl`),
 * or `{ id, error: { code, message } }` (the CLI's error line without `line`) for an article
 * that cannot be cleaned. One record per
 * article, in order; a bad article never ends the stream.
 *
 * Back-pressure: standard `Transform` semantics with `highWaterMark` objects (default 1) on
 * each side, so while the reader does not read, about `2 × highWaterMark + 1`
 * articles are held (measured: 3 with the default, 9 with 4, counting one in the source's
 * own buffer) and the writer (or `pipeline` source) is paused.
 *
 * @param options `clean()` options and `highWaterMark`.
 * @throws {DedupeError} `E_INVALID_OPTION`, `E_UNKNOWN_FORMAT` at creation for bad options.
 * @example
 * await pipeline(Readable.from(articles), createCleanTransform(), sink)
 */
export function createCleanTransform(options?: StreamOptions | null): Transform {
  // Resolved once, so a bad option throws here rather than once per article.
  const rest = resolveOptions(options, { sections: ['stream'] })
  const { highWaterMark } = rest.stream
  return new Transform({
    objectMode: true,
    highWaterMark,
    transform(article: unknown, _encoding, callback) {
      loadLanguageModel().then(() => callback(null, cleanRecord(article, rest)), callback)
    },
  })
}
