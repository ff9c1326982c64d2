/**
 * The parsers behind the formats that need a third-party library (HTML: rehype-parse and
 * parse5; Markdown: remark-parse and micromark; article extraction: Readability and linkedom),
 * handed to the pipeline as one object rather than imported by it. The library's `clean()`
 * passes {@link allParsers} (static imports, so it stays synchronous in every runtime and
 * bundler); the CLI passes what `loadParsers()` imported for the formats its inputs are in, so
 * cleaning a plain-text file never loads them (they are ~0.15 s of a ~0.5 s start-up).
 *
 * @module
 */
import { DedupeError } from '../errors.js'
import type { SourceBlock, Warning } from '../types.js'
import type { ExtractedArticle } from './extract-article.js'
import type { HtmlPage, HtmlTree } from './from-html.js'

/** The parsers of the formats other than plain text (which needs no library). */
export interface FormatParsers {
  /** `parseHtmlTree`: a page's blocks and title, and the tree they were read from. */
  readonly html: (input: string) => { page: HtmlPage; tree: HtmlTree }
  /** `parseMarkdown`: Markdown's blocks (a `markdown-as-text` warning when it is read as text). */
  readonly markdown: (input: string, warnings?: Warning[]) => SourceBlock[]
  /** `extractArticle`: the page's blocks that belong to its article (option `extract`). */
  readonly extract: (blocks: readonly SourceBlock[], title: string | null, tree: HtmlTree) => ExtractedArticle
}

/** Which parsers an input needs: its format, and for HTML whether the article is extracted. */
export function parsersNeeded(format: string, extract: boolean): Array<keyof FormatParsers> {
  if (format === 'html') return extract ? ['html', 'extract'] : ['html']
  // Markdown reads its raw HTML blocks with the HTML parser (see from-mdast.ts).
  if (format === 'markdown') return ['markdown']
  return []
}

/**
 * A parser the caller did not load: a mistake of the caller (the CLI loads what
 * {@link parsersNeeded} says before cleaning), never of the input.
 */
export function missingParser(name: keyof FormatParsers): never {
  throw new DedupeError('E_INTERNAL', `The ${name} parser was not loaded (call loadParsers() with the input's format first)`)
}
