/**
 * The paragraph walk over a hast tree: the one `clean(html)` (through {@link parseHtml}) and
 * the rehype plugin both use, so their paragraphs are the same by construction.
 *
 * The tree is read in document order as a flow of text: block elements (`p`, `li`, `h1`–`h6`,
 * `blockquote`, `td`, `div`, `section`, …; see `html-elements.ts`) open and close paragraphs,
 * inline elements (`a`, `b`, `span`, …) only contribute their text, so nested blocks never yield
 * a paragraph twice (a `blockquote` of `p`s gives the `p`s, an `li` holding a `p` gives one
 * paragraph) and text written directly in a `div` becomes a paragraph of its own. Two or more
 * consecutive `<br>` (white space and comments between allowed) split a paragraph; a single
 * `<br>` is a space. Dropped elements (`script`, `style`, …) and hidden ones are skipped with
 * their content.
 *
 * The walk is iterative (any nesting depth).
 *
 * @module
 */
import type { Element, ElementContent, Parents, Root, RootContent, Text } from 'hast'
import { hasVisibleText } from '../text/invisible.js'
import type { SourceBlock } from '../types.js'
import { cleanWhitespace, tightenRange, type Piece } from './clean-whitespace.js'
import { BLOCK_ELEMENTS, DROPPED_ELEMENTS, HEADING_ELEMENTS, isHidden } from './html-elements.js'

/** Where a paragraph of a hast tree came from. */
export interface HastSource {
  /**
   * The block element when the paragraph is all of its content (nothing else closed a
   * paragraph inside it), else `null`: a run of text beside blocks, or a piece of a
   * `<br><br>`-split paragraph.
   */
  element: Element | null
  /** Text nodes and `<br>` elements making up the paragraph, in order. */
  nodes: Array<Text | Element>
  /**
   * For a run started by a `<br><br>` split: the `<br>` elements and blank text between the
   * previous paragraph (a run too) and this one. Empty otherwise.
   */
  gap: Array<Text | Element>
}

/**
 * A paragraph found by a walk, with where it came from: `source` (the nodes) and `pieces`
 * (its raw text, piece by piece, to trace a character of `text` back to its node; `null`
 * where the text cannot be edited in place).
 */
export interface Block<S> extends SourceBlock {
  source: S
  pieces: Array<Piece<Text>> | null
}

/** Options of {@link fromHast}. */
export interface FromHastOptions {
  /**
   * The source string the tree was parsed from. With it, offsets are trimmed of blank
   * characters and kept inside it; without it, they are the tree's positions as they are.
   */
  input?: string
  /** Filled with the parent of every element and text node visited. */
  parents?: Map<Element | Text, Parents>
  /**
   * Elements dropped with their content. Any other set than the default also reads hidden
   * elements (the visible-text fallback of `parseHtmlPage`). @default DROPPED_ELEMENTS
   */
  dropped?: ReadonlySet<string>
}

/**
 * Splits a hast tree into paragraphs; see the module documentation.
 *
 * Offsets: when a paragraph is the whole content of one block element, its range is the
 * element's (tags included); otherwise (a `<br><br>` piece, text mixed with blocks in a `div`,
 * an element without a source position) it runs from the first to the last of its visible
 * text nodes. `-1` when the nodes have no position.
 *
 * @returns The non-empty paragraphs in document order.
 */
export function fromHast(tree: Root, options: FromHastOptions = {}): Array<Block<HastSource>> {
  const { input, parents } = options
  const dropped = options.dropped ?? DROPPED_ELEMENTS
  const readHidden = dropped !== DROPPED_ELEMENTS
  const walk = new Walk(input)

  // The walk's stack as three parallel arrays (no object per node): the node, its parent, and
  // -1 to visit the node, or (for an element's exit) the number of paragraphs closed at its entry.
  const nodeStack: Array<RootContent | ElementContent> = []
  const parentStack: Parents[] = []
  const exitStack: number[] = []
  for (let i = tree.children.length - 1; i >= 0; i--) {
    nodeStack.push(tree.children[i]!)
    parentStack.push(tree)
    exitStack.push(-1)
  }

  while (nodeStack.length > 0) {
    const node = nodeStack.pop()!
    const parent = parentStack.pop()!
    const flushesAtEntry = exitStack.pop()!
    if (flushesAtEntry >= 0) {
      const element = node as Element
      // Whole element as one paragraph when nothing was closed since it opened.
      walk.flush(walk.flushes === flushesAtEntry ? element : null)
      // Only a heading open can be this one (its entry counted it): no tag lookup below none.
      if (walk.headingDepth > 0 && HEADING_ELEMENTS.has(element.tagName.toLowerCase())) walk.headingDepth--
      continue
    }
    if (node.type === 'text') {
      parents?.set(node, parent)
      walk.addText(node)
      continue
    }
    if (node.type !== 'element') continue // comments, doctype
    parents?.set(node, parent)
    const tag = node.tagName.toLowerCase()
    if (dropped.has(tag) || (!readHidden && isHidden(node))) continue
    if (tag === 'br') {
      walk.addBreak(node)
      continue
    }
    if (BLOCK_ELEMENTS.has(tag)) {
      walk.flush(null)
      nodeStack.push(node)
      parentStack.push(parent)
      exitStack.push(walk.flushes)
      if (HEADING_ELEMENTS.has(tag)) walk.headingDepth++
    } else if (tag === 'wbr') {
      continue
    }
    const children = node.children
    for (let i = children.length - 1; i >= 0; i--) {
      nodeStack.push(children[i]!)
      parentStack.push(node)
      exitStack.push(-1)
    }
  }
  walk.flush(null)
  return walk.blocks
}

