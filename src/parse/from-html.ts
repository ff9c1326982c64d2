/**
 * HTML to paragraphs: parse5 (the HTML standard's parsing algorithm) builds a hast tree
 * ({@link buildHast}: the tree `rehype-parse` gives, in one pass), then the paragraph walk of
 * {@link fromHast} (shared with the rehype plugin).
 *
 * Dropped: comments, `head`, `title`, `script`, `style`, `noscript`, `template`, `iframe`, `svg`,
 * `math`, `object`, `embed`, `canvas`, `textarea`, `select`, and any element with the `hidden`
 * attribute or an inline `display:none` style. The first non-empty `<title>` (wherever the parser
 * put it: a PHP warning printed before `<html>` moves it into the body) is the page's title,
 * metadata rather than a paragraph. Blocks inside `h1`–`h6` are marked `heading`.
 *
 * A page that a browser shows with text never gives no paragraph. When the walk keeps nothing of
 * a page that has text, the page is read again the way a browser with scripts on reads it
 * (`<noscript>` is raw text up to the first `</noscript>`, where parse5 with scripting off lets an
 * unclosed `<div>` inside it swallow the body); if that still keeps nothing, its visible text is
 * read with only `script`, `style`, `template`, `title` and comments dropped. Either way the
 * result says so ({@link HtmlPage.fallback}).
 *
 * Offsets: when a paragraph is the whole content of one block element, its range is the
 * element's (tags included); otherwise (a `<br><br>` piece, text mixed with blocks in a `div`,
 * an element without a source position) it runs from the first to the last of its text nodes.
 *
 * A page whose elements nest deeper than {@link MAX_TREE_DEPTH} levels is parsed again with
 * the tags nested deeper than {@link MAX_HTML_DEPTH} blanked out (replaced by spaces, so offsets
 * stay valid), as when the conversion to hast (recursive, then) overflowed the stack there.
 *
 * @module
 */
import type { Element, ElementContent, Root, RootContent, Text } from 'hast'
import type { SourceBlock } from '../types.js'
import { buildHast } from './build-hast.js'
import { cleanWhitespace } from './clean-whitespace.js'
import { fromHast } from './from-hast.js'
import { DROPPED_ELEMENTS, NEVER_VISIBLE_ELEMENTS } from './html-elements.js'

/** Nesting depth kept when a page is too deeply nested for the parser (see module docs). */
export const MAX_HTML_DEPTH = 400

/** What {@link parseHtmlPage} finds in a page. */
export interface HtmlPage {
  blocks: SourceBlock[]
  /** The first non-empty `<title>`, white space folded; `null` when there is none. */
  title: string | null
  /**
   * `null` when the page was read normally; `'noscript'` when it gave no paragraph until its
   * `<noscript>` elements were read as a browser with scripts on reads them; `'visible-text'`
   * when only reading every element that can show text (hidden ones included) gave paragraphs.
   */
  fallback: null | 'noscript' | 'visible-text'
}

/** Splits an HTML document or fragment into paragraphs; see the module documentation. */
export function parseHtml(input: string): SourceBlock[] {
  return parseHtmlPage(input).blocks
}

/**
 * The tree a page's blocks were read from, for a later stage that works on the same parse
 * (`extractArticle` builds Readability's DOM from it rather than parsing the page again).
 */
export interface HtmlTree {
  /** The parsed page (the page with `<noscript>` blanked out, for the `'noscript'` fallback). */
  tree: Root
  /** For each block of the page, in the same order, the text nodes and `<br>`s it was made of. */
  sources: Array<ReadonlyArray<Text | Element>>
  /** The elements the walk dropped with their content (other than the default: hidden ones were read too). */
  dropped: ReadonlySet<string>
}

/** The walk's blocks with a usable range, as plain source blocks (heading mark kept), and their nodes. */
function collectBlocks(input: string, tree: Root, dropped: ReadonlySet<string>): { blocks: SourceBlock[]; tree: HtmlTree } {
  const blocks: SourceBlock[] = []
  const sources: Array<ReadonlyArray<Text | Element>> = []
  for (const block of fromHast(tree, { input, dropped })) {
    if (block.start >= 0 && block.start < block.end) {
      blocks.push(block.heading ? { text: block.text, start: block.start, end: block.end, heading: true } : { text: block.text, start: block.start, end: block.end })
      sources.push(block.source.nodes)
    }
  }
  return { blocks, tree: { tree, sources, dropped } }
}

