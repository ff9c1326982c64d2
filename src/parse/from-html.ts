/**
 * HTML to paragraphs, with `rehype-parse` (parse5, the HTML standard's parsing algorithm),
 * then the paragraph walk of {@link fromHast} (shared with the rehype plugin).
 *
 * Dropped: comments, `head`, `script`, `style`, `noscript`, `template`, `iframe`, `svg`,
 * `math`, `object`, `embed`, `canvas`, `textarea`, `select`, and any element with the `hidden`
 * attribute or an inline `display:none` style.
 *
 * Offsets: when a paragraph is the whole content of one block element, its range is the
 * element's (tags included); otherwise (a `<br><br>` piece, text mixed with blocks in a `div`,
 * an element without a source position) it runs from the first to the last of its text nodes.
 *
 * parse5 itself copes with any nesting, but the conversion to hast
 * recurses and overflows the stack beyond ~2,000 levels; on such input the tags nested deeper
 * than {@link MAX_HTML_DEPTH} are blanked out (replaced by spaces, so offsets stay valid) and
 * the page is parsed again.
 *
 * @module
 */
import type { Root } from 'hast'
import rehypeParse from 'rehype-parse'
import { unified } from 'unified'
import type { SourceBlock } from '../types.js'
import { fromHast } from './from-hast.js'

/** Nesting depth kept when a page is too deeply nested for the parser (see module docs). */
export const MAX_HTML_DEPTH = 400

/** Splits an HTML document or fragment into paragraphs; see the module documentation. */
export function parseHtml(input: string): SourceBlock[] {
  const blocks: SourceBlock[] = []
  for (const block of fromHast(parseTree(input), { input })) {
    if (block.start >= 0 && block.start < block.end) blocks.push({ text: block.text, start: block.start, end: block.end })
  }
  return blocks
}

function parseTree(input: string): Root {
  const processor = unified().use(rehypeParse)
  try {
    return processor.parse(input)
  } catch (error) {
    if (!(error instanceof RangeError)) throw error
  }
  try {
    return processor.parse(flattenDeepNesting(input, MAX_HTML_DEPTH))
  } catch (error) {
    if (!(error instanceof RangeError)) throw error
  }
  return processor.parse(flattenDeepNesting(input, 0))
}

const VOID = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr',
  'basefont', 'bgsound', 'frame', 'keygen', 'image',
])
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'plaintext'])
const SELF_CLOSING_SIBLINGS = new Set(['p', 'li', 'dt', 'dd', 'option', 'tr', 'td', 'th'])
// A tag without `>` runs to the end of the input (keeps the scan linear).
const MARKUP = /<!--[\s\S]*?(?:-->|$)|<(\/?)([a-zA-Z][^\s/>]*)[^>]*(?:>|$)/g

/**
 * Blanks out (replaces with spaces, keeping every offset) the tags nested deeper than
 * `maxDepth`, by a rough tag scan; raw-text elements (`script`, `style`, …) past the limit are
 * blanked with their content. Only used when the parser cannot cope with the real nesting.
 */
function flattenDeepNesting(html: string, maxDepth: number): string {
  const out: string[] = []
  const open: string[] = []
  const suppressed = new Map<string, number>()
  let last = 0
  let lower: string | null = null
  const blank = (from: number, to: number): void => {
    out.push(html.slice(last, from), ' '.repeat(to - from))
    last = to
  }
  MARKUP.lastIndex = 0
  let m: RegExpExecArray | null
  while ((m = MARKUP.exec(html)) !== null) {
    const whole = m[0]
    const name = m[2]?.toLowerCase()
    if (name === undefined) {
      if (maxDepth === 0) blank(m.index, m.index + whole.length)
      continue
    }
    const end = m.index + whole.length
    if (m[1] === '/') {
      const n = suppressed.get(name) ?? 0
      if (n > 0) {
        suppressed.set(name, n - 1)
        blank(m.index, end)
      } else {
        const at = open.lastIndexOf(name)
        if (at >= 0) open.length = at
      }
      continue
    }
    if (RAW_TEXT.has(name)) {
      lower ??= html.toLowerCase()
      const close = lower.indexOf(`</${name}`, end)
      const closeEnd = close < 0 ? html.length : Math.max(html.indexOf('>', close) + 1, close + name.length + 2)
      if (open.length >= maxDepth) blank(m.index, Math.min(closeEnd, html.length))
      MARKUP.lastIndex = Math.min(closeEnd, html.length)
      continue
    }
    if (VOID.has(name) || whole.endsWith('/>')) {
      if (maxDepth === 0) blank(m.index, end)
      continue
    }
    if (SELF_CLOSING_SIBLINGS.has(name) && open[open.length - 1] === name) open.pop()
    if (open.length >= maxDepth) {
      suppressed.set(name, (suppressed.get(name) ?? 0) + 1)
      blank(m.index, end)
    } else {
      open.push(name)
    }
  }
  out.push(html.slice(last))
  return out.join('')
}
