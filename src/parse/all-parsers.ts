/**
 * Every format parser, imported statically: what the library's `clean()` uses, so it is
 * synchronous and works unchanged in Node, browsers and bundlers (see `format-parsers.ts`).
 *
 * @module
 */
import { extractArticle } from './extract-article.js'
import type { FormatParsers } from './format-parsers.js'
import { parseHtmlTree } from './from-html.js'
import { parseMarkdown } from './from-markdown.js'

/** The HTML, Markdown and extraction parsers, all loaded. */
export const allParsers: FormatParsers = Object.freeze({ html: parseHtmlTree, markdown: parseMarkdown, extract: extractArticle })
