import type { CleanResult } from '../types.js'
import { keptParagraphs } from './kept-paragraphs.js'

/** Characters that can start Markdown syntax anywhere in a line (emphasis, links, code, HTML, entities, escapes). */
const INLINE_SYNTAX = /[\\`*_[\]<>|~&]/g
/**
 * What GFM renderers (GitHub, marked, micromark + GFM) turn into a link with no syntax at all:
 * `http://`, `https://` and `ftp://` after a scheme, `www.`, and e-mail addresses. Escaping the
 * `:` before `//`, the `.` after `www` (even inside a word: marked links it there) and every `@`
 * breaks each of these literals; CommonMark renders the escaped character as itself.
 */
const AUTOLINK_LITERAL = /:(?=\/\/)|(?<=www)\.|@/gi
/** What makes a line a heading, quote, list item, thematic break or numbered item. */
const BLOCK_START = /^(#{1,6}(?=\s|$)|>|[-+=]|\d{1,9}(?=[.)]))/

/**
 * Renders a result as Markdown: one paragraph per kept paragraph, blank lines between.
 * Characters that Markdown would read as syntax are backslash-escaped, so the text renders
 * as written and creates no markup under CommonMark or GFM renderers (bare URLs, `www.` and
 * e-mail addresses, which GFM links, included). Markdown has no language attribute: languages are in the
 * JSON output.
 *
 * @param result A `clean()` result.
 */
export function toMarkdown(result: CleanResult): string {
  const blocks = keptParagraphs(result.paragraphs).map(({ text }) =>
    text
      .replace(INLINE_SYNTAX, '\\$&')
      .replace(AUTOLINK_LITERAL, '\\$&')
      .replace(BLOCK_START, (start) => (/^\d/.test(start) ? `${start}\\` : `\\${start}`)),
  )
  return blocks.length === 0 ? '' : `${blocks.join('\n\n')}\n`
}
