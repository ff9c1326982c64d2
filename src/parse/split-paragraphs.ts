import { resolveOptions, type Options } from '../options.js'
import { guessFormat, parseInput } from './parse-input.js'
import type { SourceBlock } from '../types.js'

/**
 * The first stage of `clean()` on its own: splits an article into paragraphs with their
 * offsets in the input. Plain text, HTML and Markdown; the format is guessed when not given.
 *
 * @param input The article.
 * @param options `format` and `split` are read.
 * @returns Non-empty paragraphs in order: `{ text, start, end }`, and `heading: true` on headings
 *   (HTML `h1`–`h6`, Markdown headings, the one-line title that opens a plain text).
 * @example splitParagraphs('Un.\n\nDeux.') // [{ text: 'Un.', start: 0, end: 3, heading: true }, { text: 'Deux.', start: 5, end: 10 }]
 */
export function splitParagraphs(input: string, options?: Pick<Options, 'format' | 'split'>): SourceBlock[] {
  const resolved = resolveOptions(options)
  return parseInput(input, resolved.format ?? guessFormat(null, input), resolved.split)
}
