/**
 * The DOM that Readability reads, built from the hast tree the page's blocks came from, so the
 * page is parsed once (by parse5, the HTML standard's algorithm) and every text node of the DOM
 * is known to belong to one block of the page.
 *
 * Only what Readability's decisions read is built, since building and walking DOM nodes is most
 * of its cost:
 *
 * - elements the paragraph walk drops (`script`, `style`, `svg`, `iframe`, …, and hidden ones:
 *   see `html-elements.ts`) are left out with their content, as are comments and, in `head`,
 *   everything but `title` and `meta`;
 * - white space alone between two block elements (or a block and its parent's edge) is left out:
 *   it is part of no block's text, and Readability skips it;
 * - only the attributes Readability reads are copied (in linkedom an attribute is a node too):
 *   the class names and ids that match one of its patterns, `role`, the `aria-*` it checks,
 *   `itemprop`, `rel`, `lang`, `dir`, a `visibility: hidden` style, the table attributes and
 *   `meta`'s; of a link's address only whether it is an in-page `#` link (which counts less as
 *   link text); no image address (only the images' count is read for the article's text).
 *
 * @module
 */
import type { Element, Root, Text } from 'hast'
import { BLOCK_ELEMENTS, DROPPED_ELEMENTS, isHidden } from './html-elements.js'

/**
 * What the page's markup says of each block, in visible characters (white space left out) of
 * its text: how many are inside a link or button, a `<time>`, a caption, a byline, or an
 * element whose class or id names boilerplate. Indexed by block.
 */
export interface BlockMarks {
  visible: Float64Array
  link: Float64Array
  time: Float64Array
  caption: Float64Array
  byline: Float64Array
  unlikely: Float64Array
}

/** The class-and-id patterns {@link buildDom} marks blocks with (Readability's own, passed in by the one file that imports it). */
export interface MarkPatterns {
  /** A byline or dateline. */
  byline: RegExp
  /** Boilerplate: tested as Readability tests its unlikely candidates (`unlikely` and not `maybe`). */
  unlikely: RegExp
  maybe: RegExp
  /** The patterns Readability tests class names and ids with: a class name or an id matching none of them is not copied. */
  read: readonly RegExp[]
}

/** The few DOM members used to build the document (linkedom's, or a browser's). */
export interface BuildDocument<N> {
  documentElement: N
  head: N
  body: N
  createElement(tag: string): N
  createTextNode(value: string): N
}

/** A node of the built document: what appending and setting attributes needs. */
export interface BuildNode {
  appendChild(child: never): unknown
  setAttribute?(name: string, value: string): void
}

/** hast property names → the attributes Readability reads (hast keeps `class` as `className`, and so on). */
const ATTRIBUTES: ReadonlyMap<string, string> = new Map([
  ['role', 'role'], ['ariaHidden', 'aria-hidden'], ['ariaModal', 'aria-modal'],
  ['itemProp', 'itemprop'], ['rel', 'rel'], ['lang', 'lang'], ['dir', 'dir'], ['colSpan', 'colspan'],
  ['rowSpan', 'rowspan'], ['summary', 'summary'], ['datatable', 'datatable'], ['name', 'name'], ['property', 'property'],
  ['content', 'content'],
])
/** A caption or a credit, by its class or id ("wp-caption-text", "credito-foto", "image-credit"). */
const CAPTION = /caption|credit/i
/** Elements whose text is a link's (interactive) text. */
const LINKS = new Set(['a', 'button'])

/** The one inline style Readability reads that the paragraph walk does not drop already (`display: none`). */
const HIDDEN_VISIBILITY = /visibility\s*:\s*hidden/i
/** What Readability reads of a link's address: an in-page link (`#…`) weighs less as link text (other links carry no address). */
const IN_PAGE_LINK = /^#./
const NOTHING_HIDDEN: ReadonlySet<Element> = new Set()
/** In `head`, what Readability reads: the title and the metadata. */
const HEAD_KEPT = new Set(['title', 'meta'])

/**
 * Builds `document`'s content from `tree` (see the module documentation).
 *
 * @param tree The page's hast tree.
 * @param document An empty document (`<html><head></head><body></body></html>`).
 * @param owners For each text node of `tree` that belongs to a block, the block's index.
 * @param dropped The elements the paragraph walk dropped with their content (any other set than the default also reads hidden elements).
 * @param blocks The number of blocks.
 * @param patterns The class-and-id patterns blocks are marked by.
 * @param hide Elements built with the `hidden` attribute, which Readability leaves out as it leaves out hidden elements (their blocks are marked as usual).
 * @returns For each text node built from one of `owners`, the index of its block.
 */
