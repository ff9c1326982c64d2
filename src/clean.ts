import { cleanWith, type ArticleInput } from './clean-with.js'
import type { Options } from './options.js'
import { allParsers } from './parse/all-parsers.js'
import type { CleanResult } from './types.js'

export { runStages } from './clean-with.js'
export type { ArticleInput }

/**
 * Cleans one article: splits it into paragraphs, flags the ones that repeat earlier material
 * (and sentences repeated inside kept paragraphs), tags every paragraph and the article with
 * its language, and builds the cleaned text.
 *
 * Synchronous and pure: the same input and options give the same result, byte for byte.
 *
 * @param input The article: a string (format from `options.format`, else guessed), bytes (a `Uint8Array` or `Buffer`,
 *   decoded as a browser would: see `decodeBytes`), or `{ text | html | markdown, contentType?, charset? }` (string or bytes).
 * @param options Thresholds and restrictions; see {@link Options}. Defaults in `defaultOptions`.
 * @returns Paragraphs with verdicts and languages, repeated passages, and the cleaned text.
 * @throws {DedupeError} `E_INVALID_OPTION`, `E_UNKNOWN_FORMAT`, `E_INVALID_INPUT` (not text, or unpaired UTF-16 surrogates), `E_BINARY_INPUT`; `E_LANGUAGE_MODEL` until `await loadLanguageModel()` has resolved.
 * @example
 * const result = clean('Le chat dort.\n\nLe chat dort.')
 * result.text // 'Le chat dort.'
 * result.paragraphs[1].duplicate // { kind: 'exact', of: 0, similarity: 1 }
 */
export function clean(input: string | Uint8Array | ArticleInput, options?: Options | null): CleanResult {
  // Every parser, imported statically: synchronous in any runtime or bundler. (The CLI calls
  // cleanWith() with the parsers its inputs need, imported when one arrives.)
  return cleanWith(allParsers, input, options)
}
