/**
 * Markdown cut into parts that parse alone as they parse together, so the Markdown parser
 * (micromark) reads one part at a time. Its cost grows faster than the input on ordinary shapes,
 * not only on hostile ones: it resolves each setext underline, each emphasis delimiter, each lazy
 * line against everything it has read before (measured: 8 KB of `a\n=\n` took 1.4 s, 20 KB 9 s,
 * and 80 parts of 1 KB apart by blank lines 162 s read as one document). Read in parts of at most
 * {@link MAX_PART_LINES} lines and {@link MAX_PART_DELIMITERS} delimiters, it is linear in the
 * document.
 *
 * A part ends before a line that no open block can take in:
 *
 * - a line at column 0 after a blank line (a blank line ends every paragraph, quote and lazy
 *   line; a line at column 0 continues no list item);
 * - a line at column 0 that starts an ATX heading or a bullet item (`- x`), or an ordered item
 *   right after another one or numbered 1 (these interrupt a paragraph; a quote or a list before
 *   them ends);
 *
 * and never inside a fenced code block or an HTML block (which run over blank lines). Link
 * reference definitions (`[label]: https://…`) apply to the whole document: a part that uses a
 * label another part defines is parsed with that definition written before it.
 *
 * @module
 */
import { isInlineDelimiter } from './markdown-shape.js'

/** Most lines in one part (see the module documentation). */
export const MAX_PART_LINES = 256
/** Most delimiter characters (`*`, `_`, `[`, `]`, `` ` ``, `<`, `!`, `~`) in one part. */
export const MAX_PART_DELIMITERS = 512

/** A stretch of the document that parses alone (one piece, see {@link markdownPieces}). */
export interface MarkdownPiece {
  start: number
  end: number
  /** Its first line's number in the document (1 for the first). */
  line: number
  /** Its lines, those inside a code block or an HTML block left out. */
  lines: number
  /** Its delimiter characters, those inside a code block or an HTML block left out. */
  delimiters: number
}

