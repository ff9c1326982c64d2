/**
 * The parsers and decoders behind the formats that need a third-party library (HTML:
 * parse5; Markdown: remark-parse and micromark; article extraction: Readability
 * and linkedom; bytes: html-encoding-sniffer's `<meta>` prescan and label table, jschardet, the
 * legacy decoders of @exodus/bytes), handed to the pipeline as one object rather than imported
 * by it. The library's `clean()` passes `allParsers` (static imports, so it stays synchronous in
 * every runtime and bundler); the CLI passes what `loadParsers()` imported for its inputs, so
 * cleaning a UTF-8 plain-text file loads none of them (they are ~0.2 s of a ~0.5 s start-up).
 *
 * @module
 */
import { DedupeError } from '../errors.js'
import type { SourceBlock, Warning } from '../types.js'
import type { ByteTextDecoder } from './create-text-decoder.js'
import type { ExtractedArticle } from './extract-article.js'
import type { HtmlPage, HtmlTree } from './from-html.js'
import { guessFormat } from './guess-format.js'
import { hasMeta } from './index-of-meta.js'

/** The parsers of the formats other than plain text, and the charset libraries of bytes other than UTF-8. */
export interface FormatParsers {
  /** `parseHtmlTree`: a page's blocks and title, and the tree they were read from. */
  readonly html: (input: string) => { page: HtmlPage; tree: HtmlTree }
  /** `parseMarkdown`: Markdown's blocks (a `markdown-as-text` warning when it is read as text). */
  readonly markdown: (input: string, warnings?: Warning[]) => SourceBlock[]
  /** `extractArticle`: the page's blocks that belong to its article (option `extract`). */
  readonly extract: (blocks: readonly SourceBlock[], title: string | null, tree: HtmlTree) => ExtractedArticle
  /** `prescanMetaCharset`: the encoding a page's `<meta>` declares. */
  readonly metaCharset: (bytes: Uint8Array) => string | null
  /** `encodingForLabel`: the encoding a charset label names (the Encoding standard's table). */
  readonly encodingForLabel: (label: string) => string | null
  /** `detectCharset`: the encoding of undeclared bytes that are not UTF-8. */
  readonly detectCharset: (bytes: Uint8Array) => string | null
  /** `createTextDecoder`: a decoder of any encoding of the standard. */
  readonly textDecoder: (encoding: string) => ByteTextDecoder | null
}

/** The name of one of the {@link FormatParsers}. */
export type ParserName = keyof FormatParsers

/**
 * The parsers an input is sure to need, from its format as `clean()` decides it (`options.format`,
 * the article's field, or guessed from a string): HTML needs the parser (with `extract`,
 * Readability too) and, for bytes with a `<meta` where the prescan reads, the prescan (a string
 * is decoded already; bytes without one are decoded without it); Markdown its parser. Bytes of no
 * given format, and the charset libraries that only some bytes need, are left to
 * {@link missingParserOf}: decoding asks.
 */
export function parsersNeeded(input: unknown, options: { format?: string | undefined; extract?: boolean | undefined } = {}): ParserName[] {
  const format = formatOf(input, options.format)
  if (format === 'html') {
    const names: ParserName[] = ['html']
    const bytes = input instanceof Uint8Array ? input : (input as { html?: unknown } | null)?.html
    if (bytes instanceof Uint8Array && hasMeta(bytes)) names.push('metaCharset')
    if (options.extract === true) names.push('extract')
    return names
  }
  if (format === 'markdown') return ['markdown']
  return []
}

/** The format `clean()` reads `input` in (as its `readInput` decides), `undefined` for bytes of no given format. */
function formatOf(input: unknown, format: string | undefined): string | undefined {
  if (typeof input === 'string') return format ?? guessFormat(null, input)
  if (input === null || typeof input !== 'object' || input instanceof Uint8Array) return format
  const article = input as Record<string, unknown>
  if (article.text !== undefined) return format ?? 'text'
  if (article.html !== undefined) return 'html'
  if (article.markdown !== undefined) return 'markdown'
  return format
}

/** The `cause` of the error a parser not loaded throws: which one it is. */
interface MissingParser {
  readonly missingParser: ParserName
}

/**
 * A stand-in for a parser not loaded: throws `E_INTERNAL` naming it. The CLI catches it, loads
 * that parser and cleans the input again (clean() is pure, so running it again is safe).
 */
export function missingParser(name: ParserName): never {
  const cause: MissingParser = { missingParser: name }
  throw new DedupeError('E_INTERNAL', `The ${name} parser was not loaded (loadParsers() loads it)`, { cause })
}

/** The parser a {@link missingParser} error names, `null` for any other error. */
export function missingParserOf(error: unknown): ParserName | null {
  if (!(error instanceof DedupeError) || error.code !== 'E_INTERNAL') return null
  const cause = error.cause as Partial<MissingParser> | undefined
  return typeof cause?.missingParser === 'string' ? cause.missingParser : null
}
