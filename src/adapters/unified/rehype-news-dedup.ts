/**
 * `rehypeNewsDedup`: the detection of `clean()` run on a hast tree.
 *
 * **Paragraphs** are found exactly as `clean()` finds them in HTML (`src/parse/from-html.ts`),
 * so paragraph numbers and verdicts match `clean(html)`: the tree is read in document order as
 * a flow of text; block elements (`p`, `li`, `h1`–`h6`, `blockquote`, `figcaption`, `td`/`th`,
 * `pre`, `dd`/`dt`, `div`, `section`, …) open and close paragraphs, inline elements only give
 * their text; `script`, `style`, `template`, `svg`, … and elements with `hidden` or an inline
 * `display:none` are skipped; two `<br>` in a row split a paragraph. When that finds nothing in
 * a page with text, the plugin falls back as `clean()` does: to the visible text, hidden
 * elements included (those paragraphs are nodes of the tree, removed or marked as usual), or,
 * for a page swallowed by an unclosed element inside `<noscript>`, to the file's source read as a
 * browser with scripts on reads it (those paragraphs are no nodes of the tree: their repeats are
 * reported, and nothing is removed or marked).
 *
 * A paragraph is either a **whole element** (a block element holding no other paragraph, the
 * usual case) or a **run of text** (text written beside blocks in a `div`, a piece of a
 * `<br><br>`-split paragraph). In `remove` mode a repeated whole element is removed (a `td`/`th`
 * is emptied instead, to keep the table's shape), a repeated run loses its text nodes (and the
 * inline elements left empty) and the `<br>`s that split it from its neighbours, so no dangling
 * breaks are left. In `mark` mode a whole element gets `dataNewsDedup` (kind) and
 * `dataNewsDedupOf` (0-based index of the paragraph it repeats); a run cannot carry attributes
 * and is only reported.
 *
 * **Languages.** `lang` is set (replacing any) on the root container: the `<html>` element when
 * there is one; otherwise, when the tree's top level is one element (blank text, comments and
 * doctype aside), that element (`<article>`, `<body>`, `<div>`…); otherwise, there being no
 * container and the plugin never adding an element, on every top-level element that holds a
 * paragraph. Then every whole-element paragraph left in the tree (kept, or marked in `mark` mode)
 * whose language differs from the article's gets its own `lang`. `und` (unknown) is never written.
 *
 * @module
 */
import type { Element, ElementContent, Parents, Root, RootContent, Text } from 'hast'
import type { Point, Position } from 'unist'
import type { VFile } from 'vfile'
import { fromHast, type Block, type HastSource } from '../../parse/from-hast.js'
import { parseHtmlPage } from '../../parse/from-html.js'
import { BLOCK_ELEMENTS, NEVER_VISIBLE_ELEMENTS } from '../../parse/html-elements.js'
import type { SourceBlock } from '../../types.js'
import { firstVisibleIndex, hasVisibleText, lastVisibleIndex } from '../../text/invisible.js'
import { cutSentences } from './cut-sentences.js'
import { reportDuplicate, reportSentence, type Outcome } from './messages.js'
import type { NewsDedupPluginOptions } from './options.js'
import { createPluginTransform, removeFromParents, type NewsDedupParagraph } from './report.js'

/** Whole-element paragraphs emptied rather than removed: removing them would shift the table's columns. */
const EMPTIED = new Set(['td', 'th'])
/** Never removed: a document's structure. Their paragraphs are handled as runs of text. */
const STRUCTURAL = new Set(['html', 'body'])

/**
 * One paragraph found in the tree, as the walk gives it, with `element` narrowed to a block
 * element that can be removed or marked (`null` for `html`/`body`, handled as runs of text).
 */
interface HastBlock {
  text: string
  element: Element | null
  pieces: Array<{ node: Text | null; value: string }>
  nodes: Array<Text | Element>
  gap: Array<Text | Element>
}

/** Why a paragraph read from the page's source (see {@link blocksOf}) is only reported. */
const FROM_SOURCE = "the tree held no paragraph, so it was read from the page's source as clean() reads it, and is no node of the tree"

/** A paragraph read from the page's source, not from the tree: nothing in the tree to remove or mark. */
function sourceOnlyBlock(block: SourceBlock): HastBlock {
  return { text: block.text, element: null, pieces: [], nodes: [], gap: [] }
}

/**
 * The paragraphs of the tree as `clean()` reads the same page (`parseHtmlPage`): the walk's;
 * when it finds none in a page with text, what `clean()` falls back to. The visible-text
 * fallback walks this tree again, hidden elements included (so its paragraphs are nodes); the
 * noscript one reads the source again as a browser with scripts on does (`fromSource`: the
 * paragraphs are reported, and no node of this tree stands for them).
 */
