/**
 * The paragraph walk over an mdast tree: the one `clean(markdown)` (through
 * {@link parseMarkdown}) and the remark plugin both use, so their paragraphs are the same by
 * construction.
 *
 * Each paragraph, heading (marked `heading`), code block (fenced or indented, as a paragraph of its text) and
 * table cell (only present when a GFM plugin is used; without it a table is a paragraph of its
 * text) is a block. Block quotes, lists, list items, tables and footnote definitions are
 * containers: their paragraphs are the blocks. Inline formatting is reduced to its text:
 * emphasis, strong, links (their text), inline code (its text); images and footnote references
 * give nothing; a hard break is a space; inline HTML tags are dropped (`<br>` is a space).
 * Block HTML is read with {@link parseHtml}: as many blocks as it finds there. Soft line breaks
 * are joined like wrapped lines of plain text (no space between CJK).
 *
 * @module
 */
import type { Code, Heading, Html, Nodes, Paragraph, Parents, Root, TableCell, Text } from 'mdast'
import { cleanWhitespace, joinLines, tightenRange, type Piece } from './clean-whitespace.js'
import type { Block } from './from-hast.js'
import { parseHtml } from './from-html.js'

/** The mdast nodes a paragraph comes from. */
export type MdastSource = Paragraph | Heading | TableCell | Code | Html

/** Options of {@link fromMdast}. */
export interface FromMdastOptions {
  /**
   * The source string the tree was parsed from. With it, offsets are trimmed of blank
   * characters, and the paragraphs of a block of HTML get their own ranges when its source is
   * intact; without it, they are the tree's positions as they are.
   */
  input?: string
  /** Filled with the parent of every node inside a container. */
  parents?: Map<Nodes, Parents>
}

/**
 * Splits an mdast tree into paragraphs; see the module documentation. `pieces` is `null` for
 * code and HTML (their text is never cut in place). Offsets are `-1` when the node has no position.
 *
 * @returns The non-empty paragraphs in document order.
 */
export function fromMdast(tree: Root, options: FromMdastOptions = {}): Array<Block<MdastSource>> {
  const { input, parents } = options
  // micromark drops a leading byte order mark before counting offsets.
  const shift = input !== undefined && input.charCodeAt(0) === 0xfeff ? 1 : 0
  const blocks: Array<Block<MdastSource>> = []
  const push = (node: MdastSource, raw: string, pieces: Array<Piece<Text>> | null): void => {
    const text = cleanWhitespace(joinLines(raw))
    if (text === '') return
    let [start, end] = rangeOf(node, shift)
    if (start >= 0 && input !== undefined) [start, end] = tightenRange(input, start, end)
    blocks.push(node.type === 'heading' ? { text, start, end, source: node, pieces, heading: true } : { text, start, end, source: node, pieces })
  }

  const stack: Nodes[] = [tree]
  while (stack.length > 0) {
    const node = stack.pop()!
    switch (node.type) {
      case 'paragraph':
      case 'heading':
      case 'tableCell': {
        const pieces = inlinePieces(node)
        push(node, pieces.map((p) => p.value).join(''), pieces)
        break
      }
      case 'code':
        push(node, node.value, null)
        break
      case 'html': {
        const [start, end] = rangeOf(node, shift)
        // The inner offsets hold only when the node's value is its source, character for character.
        const intact = start >= 0 && input !== undefined && input.slice(start, end) === node.value
        for (const block of parseHtml(node.value)) {
          const at = intact ? { start: block.start + start, end: block.end + start } : { start, end }
          blocks.push(block.heading ? { text: block.text, ...at, source: node, pieces: null, heading: true } : { text: block.text, ...at, source: node, pieces: null })
        }
        break
      }
      case 'root':
      case 'blockquote':
      case 'list':
      case 'listItem':
      case 'table':
      case 'tableRow':
      case 'footnoteDefinition':
        for (let i = node.children.length - 1; i >= 0; i--) {
          const child = node.children[i]!
          parents?.set(child, node)
          stack.push(child)
        }
        break
      default:
        // thematicBreak, definition, yaml and other non-text nodes
        break
    }
  }
  return blocks
}

function rangeOf(node: Nodes, shift: number): [number, number] {
  const start = node.position?.start.offset
  const end = node.position?.end.offset
  if (start === undefined || end === undefined) return [-1, -1]
  return [start + shift, end + shift]
}

const BR_TAG = /^<br\b/i

/** The inline content of a block as pieces: `text` nodes as themselves, the rest as plain strings. */
function inlinePieces(node: Nodes): Array<Piece<Text>> {
  const pieces: Array<Piece<Text>> = []
  const stack: Nodes[] = [node]
  while (stack.length > 0) {
    const n = stack.pop()!
    switch (n.type) {
      case 'text':
        pieces.push({ node: n, value: n.value })
        break
      case 'inlineCode':
        pieces.push({ node: null, value: n.value })
        break
      case 'break':
        pieces.push({ node: null, value: ' ' })
        break
      case 'html':
        if (BR_TAG.test(n.value)) pieces.push({ node: null, value: ' ' })
        break
      case 'image':
      case 'imageReference':
      case 'footnoteReference':
        break
      default:
        if ('children' in n) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!)
    }
  }
  return pieces
}