export function buildDom<N extends BuildNode>(
  tree: Root,
  document: BuildDocument<N>,
  owners: ReadonlyMap<Text, number>,
  dropped: ReadonlySet<string>,
  blocks: number,
  patterns: MarkPatterns,
  hide: ReadonlySet<Element> = NOTHING_HIDDEN,
): { built: Map<N, number>; marks: BlockMarks } {
  const readHidden = dropped !== DROPPED_ELEMENTS
  const built = new Map<N, number>()
  const marks: BlockMarks = {
    visible: new Float64Array(blocks),
    link: new Float64Array(blocks),
    time: new Float64Array(blocks),
    caption: new Float64Array(blocks),
    byline: new Float64Array(blocks),
    unlikely: new Float64Array(blocks),
  }
  const none: Flags = { link: false, time: false, caption: false, byline: -1, unlikely: false }
  // Byline elements (numbered as met): their visible characters, the byline element around each, and the text counted in each per block, settled at the end.
  const bylines: Bylines = { size: [], outer: [], owner: [], element: [], chars: [] }
  // Depth first, in document order: a frame is an element whose children are being placed, `next`
  // the next of them; `depth` is the depth of the element they go into (see DOM_MAX_DEPTH).
  type Frame = { node: Root | Element; into: N; inHead: boolean; pre: boolean; flags: Flags; depth: number; next: number }
  const stack: Frame[] = [{ node: tree, into: document.documentElement, inHead: false, pre: false, flags: none, depth: 1, next: 0 }]
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!
    const { node, into, inHead, pre, flags, depth } = frame
    const children = node.children
    // The frame's children in order, until one is an element to descend into (its frame goes on top).
    for (;;) {
      if (frame.next >= children.length) {
        stack.pop()
        break
      }
      const i = frame.next++
      const child = children[i]!
      if (child.type === 'text') {
        if (!pre && isBlankBetweenBlocks(child, children[i - 1], children[i + 1])) continue
        const text = document.createTextNode(child.value)
        const owner = owners.get(child)
        const n = owner !== undefined || flags.byline >= 0 ? visibleLength(child.value) : 0
        for (let e = flags.byline; e >= 0; e = bylines.outer[e]!) bylines.size[e]! += n
        if (owner !== undefined) {
          built.set(text, owner)
          marks.visible[owner]! += n
          if (flags.link) marks.link[owner]! += n
          if (flags.time) marks.time[owner]! += n
          if (flags.caption) marks.caption[owner]! += n
          if (flags.byline >= 0) {
            bylines.owner.push(owner)
            bylines.element.push(flags.byline)
            bylines.chars.push(n)
          }
          if (flags.unlikely) marks.unlikely[owner]! += n
        }
        into.appendChild(text as never)
        continue
      }
      if (child.type !== 'element') continue // comments, doctype
      const tag = child.tagName.toLowerCase()
      // The parser always makes these three; the empty document has them already.
      if (tag === 'html') {
        stack.push({ node: child, into: document.documentElement, inHead: false, pre, flags, depth: 1, next: 0 })
        break
      }
      if (tag === 'head' || tag === 'body') {
        stack.push({ node: child, into: tag === 'head' ? document.head : document.body, inHead: tag === 'head', pre, flags, depth: 2, next: 0 })
        break
      }
      if (inHead ? !HEAD_KEPT.has(tag) : dropped.has(tag) || (!readHidden && isHidden(child))) continue
      const childFlags = tag === 'title' ? flags : flagsOf(child, tag, flags, patterns, bylines)
      if (depth >= DOM_MAX_DEPTH && !(child.children.length === 0 || (tag === 'a' && !flags.link))) {
        // Too deep: the element is left out, its content placed where it stands (see DOM_MAX_DEPTH).
        stack.push({ node: child, into, inHead, pre: pre || tag === 'pre', flags: childFlags, depth, next: 0 })
        break
      }
      const element = document.createElement(tag)
      copyAttributes(child, element, patterns.read)
      if (hide.has(child)) element.setAttribute?.('hidden', '')
      into.appendChild(element as never)
      if (tag === 'title') {
        // Raw text in the parse: one text node, not part of any block.
        element.appendChild(document.createTextNode(child.children.map((c) => (c.type === 'text' ? c.value : '')).join('')) as never)
        continue
      }
      stack.push({ node: child, into: element, inHead, pre: pre || tag === 'pre', flags: childFlags, depth: depth + 1, next: 0 })
      break
    }
  }
  for (let k = 0; k < bylines.owner.length; k++) {
    if (bylines.size[bylines.element[k]!]! < BYLINE_MAX_LENGTH) marks.byline[bylines.owner[k]!]! += bylines.chars[k]!
  }
  return { built, marks }
}