function blocksOf(tree: Root, file: VFile, parents: Map<Element | Text, Parents>): { found: SourceBlock[]; fromSource: boolean } {
  const found = fromHast(tree, { parents })
  if (found.length > 0) return { found, fromSource: false }
  const source = typeof file.value === 'string' ? file.value : undefined
  const page = source === undefined ? null : parseHtmlPage(source)
  const fallback = page === null ? 'visible-text' : page.fallback
  if (page !== null && fallback === 'noscript') return { found: page.blocks, fromSource: true }
  if (fallback === 'visible-text') return { found: fromHast(tree, { parents, dropped: NEVER_VISIBLE_ELEMENTS }), fromSource: false }
  return { found, fromSource: false }
}

function toHastBlock(block: Block<HastSource>): HastBlock {
  const { element, nodes, gap } = block.source
  const whole = element !== null && !STRUCTURAL.has(element.tagName.toLowerCase()) ? element : null
  return { text: block.text, element: whole, pieces: block.pieces ?? [], nodes, gap }
}

/**
 * A rehype plugin that finds repeated paragraphs and sentences in an HTML tree (the detection
 * of `clean()`), removes or marks them, sets `lang`, reports every finding as a message on the
 * file (`ruleId` `exact-duplicate`, `near-duplicate`, `contained-duplicate` or
 * `repeated-sentence`, `source` `news-dedup`) and puts the whole report on
 * `file.data.newsDedup`. See the module documentation for what counts as a paragraph and
 * where `lang` goes.
 *
 * @param options `clean()`'s `detect` and `language` options, and `mode` (`'remove'` by default).
 * @throws {DedupeError} `E_INVALID_OPTION` for a bad option (when the processor is frozen).
 * @example
 * const file = await unified().use(rehypeParse, { fragment: true }).use(rehypeNewsDedup).use(rehypeStringify).process(html)
 * String(file)                  // the HTML without its repeated paragraphs
 * file.messages                 // one message per repeat found
 */
export function rehypeNewsDedup(options?: NewsDedupPluginOptions | null) {
  return createPluginTransform<Root>(options, (tree, file, mode, report) => {
    const parents = new Map<Element | Text, Parents>()
    const { found, fromSource } = blocksOf(tree, file, parents)
    const blocks = fromSource ? found.map(sourceOnlyBlock) : (found as Array<Block<HastSource>>).map(toHastBlock)
    const result = report(found)

    setRootLanguage(tree, blocks, parents, result.language)
    const isRemoved = (k: number): boolean => mode === 'remove' && result.paragraphs[k]!.duplicate !== null
    const removed = new Set<Element | Text>()
    result.paragraphs.forEach((paragraph, k) => {
      const block = blocks[k]!
      if (!isRemoved(k)) setOwnLanguage(block, paragraph, result.language)
      if (paragraph.duplicate === null) {
        handleSentences(file, block, paragraph, mode === 'remove' && !fromSource, fromSource ? `not cut: ${FROM_SOURCE}` : 'marked, not cut')
        return
      }
      let outcome: Outcome
      if (fromSource) {
        outcome = { done: false, why: `not ${mode === 'mark' ? 'marked' : 'removed'}: ${FROM_SOURCE}` }
      } else if (mode === 'mark') {
        if (block.element) {
          block.element.properties.dataNewsDedup = paragraph.duplicate.kind
          block.element.properties.dataNewsDedupOf = paragraph.duplicate.of
          outcome = { done: false, why: 'marked, not removed' }
        } else {
          outcome = { done: false, why: 'not marked: it is text beside other blocks, not an element of its own' }
        }
      } else if (block.element && EMPTIED.has(block.element.tagName)) {
        block.element.children = []
        outcome = { done: true }
      } else if (block.element) {
        removed.add(block.element)
        outcome = { done: true }
      } else {
        for (const node of block.nodes) removed.add(node)
        for (const node of separatorsOf(blocks, k, isRemoved)) removed.add(node)
        outcome = { done: true }
      }
      reportDuplicate(file, paragraph, placeOf(block), outcome)
    })
    removeNodes(removed, parents)
  })
}

export default rehypeNewsDedup

/** `lang` on a whole-element paragraph whose language differs from the article's (`und` never written). */
function setOwnLanguage(block: HastBlock, paragraph: NewsDedupParagraph, articleLanguage: string): void {
  if (block.element && paragraph.language !== articleLanguage && paragraph.language !== 'und') {
    block.element.properties.lang = paragraph.language
  }
}

/**
 * The `<br>`s (and blank text) to remove with the removed run `k` of a `<br><br>`-split
 * paragraph: the gaps back to the previous kept run of the split or, when there is none, the
 * gaps up to the next kept run, so the kept runs stay separated by one gap and none dangles.
 * (A run's own trailing `<br>`s, not followed by another run, are among its `nodes`.)
 */