/** How much of a line the rules read (see {@link markdownPieces}). */
const LINE_HEAD = 1024
const FENCE = /^(`{3,}|~{3,})/
const ATX = /^#{1,6}(?:[ \t]|$)/
const BULLET = /^[-*+][ \t]+\S/
const ORDERED = /^(\d{1,9})[.)][ \t]+\S/
/** HTML blocks that run until a line holding their end, over blank lines (CommonMark kinds 1 to 5). */
const HTML_UNTIL: ReadonlyArray<[RegExp, RegExp]> = [
  [/^<(?:script|pre|style|textarea)(?:[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^<!--/, /-->/],
  [/^<\?/, /\?>/],
  [/^<!\[CDATA\[/, /\]\]>/],
  [/^<![a-z]/i, />/],
]
/** An HTML block that a blank line ends (CommonMark kinds 6 and 7). */
const UNTIL_BLANK = /^$/
/** Up to three spaces, then the rest of a line (where a block's marker may stand). */
const INDENT = /^ {0,3}/

/**
 * The pieces of `input`: stretches between the places where a part may end (see the module
 * documentation), in order, covering the input. One pass, linear in the input.
 */
export function markdownPieces(input: string): MarkdownPiece[] {
  const pieces: MarkdownPiece[] = []
  let pieceStart = 0
  let pieceLine = 1
  let lines = 0
  let delimiters = 0
  let fence: { char: string; length: number } | null = null
  /** An open HTML block: what ends it (see {@link htmlEnd}). */
  let html: RegExp | null = null
  let previousBlank = true
  /** Whether the last line that was not blank was indented (a code block; micromark may take a blank line after one into it). */
  let afterIndented = false
  let previousItem = false
  /** The paragraph the next line may continue. */
  let paragraph: Paragraph = 'none'
  /** The columns a line must be indented by to belong to the list item open (0: none is open). */
  let itemIndent = 0
  let line = 1
  for (let at = 0; at < input.length; line++) {
    const newline = input.indexOf('\n', at)
    const end = newline === -1 ? input.length : newline
    const full = input.slice(at, end)
    // The rules read a line's start: a regular expression that repeats a group over a line of
    // tens of thousands of markers overflows V8's backtracking stack (a line past the shape
    // limits is read as text anyway, and the cut check catches a rule misled by a long line).
    const text = full.length > LINE_HEAD ? full.slice(0, LINE_HEAD) : full
    const blank = full.trim() === ''
    const first = text.charCodeAt(0)
    const atColumn0 = !blank && first !== 0x20 && first !== 0x09
    const ordered = atColumn0 ? ORDERED.exec(text) : null
    if (fence === null && html === null && atColumn0 && at > pieceStart) {
      const cut = (previousBlank && !afterIndented) || ATX.test(text) || BULLET.test(text) || (ordered !== null && (previousItem || Number(ordered[1]) === 1))
      if (cut) {
        pieces.push({ start: pieceStart, end: at, line: pieceLine, lines, delimiters })
        pieceStart = at
        pieceLine = line
        lines = 0
        delimiters = 0
      }
    }
    const inBlock = fence !== null || html !== null
    // The inside of a code block or an HTML block is read as it stands: its lines cost the parser little.
    if (!inBlock) {
      lines++
      for (let k = 0; k < full.length; k++) if (isInlineDelimiter(full.charCodeAt(k))) delimiters++
    }
    // What this line opens or closes.
    // Only a code block or an HTML block outside every container can hold a line at column 0 (a
    // quote or a list item ends there: such a block inside one ends with it).
    const indent = INDENT.exec(text)![0].length
    const inner = text.slice(indent)
    const inItem = itemIndent > 0 && indent >= itemIndent
    if (fence !== null) {
      const close = FENCE.exec(inner)
      if (close !== null && close[1]![0] === fence.char && close[1]!.length >= fence.length && inner.slice(close[1]!.length).trim() === '') fence = null
    } else if (html !== null) {
      if (html === UNTIL_BLANK ? blank : html.test(full)) html = null
    } else if (!inItem) {
      const open = FENCE.exec(inner)
      if (open !== null && !(open[1]![0] === '`' && inner.slice(open[1]!.length).includes('`'))) fence = { char: open[1]![0]!, length: open[1]!.length }
      else if (inner.startsWith('<')) {
        html = htmlEnd(inner, paragraph === 'top' || paragraph === 'inside')
        // Ended on the line that opened it.
        if (html !== null && html !== UNTIL_BLANK && html.test(inner.slice(2))) html = null
      }
    }
    // Whether a paragraph may go on into the next line (then "<tag>" alone there continues one
    // outside containers; micromark lets it open an HTML block after a quote's or an item's).
    const before = paragraph as Paragraph
    const markers = CONTAINER_MARKERS.exec(text)![0].length
    const content = text.slice(markers)
    if (blank || inBlock || fence !== null || html !== null) paragraph = 'none'
    else if (!INDENTED.test(text)) {
      // What the line holds inside its quotes and list items ("===" ends a paragraph, or starts one).
      const holds: boolean = content.trim() !== '' && !INDENTED.test(content) && (!ENDS_PARAGRAPH.test(content) || (before === 'none' && SETEXT_EQUALS.test(content)))
      paragraph = !holds ? 'none' : markers > 0 ? 'inside' : before === 'inside' || before === 'lazy' ? 'lazy' : 'top'
    }
    // The list item this line opens (an empty one or one numbered other than 1 cannot interrupt a
    // paragraph), or the one it leaves: a line indented less, other than one continuing its paragraph.
    const item = fence === null && html === null && !inItem && !THEMATIC.test(text) ? ITEM.exec(text) : null
    const empty = item !== null && text.slice(item[0].length).trim() === ''
    const opensItem = item !== null && (before === 'none' || (!empty && (item[1] === undefined || Number(item[1]) === 1 || before === 'inside' || before === 'lazy')))
    if (opensItem) itemIndent = item[0].length + (empty ? 1 : 0)
    else if (!blank && !inItem && !(markers === 0 && before !== 'none' && paragraph !== 'none')) itemIndent = 0
    if (!blank) afterIndented = INDENTED.test(text)
    // An ordered item that starts a list or follows one (any other "2. …" continues a paragraph).
    previousItem = ordered !== null && (previousBlank || previousItem || Number(ordered[1]) === 1)
    previousBlank = blank
    at = newline === -1 ? input.length : newline + 1
  }
  if (pieceStart < input.length || pieces.length === 0) pieces.push({ start: pieceStart, end: input.length, line: pieceLine, lines, delimiters })
  return pieces
}

/**
 * The paragraph the next line may continue: none; one outside every container; one in a quote or
 * a list item; one in a container that a line without its markers went on with (after which
 * micromark lets a lone tag open an HTML block, as after no paragraph).
 */
type Paragraph = 'none' | 'top' | 'inside' | 'lazy'

/**
 * What ends the HTML block a line starting with `tag` opens: a pattern of its end, or
 * {@link UNTIL_BLANK}; `null` when it opens none (a lone tag of another name opens one only
 * outside a paragraph).
 */
function htmlEnd(tag: string, paragraph: boolean): RegExp | null {
  for (const [opener, end] of HTML_UNTIL) if (opener.test(tag)) return end
  const block = BLOCK_TAG.exec(tag)
  if (block !== null && BLOCK_NAMES.has(block[1]!.toLowerCase())) return UNTIL_BLANK
  return !paragraph && LONE_TAG.test(tag) && !(block !== null && !tag.startsWith('</') && RAW_NAMES.has(block[1]!.toLowerCase())) ? UNTIL_BLANK : null
}

/** The block-level names that open an HTML block anywhere (CommonMark kind 6). */
const BLOCK_NAMES = new Set(
  ('address article aside base basefont blockquote body caption center col colgroup dd details dialog dir div dl dt fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head header hr html iframe legend li link main menu menuitem nav noframes ol optgroup option p param search section summary table tbody td tfoot th thead title tr track ul').split(' '),
)
/** Start tags of kind 1, not 7 (micromark reads their end tags alone on a line as kind 7). */
const RAW_NAMES = new Set(['script', 'style', 'pre', 'textarea'])
const BLOCK_TAG = /^<\/?([a-z][a-z0-9]*)(?:[ \t>]|\/>|$)/i
/** One whole start or end tag alone on its line (CommonMark kind 7). */
const LONE_TAG = /^(?:<[a-z][a-z0-9-]*(?:[ \t]+[a-z_:][\w.:-]*(?:[ \t]*=[ \t]*(?:[^ \t"'=<>`]+|'[^']*'|"[^"]*"))?)*[ \t]*\/?>|<\/[a-z][a-z0-9-]*[ \t]*>)[ \t]*$/i
/** A line after which no paragraph goes on: a heading, a rule or a setext underline, a fence. */
const ENDS_PARAGRAPH = /^ {0,3}(?:#{1,6}(?:[ \t]|$)|([-*_])(?:[ \t]*\1){2,}[ \t]*$|=+[ \t]*$|-+[ \t]*$|`{3,}|~{3,})/
const INDENTED = /^(?: {4}|\t)/
const SETEXT_EQUALS = /^ {0,3}=+[ \t]*$/
const THEMATIC = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/
/** A list item's marker at a line's start, with the blanks after it (up to four): the item's content indentation. */
const ITEM = /^ {0,3}(?:[-*+]|(\d{1,9})[.)])(?:[ \t]{1,4}|$)/
/** Quote and list markers at a line's start. */
const CONTAINER_MARKERS = /^(?:[ \t]{0,3}(?:>[ \t]?|[-*+](?:[ \t]+|$)|\d{1,9}[.)](?:[ \t]+|$)))*/