/**
 * The state of one {@link fromHast} walk: the paragraphs closed so far and the one being read.
 * A class rather than closures over locals: four closures made per call (and, under tsx, each
 * also named at run time) were a per-page cost of the HTML path.
 */
class Walk {
  readonly blocks: Array<Block<HastSource>> = []
  /** How many h1–h6 elements are open: a block closed inside one is a heading. */
  headingDepth = 0
  /** The current paragraph: raw text pieces, its nodes and the range of its visible text nodes. */
  pieces: Array<Piece<Text>> = []
  nodes: Array<Text | Element> = []
  gap: Array<Text | Element> = []
  hasText = false
  /**
   * Blank text nodes met while the paragraph holds nothing else (most often the line break
   * between two blocks): kept here, in an array reused for the whole walk, until something else
   * comes (then they open the paragraph's pieces, as they came) or the paragraph closes empty
   * (then they are dropped, and the paragraph's arrays were never touched). Only the first
   * {@link blankCount} entries are the paragraph's.
   */
  readonly blanks: Text[] = []
  blankCount = 0
  runStart = -1
  runEnd = -1
  brCount = 0
  /** Number of paragraphs closed so far (empty ones not counted). */
  flushes = 0

  constructor(readonly input: string | undefined) {}

  reset(): void {
    this.pieces = []
    this.nodes = []
    this.gap = []
    this.hasText = false
    this.runStart = -1
    this.runEnd = -1
  }

  flush(element: Element | null): void {
    this.brCount = 0
    this.blankCount = 0
    if (!this.hasText) {
      // Nothing was handed out; a block element's entry and exit flush an empty paragraph
      // (nested blocks: most flushes), which keeps its empty arrays rather than making three more.
      if (this.pieces.length > 0 || this.nodes.length > 0 || this.gap.length > 0) this.reset()
      return
    }
    const text = cleanWhitespace(joinPieces(this.pieces))
    if (text !== '') {
      const [start, end] = rangeOf(element, this.runStart, this.runEnd, this.input)
      const block: Block<HastSource> = { text, start, end, source: { element, nodes: this.nodes, gap: this.gap }, pieces: this.pieces }
      if (this.headingDepth > 0) block.heading = true
      this.blocks.push(block)
    }
    this.flushes++
    this.reset()
  }

  /** Ends the paragraph at a `<br><br>`; its trailing `<br>`s and blank text become the next run's `gap`. */
  splitAtBreaks(): void {
    const nodes = this.nodes
    let cut = nodes.length
    while (cut > 0 && !isVisibleText(nodes[cut - 1]!)) cut--
    const separators = nodes.splice(cut)
    const before = this.blocks.length
    this.flush(null)
    if (this.blocks.length > before) this.gap = separators
  }

  /** A `<br>`: a space of the paragraph, and one more towards a `<br><br>` split. */
  addBreak(node: Element): void {
    this.takeBlanks()
    this.brCount++
    this.pieces.push({ node: null, value: ' ' })
    this.nodes.push(node)
  }

  /** The blank text nodes held back ({@link blanks}) into the paragraph's pieces, in their order. */
  takeBlanks(): void {
    for (let k = 0; k < this.blankCount; k++) {
      const blank = this.blanks[k]!
      this.pieces.push({ node: blank, value: blank.value })
      this.nodes.push(blank)
    }
    this.blankCount = 0
  }

  addText(node: Text): void {
    const value = node.value
    if (!hasVisibleText(value)) {
      if (value === '') return
      if (this.pieces.length === 0 && this.nodes.length === 0) {
        this.blanks[this.blankCount++] = node
        return
      }
      this.pieces.push({ node, value })
      this.nodes.push(node)
      return
    }
    this.takeBlanks()
    if (this.brCount >= 2) this.splitAtBreaks()
    this.brCount = 0
    this.pieces.push({ node, value })
    this.nodes.push(node)
    this.hasText = true
    const s = node.position?.start.offset
    const e = node.position?.end?.offset
    if (s !== undefined && e !== undefined) {
      if (this.runStart < 0 || s < this.runStart) this.runStart = s
      if (e > this.runEnd) this.runEnd = e
    }
  }
}

/** The pieces' values, joined (most paragraphs are one text node: its value as it is). */
function joinPieces(pieces: ReadonlyArray<Piece<Text>>): string {
  if (pieces.length === 1) return pieces[0]!.value
  let text = ''
  for (const piece of pieces) text += piece.value
  return text
}

function isVisibleText(node: Text | Element): boolean {
  return node.type === 'text' && hasVisibleText(node.value)
}

/** The element's range when it covers the run of text (or the run has none), else the run's, trimmed. */
function rangeOf(element: Element | null, runStart: number, runEnd: number, input: string | undefined): [number, number] {
  let start = runStart
  let end = runEnd
  const pos = element?.position
  const elStart = pos?.start.offset
  const elEnd = pos?.end?.offset
  if (elStart !== undefined && elEnd !== undefined && elEnd > elStart && (start < 0 || (elStart <= start && elEnd >= end))) {
    start = elStart
    end = elEnd
  } else if (start >= 0 && input !== undefined) {
    ;[start, end] = tightenRange(input, start, end)
  }
  // parse5 may place an end one past the input when it stops inside a tag at end of file.
  if (input !== undefined) end = Math.min(end, input.length)
  return [start, end]
}