function separatorsOf(blocks: readonly HastBlock[], k: number, isRemoved: (k: number) => boolean): Array<Text | Element> {
  const back: Array<Text | Element> = []
  for (let j = k; blocks[j]!.gap.length > 0; j--) {
    back.push(...blocks[j]!.gap)
    if (!isRemoved(j - 1)) return back
  }
  const forward: Array<Text | Element> = []
  for (let j = k + 1; j < blocks.length && blocks[j]!.gap.length > 0; j++) {
    forward.push(...blocks[j]!.gap)
    if (!isRemoved(j)) return forward
  }
  return forward
}

/** Reports the repeated sentences of a kept paragraph, cut when `cut`, else with `why` they are not. */
function handleSentences(file: VFile, block: HastBlock, paragraph: NewsDedupParagraph, cut: boolean, why: string): void {
  const sentences = paragraph.repeatedSentences
  if (sentences.length === 0) return
  const outcomes: Outcome[] = cut
    ? cutSentences(paragraph.text, block.pieces, sentences)
    : sentences.map(() => ({ done: false, why }))
  sentences.forEach((sentence, k) => reportSentence(file, paragraph, sentence, placeOf(block), outcomes[k]!))
}

/**
 * The element's position, or for a run the span of its text: from its first to its last
 * visible character (the blank text around it, often line breaks, left out).
 */
function placeOf(block: HastBlock): Position | undefined {
  if (block.element?.position) return block.element.position
  const texts = block.nodes.filter((n): n is Text => n.type === 'text' && n.position !== undefined && hasVisibleText(n.value))
  const first = texts[0]
  const last = texts[texts.length - 1]
  if (!first?.position || !last?.position) return undefined
  const start = firstVisibleIndex(first.value)
  const end = lastVisibleIndex(last.value) + 1
  return { start: pointAt(first.value, first.position.start, start), end: pointAt(last.value, last.position.start, end) }
}

/**
 * The point `index` characters into a text node that starts at `start`, counting lines. Exact
 * when the source spells those characters as they are (no character references before `index`).
 */
function pointAt(value: string, start: Point, index: number): Point {
  const before = value.slice(0, index)
  const lines = before.split(/\r?\n|\r/)
  const line = start.line + lines.length - 1
  const column = lines.length === 1 ? start.column + index : lines[lines.length - 1]!.length + 1
  return start.offset === undefined ? { line, column } : { line, column, offset: start.offset + index }
}

/** See the module documentation: `<html>`, else the single top-level element, else each top-level element holding a paragraph. */
function setRootLanguage(tree: Root, blocks: readonly HastBlock[], parents: ReadonlyMap<Element | Text, Parents>, language: string): void {
  if (language === 'und' || blocks.length === 0) return
  const top = tree.children.filter((n): n is Element => n.type === 'element')
  const html = top.find((n) => n.tagName.toLowerCase() === 'html')
  const looseText = tree.children.some((n) => n.type === 'text' && hasVisibleText(n.value))
  if (html) {
    html.properties.lang = language
  } else if (top.length === 1 && !looseText) {
    top[0]!.properties.lang = language
  } else {
    for (const block of blocks) {
      const first = block.element ?? block.nodes.find((n) => n.type === 'text')
      const topElement = first && topLevelOf(first, tree, parents)
      if (topElement) topElement.properties.lang = language
    }
  }
}

/** The top-level element holding `node`, itself when it is one; `null` for top-level text. */
function topLevelOf(node: Element | Text, tree: Root, parents: ReadonlyMap<Element | Text, Parents>): Element | null {
  let current: Element | Text = node
  for (;;) {
    const parent = parents.get(current)
    if (parent === undefined) return null
    if (parent === tree) return current.type === 'element' ? current : null
    if (parent.type !== 'element') return null
    current = parent
  }
}

/**
 * Removes nodes from their parents in one pass per parent, then the inline elements left
 * empty by it; a blank text node left next to another blank one is dropped too, so removed
 * blocks leave no piles of blank lines (except inside `pre`).
 */
function removeNodes(removed: Set<Element | Text>, parents: Map<Element | Text, Parents>): void {
  removeFromParents<Element | Text, Parents>(removed, parents, (parent) => {
    const before = parent.children.length
    const keepBlank = parent.type === 'element' && parent.tagName.toLowerCase() === 'pre'
    const kept: Array<RootContent | ElementContent> = []
    let afterRemoved = false
    for (const child of parent.children) {
      if ((child.type === 'element' || child.type === 'text') && removed.has(child)) {
        afterRemoved = true
        continue
      }
      const previous = kept[kept.length - 1]
      if (afterRemoved && !keepBlank && isBlank(child) && (previous === undefined || isBlank(previous))) continue
      afterRemoved = false
      kept.push(child)
    }
    parent.children = kept as typeof parent.children
    return (
      parent.type === 'element' &&
      before > 0 &&
      !parent.children.some((c) => c.type !== 'text' || hasVisibleText(c.value)) &&
      !BLOCK_ELEMENTS.has(parent.tagName.toLowerCase())
    )
  })
}

function isBlank(node: RootContent | ElementContent): boolean {
  return node.type === 'text' && !hasVisibleText(node.value)
}
