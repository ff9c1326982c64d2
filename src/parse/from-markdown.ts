/**
 * Markdown to paragraphs, with `remark-parse` (CommonMark), then the paragraph walk of
 * {@link fromMdast} (shared with the remark plugin): each paragraph, heading, code block and
 * table cell is a block, inline formatting reduced to its text, block HTML read with
 * `parseHtml`.
 *
 * The document is parsed in parts that parse alone as they parse together (`markdown-parts.ts`):
 * the parser's cost grows faster than its input, so one part at a time keeps it linear in the
 * document. A part past the parser's shape limits (nesting, delimiter runs, lines or delimiters
 * with no place to break them: see `markdown-shape.ts`), or on which the parser overflows the
 * stack anyway, is read as plain text instead, the rest as Markdown, with a `markdown-as-text`
 * warning.
 *
 * Offsets come from the mdast positions. The walk is iterative.
 *
 * @module
 */
import type { Root, RootContent } from 'mdast'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import type { SourceBlock, Warning } from '../types.js'
import { fromMdast } from './from-mdast.js'
import { parseText } from './from-text.js'
import { collectDefinitions, definitionsUsed, MAX_PART_DELIMITERS, MAX_PART_LINES, markdownPieces, normalizeLabel, type Definition, type Definitions, type MarkdownPiece } from './markdown-parts.js'
import { blankContainerPrefixes, markdownShapeProblem } from './markdown-shape.js'

/** One processor for every part, made on first use (at load, the CommonJS build does not have unified yet). */
let processor: ReturnType<typeof makeParser> | undefined
const makeParser = () => unified().use(remarkParse)
const parseTree = (source: string): Root => (processor ??= makeParser()).parse(source)

/** How {@link parseMarkdown} cuts a document into parts (the defaults of `markdown-parts.ts`; the tests change them). */
export interface PartLimits {
  /** Most lines in a part. */
  lines: number
  /** Most delimiters in a part. */
  delimiters: number
  /** Whether pieces are put together into parts up to the limits (else each piece is a part). */
  together: boolean
}

const PART_LIMITS: PartLimits = { lines: MAX_PART_LINES, delimiters: MAX_PART_DELIMITERS, together: true }

/**
 * Splits Markdown into paragraphs; see the module documentation.
 * @param input Markdown source.
 * @param warnings Receives a `markdown-as-text` warning when some of the input is read as plain text.
 * @param limits How the document is cut into parts.
 */
export function parseMarkdown(input: string, warnings?: Warning[], limits: PartLimits = PART_LIMITS): SourceBlock[] {
  const parts = partsOf(input, limits)
  const definitions = definitionsOf(input, parts)
  const blocks: SourceBlock[] = []
  const problems: string[] = []
  for (let k = 0; k < parts.length; ) {
    const index = k
    let { part, problem } = parts[k++]!
    while (problem === null) {
      // The next part's first line checks the cut, unless that part is read as text (then the two are read apart anyway).
      const checkedBy = parts[k]?.problem === null ? parts[k]!.part : undefined
      const parsed = parsePart(input, part, index, checkedBy, definitions, blocks)
      if (parsed === 'parsed') break
      if (parsed !== 'unsafe') {
        problem = parsed
        break
      }
      // The part ran on into the next (the cut was wrong): the two are one part, unless that is past the limits.
      const next = parts[k++]!.part
      part = { ...part, end: next.end, lines: part.lines + next.lines, delimiters: part.delimiters + next.delimiters }
      problem = pieceProblem(input, part, limits)
    }
    if (problem !== null) {
      readAsText(input, part.start, part.end, blocks)
      problems.push(problem)
    }
  }
  if (problems.length > 0) {
    const more = problems.length - 1
    warnings?.push({ code: 'markdown-as-text', message: `Read as plain text, not Markdown: ${problems[0]}${more > 0 ? ` (and ${more} more part${more === 1 ? '' : 's'})` : ''}` })
  }
  return blocks
}

/** A part of the document, and why it is read as plain text (`null`: it is parsed). */
interface Part {
  part: MarkdownPiece
  problem: string | null
}

/** The document's pieces put together into parts up to the limits; a piece past them is a part read as text. */
function partsOf(input: string, limits: PartLimits): Part[] {
  const parts: Part[] = []
  let open = null as MarkdownPiece | null
  for (const piece of markdownPieces(input)) {
    const problem = pieceProblem(input, piece, limits)
    if (problem !== null) {
      if (open !== null) parts.push({ part: open, problem: null })
      open = null
      parts.push({ part: piece, problem })
    } else if (open !== null && limits.together && open.lines + piece.lines <= limits.lines && open.delimiters + piece.delimiters <= limits.delimiters) {
      open = { ...open, end: piece.end, lines: open.lines + piece.lines, delimiters: open.delimiters + piece.delimiters }
    } else {
      if (open !== null) parts.push({ part: open, problem: null })
      open = piece
    }
  }
  if (open !== null) parts.push({ part: open, problem: null })
  return parts
}