/** Splits an HTML document into paragraphs and reads its title; see the module documentation. */
export function parseHtmlPage(input: string): HtmlPage {
  return parseHtmlTree(input).page
}

/** {@link parseHtmlPage}, with the tree its blocks come from. */
export function parseHtmlTree(input: string): { page: HtmlPage; tree: HtmlTree } {
  const tree = parseTree(input)
  const title = findTitle(tree)
  const read = collectBlocks(input, tree, DROPPED_ELEMENTS)
  if (read.blocks.length > 0 || !MAY_HOLD_TEXT.test(input)) return { page: { blocks: read.blocks, title, fallback: null }, tree: read.tree }
  if (NOSCRIPT_TAG.test(input)) {
    const again = collectBlocks(input, parseTree(blankNoscript(input)), DROPPED_ELEMENTS)
    if (again.blocks.length > 0) return { page: { blocks: again.blocks, title, fallback: 'noscript' }, tree: again.tree }
  }
  const visible = collectBlocks(input, tree, NEVER_VISIBLE_ELEMENTS)
  return { page: { blocks: visible.blocks, title, fallback: visible.blocks.length > 0 ? 'visible-text' : null }, tree: visible.tree }
}

/** Some character outside a tag that is not white space: the page may have text to show. */
const MAY_HOLD_TEXT = /(?:^|>)[^<]*[^\s<]/
const NOSCRIPT_TAG = /<noscript/i

/** Text of the first `title` element with text (iterative walk; `svg` titles are tooltips, not the page's). */
function findTitle(tree: Root): string | null {
  const stack: Array<Root | RootContent | ElementContent> = [tree]
  while (stack.length > 0) {
    const node = stack.pop()!
    if (node.type !== 'root' && node.type !== 'element') continue
    if (node.type === 'element') {
      const tag = node.tagName.toLowerCase()
      if (tag === 'svg' || tag === 'template' || tag === 'math') continue
      if (tag === 'title') {
        const text = cleanWhitespace(node.children.map((c) => (c.type === 'text' ? c.value : '')).join(''))
        if (text !== '') return text
        continue
      }
    }
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!)
  }
  return null
}

/**
 * The page with every `<noscript>…</noscript>` replaced by spaces (offsets kept): what a browser
 * with scripts on shows, where noscript content is raw text ending at the first `</noscript>`.
 * Comments and the raw text of `script`/`style` are skipped, so a `<noscript>` written inside
 * them is left alone.
 */
function blankNoscript(html: string): string {
  const lower = html.toLowerCase()
  const out: string[] = []
  let last = 0
  let at = 0
  while (at < html.length) {
    const lt = html.indexOf('<', at)
    if (lt < 0) break
    if (lower.startsWith('<!--', lt)) {
      const close = html.indexOf('-->', lt + 4)
      at = close < 0 ? html.length : close + 3
      continue
    }
    const raw = /^<(script|style|noscript)[\s/>]/.exec(lower.slice(lt, lt + 10))
    if (raw === null) {
      at = lt + 1
      continue
    }
    const name = raw[1]!
    const close = lower.indexOf(`</${name}`, lt + name.length + 1)
    const closeEnd = close < 0 ? html.length : Math.min(html.length, (html.indexOf('>', close) + 1 || html.length))
    if (name === 'noscript') {
      out.push(html.slice(last, lt), ' '.repeat(closeEnd - lt))
      last = closeEnd
    }
    at = closeEnd
  }
  out.push(html.slice(last))
  return out.join('')
}

/**
 * Deepest nesting of elements read as it is. Beyond it the tags nested deeper than
 * {@link MAX_HTML_DEPTH} are blanked out (see the module documentation): the depth at which
 * the conversion of parse5's tree to hast used to overflow Node 20's default stack (`html`, `body` and 1,833 `div`s),
 * now a fixed number, so the same page gives the same paragraphs on any machine.
 */
export const MAX_TREE_DEPTH = 1834

function parseTree(input: string): Root {
  const built = buildHast(input)
  if (built.depth <= MAX_TREE_DEPTH) return built.tree
  const flattened = buildHast(flattenDeepNesting(input, MAX_HTML_DEPTH))
  if (flattened.depth <= MAX_TREE_DEPTH) return flattened.tree
  return buildHast(flattenDeepNesting(input, 0)).tree
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
