/**
 * Entry point of the parsers: one input string, in a known or guessed format, to paragraphs.
 *
 * @module
 */
import { DedupeError } from '../errors.js'
import type { InputFormat, SourceBlock, Warning } from '../types.js'
import { parseHtmlTree, type HtmlTree } from './from-html.js'
import { parseMarkdown } from './from-markdown.js'
import { defaultOptions, type ResolvedSplitOptions } from '../options.js'
import { parseText } from './from-text.js'

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
  return parseDocument(input, format, options, warnings).blocks
}

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
 * {@link parseInput} with the page's title, and a `visible-text-fallback` warning (added to
 * `warnings`) when the page's markup gave no paragraph and its visible text was read instead
 * (see `parseHtmlPage`).
 */
export function parseDocument(input: string, format: InputFormat, options: ParseInputOptions = defaultOptions.split, warnings?: Warning[]): ParsedDocument {
  switch (format) {
    case 'html': {
      const { page, tree } = parseHtmlTree(input)
      if (page.fallback !== null) warnings?.push({ code: 'visible-text-fallback', message: FALLBACK_MESSAGES[page.fallback] })
      return { blocks: page.blocks, title: page.title, tree }
    }
    case 'markdown':
      return { blocks: parseMarkdown(input, warnings), title: null }
    case 'text':
      return { blocks: parseText(input, options), title: null }
    default:
      throw new DedupeError('E_UNKNOWN_FORMAT', `Expected \`format\` to be text, html or markdown, not \`${String(format)}\``)
  }
}

const EXTENSIONS: ReadonlyArray<[RegExp, InputFormat]> = [
  [/\.(?:x?html?|xht)$/i, 'html'],
  [/\.(?:md|markdown|mdown|mkd|mkdn)$/i, 'markdown'],
  [/\.(?:txt|text)$/i, 'text'],
]

/** Starts like markup: optional BOM / white space, then `<` and a tag name, `!` (doctype, comment), `?` or `/`. */
const STARTS_WITH_TAG = /^[\s\uFEFF]*<[a-zA-Z!?/]/
/** Holds a paragraph, division or document element tag. */
const HAS_BLOCK_TAG = /<(?:p|div|html|body|br|article)[\s>/]/i

/**
 * The format a file name's extension names (`.html`/`.htm` → html, `.md`/`.markdown` →
 * markdown, `.txt` → text), or `undefined` when it names none.
 */
export function formatOfFileName(fileName: string): InputFormat | undefined {
  const name = fileName.split(/[?#]/)[0] ?? fileName
  for (const [pattern, format] of EXTENSIONS) if (pattern.test(name)) return format
  return undefined
}

/**
 * Guesses the format of an input: by file extension first (`.html`/`.htm` → html,
 * `.md`/`.markdown` → markdown, `.txt` → text), otherwise by sniffing the text: it starts
 * with a tag or holds a `<p`, `<div`, `<html`, `<body`, `<br` or `<article` tag → html.
 * Everything else is text (Markdown is never guessed from content: plain text read as Markdown
 * would lose its line-per-paragraph structure).
 *
 * @param fileName - file name or path, or `null` when the input has none (stdin)
 * @param text - the input itself (only its first 64 KiB are looked at)
 */
export function guessFormat(fileName: string | null, text: string): InputFormat {
  const named = fileName === null ? undefined : formatOfFileName(fileName)
  if (named !== undefined) return named
  const head = text.length > 65536 ? text.slice(0, 65536) : text
  if (STARTS_WITH_TAG.test(head) || HAS_BLOCK_TAG.test(head)) return 'html'
  return 'text'
}
