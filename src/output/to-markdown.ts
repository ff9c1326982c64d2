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

/** A run of `#` at the end of a heading's text, after white space: an ATX heading's closing sequence. */
const CLOSING_HASHES = /(\s)(#+)\s*$/

/** Options of {@link toMarkdown}. */
export interface ToMarkdownOptions {
  /**
   * The Markdown the result was cleaned from. With it, a kept heading is written as a heading
   * (same level) and a kept list item as a list item (`-`, or its number for an ordered list;
   * nesting is flattened); without it, every block is a paragraph.
   * @default undefined
   */
  source?: string
}

/** The Markdown block a paragraph was read from, found from its offsets in the source. */
type Block = { kind: 'heading'; level: number } | { kind: 'item'; marker: string } | { kind: 'paragraph' }

/** An ATX heading's opening: up to three spaces, one to six `#`, a space. */
const ATX = /^ {0,3}(#{1,6})[ \t]/
/** A setext underline, on the last line of the block. */
const SETEXT = /\n {0,3}(=+|-+)[ \t]*$/
/** What precedes a list item's text on its line: quote markers, indentation, then its marker. */
const ITEM_PREFIX = /^(?:[ \t]*>)*[ \t]*(?:([-*+])|(\d{1,9})[.)])[ \t]+$/

/**
 * What a kept paragraph was in the source. Only a paragraph the parser marked as a heading is
 * one (its level read from its own source); the source's text alone does not say so: an indented
 * or fenced code block, a lazy line under a quote or a list item, and a line behind a no-break
 * space can all look like `# …` or end with `===` without being a heading.
 */
function blockOf(source: string, start: number, end: number, heading: boolean): Block {
  const raw = source.slice(start, end)
  if (heading) {
    const atx = ATX.exec(raw)
    if (atx) return { kind: 'heading', level: atx[1]!.length }
    const setext = SETEXT.exec(raw)
    if (setext) return { kind: 'heading', level: setext[1]!.startsWith('=') ? 1 : 2 }
    return { kind: 'paragraph' }
  }
  const lineStart = source.lastIndexOf('\n', start - 1) + 1
  const item = ITEM_PREFIX.exec(source.slice(lineStart, start))
  if (item) return { kind: 'item', marker: item[2] === undefined ? '-' : `${Number(item[2])}.` }
  return { kind: 'paragraph' }
}

/**
 * Renders a result as Markdown: one block per kept paragraph, blank lines between (list items
 * of one list on consecutive lines). Characters that Markdown would read as syntax are
 * backslash-escaped, so the text renders as written and creates no markup under CommonMark or
 * GFM renderers (bare URLs, `www.` and e-mail addresses, which GFM links, included); the only
 * syntax written is the heading or list marker of a block that was a heading or a list item in
 * `options.source`. Markdown has no language attribute: languages are in the JSON output.
 *
 * @param result A `clean()` result.
 * @param options The Markdown source, to keep headings and lists.
 */
export function toMarkdown(result: CleanResult, options: ToMarkdownOptions = {}): string {
  const source = options.source
  let out = ''
  let previous: Block['kind'] | null = null
  for (const { text, start, end, heading } of keptParagraphs(result.paragraphs)) {
    const escaped = text.replace(INLINE_SYNTAX, '\\$&').replace(AUTOLINK_LITERAL, '\\$&').replace(BLOCK_START, (s) => (/^\d/.test(s) ? `${s}\\` : `\\${s}`))
    const block: Block = source === undefined ? { kind: 'paragraph' } : blockOf(source, start, end, heading === true)
    if (previous !== null) out += previous === 'item' && block.kind === 'item' ? '\n' : '\n\n'
    // A heading is one line: a line break inside it would end it and start a paragraph. A run of
    // `#` ending it after a space would be read as the heading's closing sequence, and dropped.
    if (block.kind === 'heading') out += `${'#'.repeat(block.level)} ${escaped.replace(/\s*\n\s*/g, ' ').replace(CLOSING_HASHES, '$1\\$2')}`
    else if (block.kind === 'item') out += `${block.marker} ${escaped.replace(/\n/g, `\n${' '.repeat(block.marker.length + 1)}`)}`
    else out += escaped
    previous = block.kind
  }
  return out === '' ? '' : `${out}\n`
}
