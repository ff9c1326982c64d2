/**
 * Markdown to paragraphs, with `remark-parse` (CommonMark), then the paragraph walk of
 * {@link fromMdast} (shared with the remark plugin): each paragraph, heading, code block and
 * table cell is a block, inline formatting reduced to its text, block HTML read with
 * `parseHtml`.
 *
 * Offsets come from the mdast positions. The walk is iterative. Input past the parser's shape
 * limits (size, nesting, delimiter runs: see `markdown-shape.ts`), or on which the parser
 * overflows the stack anyway, is read as plain text instead, with a `markdown-as-text` warning.
 *
 * @module
 */
import type { Root } from 'mdast'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import type { SourceBlock, Warning } from '../types.js'
import { fromMdast } from './from-mdast.js'
import { parseText } from './from-text.js'
import { blankContainerPrefixes, markdownShapeProblem } from './markdown-shape.js'

/**
 * Splits Markdown into paragraphs; see the module documentation.
 * @param input Markdown source.
 * @param warnings Receives a `markdown-as-text` warning when the input is read as plain text.
 */
export function parseMarkdown(input: string, warnings?: Warning[]): SourceBlock[] {
  const problem = markdownShapeProblem(input)
  if (problem !== null) return asText(input, `Read as plain text, not Markdown: ${problem}`, warnings)
  let tree: Root
  try {
    tree = unified().use(remarkParse).parse(input)
  } catch (error) {
    if (error instanceof RangeError) return asText(input, 'Read as plain text, not Markdown: the Markdown parser ran out of stack', warnings)
    throw error
  }
  const blocks: SourceBlock[] = []
  for (const block of fromMdast(tree, { input })) {
    if (block.start >= 0) blocks.push({ text: block.text, start: block.start, end: block.end })
  }
  return blocks
}

function asText(input: string, message: string, warnings: Warning[] | undefined): SourceBlock[] {
  warnings?.push({ code: 'markdown-as-text', message })
  return parseText(blankContainerPrefixes(input))
}
