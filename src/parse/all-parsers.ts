/**
 * Every format parser and charset library, imported statically: what the library's `clean()`
 * uses, so it is synchronous and works unchanged in Node, browsers and bundlers (see
 * `format-parsers.ts`).
 *
 * @module
 */
import { allCharsets } from './all-charsets.js'
import { extractArticle } from './extract-article.js'
import type { FormatParsers } from './format-parsers.js'
import { parseHtmlTree } from './from-html.js'
import { parseMarkdown } from './from-markdown.js'

/** The HTML, Markdown and extraction parsers and the charset libraries, all loaded. */
export const allParsers: FormatParsers = Object.freeze({ html: parseHtmlTree, markdown: parseMarkdown, extract: extractArticle, ...allCharsets })