/**
 * The document's link reference definitions (see `markdown-parts.ts`), read by parsing the parts
 * that may hold one (a `]:` in them), each written again from its node on one line (as written it
 * may run over lines of a quote or a list item); `null` when there are none.
 */
function definitionsOf(input: string, parts: readonly Part[]): Definitions | null {
  if (!input.includes(']:')) return null
  const found: Array<{ label: string; definition: Definition }> = []
  for (const [index, { part, problem }] of parts.entries()) {
    const text = input.slice(part.start, part.end)
    if (problem !== null || !text.includes(']:')) continue
    const stack: Array<Root | RootContent> = [parseTree(text)]
    while (stack.length > 0) {
      const node = stack.pop()!
      if (node.type === 'definition') {
        // Its identifier is the label as references match it.
        const title = node.title == null ? '' : ` "${escapePunctuation(node.title)}"`
        found.push({ label: normalizeLabel(node.identifier), definition: { text: `[${node.identifier}]: <${escapePunctuation(node.url)}>${title}`, part: index } })
      } else if ('children' in node) for (let k = node.children.length - 1; k >= 0; k--) stack.push(node.children[k]!)
    }
  }
  return collectDefinitions(found)
}

/** Why a piece is read as plain text, or `null` (see `markdown-shape.ts` and `markdown-parts.ts`). */
function pieceProblem(input: string, piece: MarkdownPiece, limits: PartLimits): string | null {
  const where = `line ${piece.line}`
  if (piece.lines > limits.lines) return `from ${where}, ${piece.lines} lines with no place to break them, over ${limits.lines}`
  if (piece.delimiters > limits.delimiters) return `from ${where}, ${piece.delimiters} emphasis, link and code delimiters with no place to break them, over ${limits.delimiters}`
  return markdownShapeProblem(input.slice(piece.start, piece.end), piece.line)
}

/**
 * Parses `input`'s part as Markdown into `blocks`, with the first line of the next part after it
 * to check the cut: `'unsafe'` (nothing added) when the part runs on into that line, which the
 * cut rules of `markdown-parts.ts` missed; a reason when it has to be read as text instead.
 */
function parsePart(input: string, part: MarkdownPiece, index: number, next: MarkdownPiece | undefined, definitions: Definitions | null, blocks: SourceBlock[]): 'parsed' | 'unsafe' | string {
  const text = input.slice(part.start, part.end)
  // The definitions other parts give of the labels this one uses, before it (after it, a code block left open would take them in).
  const carried = definitions === null ? '' : definitionsUsed(text, definitions, index)
  const shift = carried === '' ? 0 : carried.length + 2
  const nextLine = next === undefined ? '' : input.slice(next.start, lineEnd(input, next.start))
  const source = `${carried === '' ? '' : `${carried}\n\n`}${text}${nextLine}`
  let tree: Root
  try {
    tree = parseTree(source)
  } catch (error) {
    if (!(error instanceof RangeError)) throw error
    return `from line ${part.line}, the Markdown parser ran out of stack`
  }
  const cut = shift + text.length
  if (next !== undefined && tree.children.some((node) => spans(node, cut))) return 'unsafe'
  for (const block of fromMdast(tree, { input: source })) {
    if (block.start < shift || block.start >= cut) continue
    const [start, end] = [part.start + block.start - shift, part.start + Math.min(block.end, cut) - shift]
    blocks.push(block.heading ? { text: block.text, start, end, heading: true } : { text: block.text, start, end })
  }
  return 'parsed'
}

/** `text` with a backslash before each ASCII punctuation character: read back as written in a destination or a title. */
const escapePunctuation = (text: string): string => text.replace(/[!-/:-@[-`{-~]/g, '\\$&')

/** Whether a top-level node runs over offset `cut` (a list may, when none of its items does). */
function spans(node: RootContent, cut: number): boolean {
  const [start, end] = [node.position?.start.offset ?? 0, node.position?.end.offset ?? 0]
  if (start >= cut || end <= cut) return false
  return node.type !== 'list' || node.children.some((item) => (item.position?.start.offset ?? 0) < cut && (item.position?.end.offset ?? 0) > cut)
}

/** The offset after the line starting at `from` (its line feed included). */
function lineEnd(input: string, from: number): number {
  const newline = input.indexOf('\n', from)
  return newline === -1 ? input.length : newline + 1
}

/** `input`'s part from `start` to `end` read as plain text (container markers blanked) into `blocks`. */
function readAsText(input: string, start: number, end: number, blocks: SourceBlock[]): void {
  for (const block of parseText(blankContainerPrefixes(input.slice(start, end)))) {
    blocks.push({ ...block, start: block.start + start, end: block.end + start })
  }
}
