/**
 * Markdown to paragraphs, with `remark-parse` (CommonMark), then the paragraph walk of
 * {@link fromMdast} (shared with the remark plugin): each paragraph, heading, code block and
 * table cell is a block, inline formatting reduced to its text, block HTML read with
 * `parseHtml`.
 *
 * Offsets come from the mdast positions. The walk is iterative; if the parser itself overflows
 * the stack on pathological nesting, the input is read as plain text instead.
 *
 * @module
 */
import type { Root } from 'mdast'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import type { SourceBlock } from '../types.js'
import { fromMdast } from './from-mdast.js'
import { parseText } from './from-text.js'

/** Splits Markdown into paragraphs; see the module documentation. */
export function parseMarkdown(input: string): SourceBlock[] {
  let tree: Root
  try {
    tree = unified().use(remarkParse).parse(input)
  } catch (error) {
    if (error instanceof RangeError) return parseText(input)
    throw error
  }
  const blocks: SourceBlock[] = []
  for (const block of fromMdast(tree, { input })) {
    if (block.start >= 0) blocks.push(block.heading ? { text: block.text, start: block.start, end: block.end, heading: true } : { text: block.text, start: block.start, end: block.end })
  }
  return blocks
}
