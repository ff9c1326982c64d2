/**
 * One input string, in a known format, to paragraphs, with the parsers given by the caller
 * (see `format-parsers.ts`: the library passes them all, the CLI those it loaded).
 *
 * @module
 */
import { DedupeError } from '../errors.js'
import type { InputFormat, SourceBlock, Warning } from '../types.js'
import type { FormatParsers } from './format-parsers.js'
import type { HtmlTree } from './from-html.js'
import { parseText } from './from-text.js'
import { defaultOptions, type ResolvedSplitOptions } from '../options.js'

/** What {@link parseDocument} reads from an input: its blocks, and for a page its title. */
export interface ParsedDocument {
  blocks: SourceBlock[]
  /** The page's `<title>` (HTML only), `null` when there is none. */
  title: string | null
  /** HTML only: the tree the blocks were read from (for `extractArticle`). */
  tree?: HtmlTree
}

const FALLBACK_MESSAGES = {
  noscript:
    'The markup gave no paragraph: an unclosed element inside <noscript> held the whole page; it was read as a browser with scripts on reads it.',
  'visible-text': "The markup gave no paragraph: the page's visible text was read instead, hidden elements included.",
} as const

/**
 * Splits `input` into paragraphs with the parser of `format`, and reads a page's title; adds a
 * `visible-text-fallback` warning to `warnings` when the page's markup gave no paragraph and its
 * visible text was read instead (see `parseHtmlPage`).
 *
 * @param parsers The HTML and Markdown parsers (plain text needs none).
 * @param input The whole article, as given by the caller (offsets refer to it).
 * @param format `'text'`, `'html'` or `'markdown'`.
 * @param options Line-break handling of plain text.
 * @param warnings Receives what the caller should know (Markdown read as plain text).
 * @throws {DedupeError} `E_UNKNOWN_FORMAT` for any other format.
 */
export function parseDocument(
  parsers: FormatParsers,
  input: string,
  format: InputFormat,
  options: ResolvedSplitOptions = defaultOptions.split,
  warnings?: Warning[],
): ParsedDocument {
  switch (format) {
    case 'html': {
      const { page, tree } = parsers.html(input)
      if (page.fallback !== null) warnings?.push({ code: 'visible-text-fallback', message: FALLBACK_MESSAGES[page.fallback] })
      return { blocks: page.blocks, title: page.title, tree }
    }
    case 'markdown':
      return { blocks: parsers.markdown(input, warnings), title: null }
    case 'text':
      return { blocks: parseText(input, options), title: null }
    default:
      throw new DedupeError('E_UNKNOWN_FORMAT', `Expected \`format\` to be text, html or markdown, not \`${String(format)}\``)
  }
}
