/**
 * Markdown to paragraphs, with `remark-parse` (CommonMark).
 *
 * Each paragraph, heading, code block (fenced or indented, as a paragraph of its text) and
 * table cell (only present when a GFM plugin is used; without it a table is a paragraph of its
 * text) is a block. Block quotes and list items are containers: their paragraphs are the
 * blocks. Inline formatting is reduced to its text: emphasis, strong, links (their text),
 * inline code (its text); images and footnote references give nothing; a hard break is a space;
 * inline HTML tags are dropped (`<br>` is a space). Block HTML is read with {@link parseHtml}.
 * Soft line breaks are joined like wrapped lines of plain text (no space between CJK).
 *
 * Offsets come from the mdast positions. The walk is iterative; if the parser itself overflows
 * the stack on pathological nesting, the input is read as plain text instead.
 *
 * @module
 */
import type { Nodes, Root } from 'mdast'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import type { SourceBlock } from '../types.js'
import { cleanWhitespace, joinLines, tightenRange } from './clean-whitespace.js'
import { parseHtml } from './from-html.js'
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

  // micromark drops a leading byte order mark before counting offsets.
  const shift = input.charCodeAt(0) === 0xfeff ? 1 : 0
  const blocks: SourceBlock[] = []
  const stack: Nodes[] = [tree]
  while (stack.length > 0) {
    const node = stack.pop()!
    switch (node.type) {
      case 'paragraph':
      case 'heading':
      case 'tableCell':
        push(blocks, input, shift, node, inlineText(node))
        break
      case 'code':
        push(blocks, input, shift, node, node.value)
        break
      case 'html':
        pushHtml(blocks, input, shift, node)
        break
      case 'root':
      case 'blockquote':
      case 'list':
      case 'listItem':
      case 'table':
      case 'tableRow':
      case 'footnoteDefinition':
        for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!)
        break
      default:
        // thematicBreak, definition, yaml and other non-text nodes
        break
    }
  }
  return blocks
}

function range(node: Nodes, shift: number): [number, number] | null {
  const start = node.position?.start.offset
  const end = node.position?.end.offset
  if (start === undefined || end === undefined) return null
  return [start + shift, end + shift]
}

function push(blocks: SourceBlock[], input: string, shift: number, node: Nodes, raw: string): void {
  const text = cleanWhitespace(joinLines(raw))
  const r = range(node, shift)
  if (text === '' || r === null) return
  const [s, e] = tightenRange(input, r[0], r[1])
  blocks.push({ text, start: s, end: e })
}

/** Block HTML: its paragraphs, with offsets shifted into the input when its source is intact. */
function pushHtml(blocks: SourceBlock[], input: string, shift: number, node: Nodes & { type: 'html' }): void {
  const r = range(node, shift)
  if (r === null) return
  const [start, end] = r
  const inner = parseHtml(node.value)
  const intact = input.slice(start, end) === node.value
  for (const block of inner) {
    if (intact) blocks.push({ text: block.text, start: block.start + start, end: block.end + start })
    else blocks.push({ text: block.text, start, end })
  }
}

const BR_TAG = /^<br\b/i

/** Text of the inline content of a block node, formatting stripped. */
function inlineText(node: Nodes): string {
  const parts: string[] = []
  const stack: Nodes[] = [node]
  while (stack.length > 0) {
    const n = stack.pop()!
    switch (n.type) {
      case 'text':
      case 'inlineCode':
        parts.push(n.value)
        break
      case 'break':
        parts.push(' ')
        break
      case 'html':
        if (BR_TAG.test(n.value)) parts.push(' ')
        break
      case 'image':
      case 'imageReference':
      case 'footnoteReference':
        break
      default:
        if ('children' in n) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!)
    }
  }
  return parts.join('')
}
