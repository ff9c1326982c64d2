/**
 * Entry point of the parsers: one input string, in a known or guessed format, to paragraphs,
 * every parser loaded (see `parse-document.ts` for the same with the caller's parsers).
 *
 * @module
 */
import type { InputFormat, SourceBlock, Warning } from '../types.js'
import { allParsers } from './all-parsers.js'
import { defaultOptions, type ResolvedSplitOptions } from '../options.js'
import { parseDocument } from './parse-document.js'

export { formatOfFileName, guessFormat } from './guess-format.js'
export type { ParsedDocument } from './parse-document.js'

/** Options of {@link parseInput} (resolved); only plain text uses them. */
export type ParseInputOptions = ResolvedSplitOptions

/**
 * Splits `input` into paragraphs with the parser of `format`.
 *
 * @param input - the whole article, as given by the caller (offsets refer to it)
 * @param format - `'text'`, `'html'` or `'markdown'`
 * @param options - line-break handling of plain text (see {@link TextSplitOptions})
 * @param warnings - receives what the caller should know (Markdown read as plain text)
 * @returns the non-empty paragraphs in input order, with UTF-16 offsets into `input`
 */
export function parseInput(input: string, format: InputFormat, options: ParseInputOptions = defaultOptions.split, warnings?: Warning[]): SourceBlock[] {
  return parseDocument(allParsers, input, format, options, warnings).blocks
}