/**
 * Deepest nesting of elements built (`html` is 1). Past it, only empty elements (`br`, `img`) and
 * links are built, and any other element is left out, its content going into the element at that
 * depth: Readability's cost grows with the cube of the nesting (it measures the text and the
 * links of every element, and of every element around each), and a page of a thousand unclosed
 * `<div>`s took half a minute. Real news pages nest less than 30 deep (28 at most in the 190 of
 * `npm run eval`); the text of every block is built, so each still maps to its page block.
 */
export const DOM_MAX_DEPTH = 64

/**
 * A byline element holds less text than this (visible characters): Readability's own test of a
 * byline (`_isValidByline`, under 100 characters). A bigger element whose class or id says
 * "author" is a section about authors (an author's guidelines page, an author's biography), not
 * a byline, and its lines are not marked as one.
 */
export const BYLINE_MAX_LENGTH = 100

/** The elements that mark a byline, numbered as {@link buildDom} meets them. */
interface Bylines {
  /** Per byline element: its visible characters. */
  size: number[]
  /** Per byline element: the byline element around it, `-1` when none. */
  outer: number[]
  /** Per text node inside one: its block, the innermost byline element around it, its visible characters. */
  owner: number[]
  element: number[]
  chars: number[]
}

/** What an element and its ancestors say of the text inside them. */
interface Flags {
  link: boolean
  time: boolean
  caption: boolean
  /** The innermost byline element around the text (see {@link Bylines}), `-1` when none. */
  byline: number
  unlikely: boolean
}

function flagsOf(element: Element, tag: string, outer: Flags, patterns: MarkPatterns, bylines: Bylines): Flags {
  const props = element.properties
  const className = props.className
  const names = `${Array.isArray(className) ? className.join(' ') : ''} ${typeof props.id === 'string' ? props.id : ''}`
  const named = names.length > 1
  const rel = props.rel
  const itemProp = props.itemProp
  const isByline =
    (named && patterns.byline.test(names)) ||
    (Array.isArray(rel) && rel.includes('author')) ||
    (Array.isArray(itemProp) && itemProp.some((p) => String(p).includes('author')))
  const byline = isByline ? bylines.size.length : outer.byline
  if (isByline) {
    bylines.size.push(0)
    bylines.outer.push(outer.byline)
  }
  const flags: Flags = {
    link: outer.link || LINKS.has(tag),
    time: outer.time || tag === 'time',
    caption: outer.caption || tag === 'figcaption' || (named && CAPTION.test(names)),
    byline,
    unlikely: outer.unlikely || (named && patterns.unlikely.test(names) && !patterns.maybe.test(names)),
  }
  const same = flags.link === outer.link && flags.time === outer.time && flags.caption === outer.caption && flags.byline === outer.byline && flags.unlikely === outer.unlikely
  return same ? outer : flags
}

/** Characters other than white space: what a page block and the article's copy of it share, however spaced. */
export const visibleLength = (text: string): number => {
  let n = 0
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k)
    if (c !== 32 && c !== 9 && c !== 10 && c !== 12 && c !== 13 && c !== 160) n++
  }
  return n
}

function copyAttributes(from: Element, to: BuildNode, read: readonly RegExp[]): void {
  const props = from.properties
  const isRead = (name: string): boolean => read.some((pattern) => pattern.test(name))
  for (const key in props) {
    const value = props[key]
    if (value === undefined || value === null || value === false) continue
    if (key === 'href') {
      if (typeof value === 'string' && IN_PAGE_LINK.test(value)) to.setAttribute?.('href', '#a')
    } else if (key === 'className') {
      const names = Array.isArray(value) ? value.map(String).filter(isRead) : []
      if (names.length > 0) to.setAttribute?.('class', names.join(' '))
    } else if (key === 'id') {
      if (typeof value === 'string' && isRead(value)) to.setAttribute?.('id', value)
    } else if (key === 'style') {
      if (typeof value === 'string' && HIDDEN_VISIBILITY.test(value)) to.setAttribute?.('style', 'visibility: hidden')
    } else {
      const name = ATTRIBUTES.get(key)
      if (name !== undefined) to.setAttribute?.(name, Array.isArray(value) ? value.join(' ') : value === true ? '' : String(value))
    }
  }
}

/** White space alone, with a block element or nothing on either side: in no block's text. */
function isBlankBetweenBlocks(text: Text, before: Root['children'][number] | undefined, after: Root['children'][number] | undefined): boolean {
  return BLANK.test(text.value) && isBlockOrEdge(before) && isBlockOrEdge(after)
}

const BLANK = /^[ \t\n\f\r]*$/

function isBlockOrEdge(node: Root['children'][number] | undefined): boolean {
  return node === undefined || node.type === 'comment' || node.type === 'doctype' || (node.type === 'element' && BLOCK_ELEMENTS.has(node.tagName.toLowerCase()))
}
