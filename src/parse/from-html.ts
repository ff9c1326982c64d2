/**
 * HTML to paragraphs, with `rehype-parse` (parse5, the HTML standard's parsing algorithm).
 *
 * The tree is read in document order as a flow of text: block elements (`p`, `li`, `h1`–`h6`,
 * `blockquote`, `td`, `div`, `section`, …) open and close paragraphs, inline elements (`a`, `b`,
 * `span`, …) only contribute their text, so nested blocks never yield a paragraph twice (a
 * `blockquote` of `p`s gives the `p`s, an `li` holding a `p` gives one paragraph) and text
 * written directly in a `div` becomes a paragraph of its own. Two or more consecutive `<br>`
 * (white space and comments between allowed) split a paragraph; a single `<br>` is a space.
 *
 * Dropped: comments, `head`, `script`, `style`, `noscript`, `template`, `iframe`, `svg`,
 * `math`, `object`, `embed`, `canvas`, `textarea`, `select`, and any element with the `hidden`
 * attribute or an inline `display:none` style.
 *
 * Offsets: when a paragraph is the whole content of one block element, its range is the
 * element's (tags included); otherwise (a `<br><br>` piece, text mixed with blocks in a `div`,
 * an element without a source position) it runs from the first to the last of its text nodes.
 *
 * The walk is iterative. parse5 itself copes with any nesting, but the conversion to hast
 * recurses and overflows the stack beyond ~2,000 levels; on such input the tags nested deeper
 * than {@link MAX_HTML_DEPTH} are blanked out (replaced by spaces, so offsets stay valid) and
 * the page is parsed again.
 *
 * @module
 */
import type { Element, ElementContent, Root, RootContent, Text } from 'hast'
import rehypeParse from 'rehype-parse'
import { unified } from 'unified'
import type { SourceBlock } from '../types.js'
import { cleanWhitespace, tightenRange } from './clean-whitespace.js'

/** Nesting depth kept when a page is too deeply nested for the parser (see module docs). */
export const MAX_HTML_DEPTH = 400

/** Elements whose boundaries end a paragraph. */
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'dir', 'div',
  'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header',
  'hgroup', 'hr', 'html', 'legend', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table',
  'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'col', 'colgroup', 'frameset', 'frame', 'listing', 'plaintext',
  'xmp', 'search', 'option', 'optgroup',
])

/** Elements dropped with everything inside them. */
const DROPPED = new Set([
  'head', 'script', 'style', 'noscript', 'template', 'iframe', 'svg', 'math', 'object', 'embed', 'canvas', 'textarea',
  'select', 'audio', 'video', 'noembed', 'noframes',
])

const DISPLAY_NONE = /display\s*:\s*none/i

/** Splits an HTML document or fragment into paragraphs; see the module documentation. */
export function parseHtml(input: string): SourceBlock[] {
  return collectBlocks(input, parseTree(input))
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

type Frame = { node: RootContent | ElementContent; exit: false } | { node: Element; exit: true; flushesAtEntry: number }

function collectBlocks(input: string, tree: Root): SourceBlock[] {
  const blocks: SourceBlock[] = []
  // The current paragraph: raw text pieces and the range of its text nodes.
  let pieces: string[] = []
  let hasText = false
  let runStart = -1
  let runEnd = -1
  let brCount = 0
  // Number of paragraphs closed so far (empty ones not counted).
  let flushes = 0

  const reset = (): void => {
    pieces = []
    hasText = false
    runStart = -1
    runEnd = -1
  }

  const flush = (element: Element | null): void => {
    brCount = 0
    if (!hasText) {
      reset()
      return
    }
    const text = cleanWhitespace(pieces.join(''))
    if (text !== '') {
      let start = runStart
      let end = runEnd
      const pos = element?.position
      const elStart = pos?.start.offset
      const elEnd = pos?.end?.offset
      if (elStart !== undefined && elEnd !== undefined && elEnd > elStart && (start < 0 || (elStart <= start && elEnd >= end))) {
        start = elStart
        end = elEnd
      } else if (start >= 0) {
        ;[start, end] = tightenRange(input, start, end)
      }
      // parse5 may place an end one past the input when it stops inside a tag at end of file.
      end = Math.min(end, input.length)
      if (start >= 0 && start < end) blocks.push({ text, start, end })
    }
    flushes++
    reset()
  }

  const addText = (node: Text): void => {
    const value = node.value
    if (!/[^\s\u200B\u2060\uFEFF\u00AD]/.test(value)) {
      if (value !== '') pieces.push(value)
      return
    }
    if (brCount >= 2) flush(null)
    brCount = 0
    pieces.push(value)
    hasText = true
    const s = node.position?.start.offset
    const e = node.position?.end?.offset
    if (s !== undefined && e !== undefined) {
      if (runStart < 0 || s < runStart) runStart = s
      if (e > runEnd) runEnd = e
    }
  }

  const stack: Frame[] = []
  for (let i = tree.children.length - 1; i >= 0; i--) stack.push({ node: tree.children[i]!, exit: false })

  while (stack.length > 0) {
    const frame = stack.pop()!
    if (frame.exit) {
      // Whole element as one paragraph when nothing was closed since it opened.
      flush(flushes === frame.flushesAtEntry ? frame.node : null)
      continue
    }
    const node = frame.node
    if (node.type === 'text') {
      addText(node)
      continue
    }
    if (node.type !== 'element') continue // comments, doctype
    const tag = node.tagName.toLowerCase()
    if (DROPPED.has(tag) || isHidden(node)) continue
    if (tag === 'br') {
      brCount++
      pieces.push(' ')
      continue
    }
    const children = node.children
    if (BLOCK.has(tag)) {
      flush(null)
      stack.push({ node, exit: true, flushesAtEntry: flushes })
    } else if (tag === 'wbr') {
      continue
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, exit: false })
  }
  flush(null)
  return blocks
}

function isHidden(node: Element): boolean {
  const props = node.properties
  if (props.hidden !== undefined && props.hidden !== false && props.hidden !== null) return true
  const style = props.style
  return typeof style === 'string' && DISPLAY_NONE.test(style)
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
