import type { Options } from '../../options.js'
import { resolveOptions } from '../../options.js'
import { cleanRecord, type CleanStreamRecord } from './clean-record.js'
import { loadLanguageModel } from '../../language/fasttext-model.js'

/**
 * Cleans articles lazily, for `for await` loops: each record is made when it is asked for,
 * from the next article pulled from `articles` (one article read per record; nothing is read
 * ahead). Records as {@link createCleanTransform}: the JSONL record, or
 * `{ id, error: { code, message } }` for an article that cannot be cleaned.
 *
 * @param articles Article objects, from an array, a generator or an async source.
 * @param options `clean()` options, validated at once.
 * @throws {DedupeError} `E_INVALID_OPTION`, `E_UNKNOWN_FORMAT` when called, for bad options.
 * @example
 * for await (const record of cleanAll(readArticles())) await save(record)
 */
export function cleanAll(
  articles: Iterable<unknown> | AsyncIterable<unknown>,
  options?: Options | null,
): AsyncGenerator<CleanStreamRecord, void, undefined> {
  return records(articles, resolveOptions(options))
}

async function* records(articles: Iterable<unknown> | AsyncIterable<unknown>, options?: Options | null): AsyncGenerator<CleanStreamRecord, void, undefined> {
  await loadLanguageModel()
  for await (const article of articles) yield cleanRecord(article, options)
}