/** A bracketed label in the text (what a reference link or image is written with). */
const LABEL = /\[((?:\\.|[^\\\][]){1,999})\]/g
/** Container markers at the start of a label's later lines (`> `), left out when labels are compared. */
const LINE_MARKERS = /\n[ \t>]*/g
/** When the definitions hold this many characters or fewer, every part that may use one gets them all. */
const CARRY_ALL = 4096

/** A label as micromark matches them: white space collapsed, case folded (`ß` is `SS`). */
export const normalizeLabel = (label: string): string =>
  label
    .replace(/[\t\n\r ]+/g, ' ')
    .replace(/^ | $/g, '')
    .toLowerCase()
    .toUpperCase()

/** A link reference definition written on one line, and the part it is in. */
export interface Definition {
  text: string
  part: number
}

/** A document's link reference definitions, by label as matched (see {@link normalizeLabel}). */
export interface Definitions {
  byLabel: Map<string, Definition>
  /** Whether they are few enough ({@link CARRY_ALL} characters) to go whole to every part that may use one. */
  carryAll: boolean
}

/** The definitions read so far, the first of each label kept; `null` when there are none. */
export function collectDefinitions(found: Iterable<{ label: string; definition: Definition }>): Definitions | null {
  const byLabel = new Map<string, Definition>()
  let size = 0
  for (const { label, definition } of found) {
    if (byLabel.has(label)) continue
    byLabel.set(label, definition)
    size += definition.text.length + 1
  }
  return byLabel.size === 0 ? null : { byLabel, carryAll: size <= CARRY_ALL }
}

/**
 * The definitions, from parts other than `part`, that `text` may use, one per line: all of them
 * when they are few ({@link CARRY_ALL} characters), else those of the labels `text` writes.
 */
export function definitionsUsed(text: string, definitions: Definitions, part: number): string {
  if (!text.includes(']')) return ''
  if (definitions.carryAll) return [...definitions.byLabel.values()].filter((d) => d.part !== part).map((d) => d.text).join('\n')
  const used = new Set<string>()
  for (const match of text.matchAll(LABEL)) {
    const definition = definitions.byLabel.get(normalizeLabel(match[1]!.replace(LINE_MARKERS, '\n')))
    if (definition !== undefined && definition.part !== part) used.add(definition.text)
  }
  return [...used].join('\n')
}
