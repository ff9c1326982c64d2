/**
 * Plain text to paragraphs.
 *
 * Rules (in this order):
 * 1. A blank line (empty or only white space / invisible characters), U+2029 PARAGRAPH
 *    SEPARATOR and form feed always end a paragraph. `\n`, `\r\n`, `\r`, U+2028, NEL (U+0085)
 *    and vertical tab are line breaks.
 * 2. The whole text is measured once to tell whether it is *hard-wrapped*: the lines that are
 *    followed by another line of the same block ("inner lines") have a wrap width `W` (their
 *    90th percentile width, in terminal columns: CJK characters count 2) between
 *    {@link MIN_WRAP_WIDTH} and {@link MAX_WRAP_WIDTH}, at least half of them are "full"
 *    (width ≥ 0.75·W) and at least half of the full ones end mid-sentence. At least two inner
 *    lines are needed.
 * 3. Hard-wrapped text: a line break ends a paragraph only where the wrapping tool would not
 *    have broken the line: the first word of the next line would have fitted
 *    (width + gap + word ≤ W), the line is clearly short (width ≤ W − max(3, 5 % of W)), and the
 *    line ends a sentence (`. ! ? …`, `。！？`, `؟ ۔ । ။ ።`, a closing quote such as `» ” " 」`)
 *    or is at most half the wrap width (titles, datelines) and the next line does not start
 *    in lower case. A line ending in a hyphen after a letter or in a soft hyphen never ends a
 *    paragraph. A line indented by two columns or
 *    more (tab, U+3000) also starts a paragraph when most lines are not indented.
 * 4. Not hard-wrapped, no blank line anywhere: every line is a paragraph (one paragraph per
 *    line, as editors that soft-wrap produce).
 * 5. Not hard-wrapped, blank lines present: inside a blank-line block, a line break ends a
 *    paragraph only next to a line longer than {@link MAX_WRAP_WIDTH} columns (no wrapping
 *    tool makes such lines, so the break was typed); shorter lines (addresses, verse, bylines)
 *    are joined.
 *
 * Joined lines get one space, none when both sides are CJK (Han, kana, CJK punctuation,
 * full-width forms), none after a soft hyphen, none after a word-internal hyphen followed by a
 * lower-case letter (`self-\naware` → `self-aware`).
 *
 * The first block is marked `heading` when it is a title line (see {@link MAX_TITLE_LENGTH}).
 *
 * Runs in two linear passes over the input without building per-line arrays, so very large
 * inputs (tens of MB) are fine.
 *
 * @module
 */
import type { SourceBlock } from '../types.js'
import { isCjkAt, isCjkBefore } from '../text/cjk.js'
import { eastAsianTraits, WIDE } from '../text/scripts.js'
import { defaultOptions, type ResolvedSplitOptions } from '../options.js'
import { measureLength } from '../text/measure-length.js'
import { splitSentences } from '../text/split-sentences.js'
import { flatCopy } from '../text/flat-copy.js'
import { CHANGED_BY_CLEANING, cleanPlainWhitespace, cleanWhitespace, joinLines } from './clean-whitespace.js'
import { isBlankCode } from '../text/invisible.js'

/** Options of {@link parseText}. */
export interface TextSplitOptions {
  /**
   * How a single line break is read.
   * - `'auto'` (default): decided from the text, see the module rules.
   * - `'paragraph'`: every line break ends a paragraph.
   * - `'join'`: only blank lines (and U+2029) end a paragraph; lines are joined.
   * @default 'auto'
   */
  lineBreaks?: 'auto' | 'paragraph' | 'join'
  /**
   * Wrap width in columns of a hard-wrapped text. When given, the text is read as
   * hard-wrapped at this width (with `lineBreaks: 'auto'`); by default it is estimated.
   * @default null (estimated)
   */
  wrapWidth?: number | null
}

/** Narrowest wrap width (columns) taken for hard wrapping. */
export const MIN_WRAP_WIDTH = 30
/** Widest wrap width (columns) taken for hard wrapping; longer lines were not wrapped by a tool. */
export const MAX_WRAP_WIDTH = 110

const HIST_CAP = 1024

/**
 * Splits plain text into paragraphs; see the module documentation for the rules.
 * @param options Resolved (`resolveOptions().split`): nothing is missing.
 */
export function parseText(input: string, options: ResolvedSplitOptions = defaultOptions.split): SourceBlock[] {
  const mode = options.lineBreaks
  // Measured when a line first follows another in a block: a text of one-line paragraphs (most
  // news copy) never needs it, and its pass was a tenth of splitting.
  let layout: Layout | null | undefined = mode === 'auto' ? undefined : null
  const open = new OpenBlock(input)

  scanLines(input, (lineStart, cs, ce, hardAfter, plain) => {
    if (cs === ce) {
      open.close()
      return
    }
    const cur = describeLine(input, lineStart, cs, ce)
    const prev = open.last
    if (prev !== null) {
      if (layout === undefined) layout = measureLayout(input, options.wrapWidth ?? undefined)
      if (breaksBetween(input, prev, cur, mode, layout)) open.close()
    }
    open.add(cur, plain)
    if (hardAfter) open.close()
  })
  open.close()
  markOpeningTitle(input, open.blocks)
  return open.blocks
}

/**
 * The block being read: its lines so far, and the blocks closed before it. (A class, not
 * closures made per call of {@link parseText}.)
 */
class OpenBlock {
  readonly blocks: SourceBlock[] = []
  /** The block's last line, `null` while no block is open. */
  last: LineInfo | null = null
  #start = -1
  #end = -1
  #lines = 0
  /** Whether the block's one line holds no character of `CHANGED_BY_CLEANING` (see {@link scanLines}). */
  #plain = true
  readonly #input: string

  constructor(input: string) {
    this.#input = input
  }

  add(line: LineInfo, plain: boolean): void {
    if (this.last === null) this.#start = line.cs
    this.#end = line.ce
    this.#lines++
    this.#plain = plain
    this.last = line
  }

  /** Ends the open block, if any: its text joined and cleaned, kept when something is left. */
  close(): void {
    if (this.last === null) return
    // A block of one line has no line break to join.
    const raw = this.#input.slice(this.#start, this.#end)
    const text = this.#lines > 1 ? cleanWhitespace(joinLines(raw)) : this.#plain ? cleanPlainWhitespace(raw) : cleanWhitespace(raw)
    if (text !== '') this.blocks.push({ text, start: this.#start, end: this.#end })
    this.last = null
    this.#lines = 0
  }
}

/**
 * Longest opening line (Latin-equivalent characters, see `measureLength`) read as the article's
 * title. Headlines stay well under it (NTREX-128's 2,583 headlines in 21 languages: 211 at most);
 * a first paragraph of prose this short and on one line is itself title-like.
 */
export const MAX_TITLE_LENGTH = 250
/** A title line does not end like a teaser's cut (an ellipsis, "[…]") or an announcement (a colon). */
const CUT_OFF_END = /(?:…|\.\.\.|\[…\]|\(…\)|\[\.\.\.\]|\(\.\.\.\)|:)$/

/**
 * Marks the first block as a heading when it is the short title line that opens an article:
 * one line in the source, at most {@link MAX_TITLE_LENGTH}, one sentence, not cut off like a
 * teaser (see {@link CUT_OFF_END}), and more text follows.
 */
function markOpeningTitle(input: string, blocks: SourceBlock[]): void {
  const first = blocks[0]
  if (first === undefined || blocks.length < 2) return
  // measureLength is at least the length: a longer text is no title, without measuring it.
  if (first.text.length > MAX_TITLE_LENGTH) return
  if (/[\n\r\u2028\u0085\v]/.test(input.slice(first.start, first.end))) return
  // A copy of its own, not the slice of the input the block holds: the scans below run on every
  // paragraph of the pipeline too, and a slice made their `charCodeAt` see one more kind of string
  // than V8 keeps fast (megamorphic: `sentenceRanges` took 3.5× its time on every paragraph after).
  const text = flatCopy(first.text)
  if (CUT_OFF_END.test(text) || measureLength(text) > MAX_TITLE_LENGTH) return
  // Headlines may end with a full stop (8 % of NTREX-128's do), but they are one sentence.
  if (splitSentences(text).length > 1) return
  first.heading = true
}

/** What is known of one non-blank line. */
interface LineInfo {
  readonly cs: number
  readonly ce: number
  readonly width: number
  readonly terminal: boolean
  readonly indented: boolean
}

/** Whole-text facts that drive the `'auto'` decision. */
interface Layout {
  hasBlankLines: boolean
  wrapped: boolean
  wrapWidth: number
  indentMarksParagraphs: boolean
}

function describeLine(input: string, lineStart: number, cs: number, ce: number): LineInfo {
  return new Line(input, lineStart, cs, ce)
}

/**
 * A line whose facts are measured when first read: most lines of most texts are one-line
 * paragraphs, whose width and ending neither pass reads (measuring every line's width twice
 * was a visible share of splitting, bench/profile-clean.ts).
 */
class Line implements LineInfo {
  readonly cs: number
  readonly ce: number
  readonly #input: string
  readonly #lineStart: number
  #width = -1
  #terminal: boolean | undefined
  #indented: boolean | undefined

  constructor(input: string, lineStart: number, cs: number, ce: number) {
    this.#input = input
    this.#lineStart = lineStart
    this.cs = cs
    this.ce = ce
  }

  get width(): number {
    if (this.#width < 0) this.#width = columns(this.#input, this.cs, this.ce)
    return this.#width
  }

  get terminal(): boolean {
    this.#terminal ??= endsSentence(this.#input, this.cs, this.ce)
    return this.#terminal
  }

  get indented(): boolean {
    this.#indented ??= indentColumns(this.#input, this.#lineStart, this.cs) >= 2
    return this.#indented
  }
}

function breaksBetween(
  input: string,
  prev: LineInfo,
  cur: LineInfo,
  mode: 'auto' | 'paragraph' | 'join',
  layout: Layout | null,
): boolean {
  if (mode === 'paragraph') return true
  if (mode === 'join' || layout === null) return false
  if (layout.wrapped) {
    if (layout.indentMarksParagraphs && cur.indented && !prev.indented) return true
    const W = layout.wrapWidth
    const gap = isCjkBefore(input, prev.ce) && isCjkAt(input, cur.cs) ? 0 : 1
    const fits = prev.width + gap + firstWordColumns(input, cur.cs, cur.ce) <= W
    const clearlyShort = prev.width <= W - Math.max(3, Math.ceil(W * 0.05))
    if (!fits || !clearlyShort || continuesWord(input, prev.ce)) return false
    return prev.terminal || (prev.width * 2 <= W && !startsLowerCase(input, cur.cs))
  }
  if (!layout.hasBlankLines) return true
  return prev.width > MAX_WRAP_WIDTH || cur.width > MAX_WRAP_WIDTH
}

/** First pass: wrap statistics of the inner lines (lines followed by a line of the same block). */
function measureLayout(input: string, forcedWidth: number | undefined): Layout {
  const hist = new Uint32Array(HIST_CAP + 1)
  const histTerminal = new Uint32Array(HIST_CAP + 1)
  let inner = 0
  let linesInBlocks = 0
  let indented = 0
  let blocks = 0
  let prev: LineInfo | null = null
  let blockLines = 0

  scanLines(input, (lineStart, cs, ce, hardAfter) => {
    if (cs === ce) {
      blockLines = 0
      prev = null
      return
    }
    const cur = describeLine(input, lineStart, cs, ce)
    if (blockLines === 0) blocks++
    blockLines++
    if (prev !== null) {
      const w = Math.min(prev.width, HIST_CAP)
      hist[w]!++
      if (prev.terminal) histTerminal[w]!++
      inner++
      if (blockLines === 2) {
        linesInBlocks++
        if (prev.indented) indented++
      }
      linesInBlocks++
      if (cur.indented) indented++
    }
    prev = cur
    if (hardAfter) {
      blockLines = 0
      prev = null
    }
  })

  const layout: Layout = { hasBlankLines: blocks >= 2, wrapped: false, wrapWidth: 0, indentMarksParagraphs: false }
  if (forcedWidth !== undefined && forcedWidth > 0) {
    layout.wrapped = true
    layout.wrapWidth = forcedWidth
  } else if (inner >= 2) {
    const W = percentile(hist, inner, 0.9)
    if (W >= MIN_WRAP_WIDTH && W <= MAX_WRAP_WIDTH) {
      const fullFrom = Math.ceil(W * 0.75)
      let full = 0
      let fullTerminal = 0
      for (let w = fullFrom; w <= HIST_CAP; w++) {
        full += hist[w]!
        fullTerminal += histTerminal[w]!
      }
      if (full * 2 >= inner && (full - fullTerminal) * 2 >= full) {
        layout.wrapped = true
        layout.wrapWidth = W
      }
    }
  }
  // Indentation marks paragraph starts when some, but at most a third, of the lines of
  // multi-line blocks are indented (a fully indented text is just indented).
  layout.indentMarksParagraphs = layout.wrapped && indented > 0 && indented * 3 <= linesInBlocks
  return layout
}

/** Does the line ending at `ce` end in a soft hyphen or a hyphen right after a letter? */
function continuesWord(input: string, ce: number): boolean {
  const c = input.charCodeAt(ce - 1)
  if (c === 0xad) return true
  return (c === 0x2d || c === 0x2010) && /\p{L}/u.test(input.charAt(ce - 2))
}

function startsLowerCase(input: string, cs: number): boolean {
  return /^\p{Ll}/u.test(input.slice(cs, cs + 2))
}

function percentile(hist: Uint32Array, total: number, q: number): number {
  const rank = Math.max(1, Math.ceil(total * q))
  let seen = 0
  for (let w = 0; w < hist.length; w++) {
    seen += hist[w]!
    if (seen >= rank) return w
  }
  return hist.length - 1
}

/**
 * Calls `onLine(lineStart, contentStart, contentEnd, hardBreakAfter)` for every line of
 * `input`; the content range excludes leading/trailing white space and invisible characters
 * (it is empty for a blank line). `hardBreakAfter` is true when the line ends with U+2029 or a
 * form feed.
 */
function scanLines(
  input: string,
  onLine: (lineStart: number, cs: number, ce: number, hardAfter: boolean, plain: boolean) => void,
): void {
  const n = input.length
  let lineStart = 0
  let i = 0
  LINE_END.lastIndex = 0
  while (i <= n) {
    // The next line terminator, found by the regular-expression engine's scan (a loop testing
    // each character against the seven terminators was most of this function's time). The scan
    // also stops at the other characters cleaning changes (tabs, no-break spaces, controls,
    // invisible ones): a line without any is plain text, which its block's cleaning then need
    // not test for again (`cleanPlainWhitespace`).
    let found = n
    let plain = true
    while (i < n && LINE_END.test(input)) {
      const at = LINE_END.lastIndex - 1
      if (isLineEnd(input.charCodeAt(at))) {
        found = at
        break
      }
      plain = false
    }
    i = found
    const c = i < n ? input.charCodeAt(i) : -1
    // [lineStart, i) is a line; c is its terminator (-1 at the end of input).
    let cs = lineStart
    let ce = i
    while (cs < ce && isBlankCode(input.charCodeAt(cs))) cs++
    while (ce > cs && isBlankCode(input.charCodeAt(ce - 1))) ce--
    onLine(lineStart, cs, ce, c === 0x2029 || c === 0x0c, plain)
    if (c === 0x0d && i + 1 < n && input.charCodeAt(i + 1) === 0x0a) i++
    i++
    lineStart = i
    LINE_END.lastIndex = i
  }
}

/** The line terminators of {@link scanLines}: LF, CR, VT, FF, NEL, U+2028, U+2029. */
function isLineEnd(c: number): boolean {
  return c === 0x0a || c === 0x0d || c === 0x0b || c === 0x0c || c === 0x85 || c === 0x2028 || c === 0x2029
}

/** Where {@link scanLines} stops: the characters cleaning changes, the line terminators among them. */
const LINE_END = new RegExp(`[${CHANGED_BY_CLEANING}]`, 'g')

/** Width in columns of one UTF-16 code unit (a surrogate pair counts 2, on its high half). */
function unitColumns(c: number): number {
  if (c < 0x0300) return 1
  if (c <= 0x036f) return 0
  if (c === 0x00ad || (c >= 0x200b && c <= 0x200f) || c === 0x2060 || c === 0xfeff) return 0
  if (c >= 0xdc00 && c <= 0xdfff) return 0
  if (c >= 0xd800 && c <= 0xdbff) return 2
  // East Asian Wide and Fullwidth: the `WIDE` blocks of the one East Asian table.
  return (eastAsianTraits(c) & WIDE) !== 0 ? 2 : 1
}

function columns(input: string, start: number, end: number): number {
  let w = 0
  for (let i = start; i < end; i++) w += unitColumns(input.charCodeAt(i))
  return w
}

function indentColumns(input: string, lineStart: number, cs: number): number {
  let w = 0
  for (let i = lineStart; i < cs; i++) {
    const c = input.charCodeAt(i)
    if (c === 0x09) w += 4
    else if (c === 0x3000) w += 2
    else if (c === 0x20 || c === 0xa0) w += 1
  }
  return w
}

/** Width of the first word of `[start, end)`: one character for CJK, else up to the next space. */
function firstWordColumns(input: string, start: number, end: number): number {
  if (isCjkAt(input, start)) return unitColumns(input.charCodeAt(start))
  let w = 0
  for (let i = start; i < end && i < start + 64; i++) {
    const c = input.charCodeAt(i)
    if (isBlankCode(c) || isCjkAt(input, i)) break
    w += unitColumns(c)
  }
  return w
}

/*
 * The sentence ends of hard-wrap detection. Not `endsLikeSentence` (parse/ends-like-sentence.ts),
 * on purpose: that test asks whether a page's line *says* something (a caption, an item), and wants
 * a stop before any closing quote; this one asks whether a line could be the last of a paragraph,
 * which a closing quote alone (`… il a dit »`), the double marks ‼ ⁇ ⁈ ⁉, the full-width and
 * half-width stops ． ｡, the Myanmar ။, the Armenian ։, the Greek question mark ; and ‥ also end
 * (endsLikeSentence takes none of them, and takes a stop before “ ‘ « ‹ and bidirectional marks,
 * which this test does not). Either test used for the other changes which lines are joined, or
 * which captions are kept: the two stay apart.
 */
const SENTENCE_END = new Set([
  0x2e, 0x21, 0x3f, 0x2026, 0x203c, 0x2047, 0x2048, 0x2049, 0x3002, 0xff01, 0xff1f, 0xff0e, 0xff61, 0x061f, 0x06d4,
  0x0964, 0x0965, 0x1362, 0x104b, 0x0589, 0x037e, 0x2025,
])
/** Closing quotes that end a quoted sentence by themselves (French `»`, `”`, `"`, `」`, `』`, `›`). */
const CLOSING_QUOTE = new Set([0xbb, 0x201d, 0x22, 0x300d, 0x300f, 0x203a, 0xff02, 0x301e])
/** Closers that end a sentence only when a sentence end stands before them. */
const CLOSER = new Set([0x27, 0x2019, 0x29, 0x5d, 0x7d, 0xff09, 0x3011, 0x3015, 0x3009, 0x300b, 0xff3d, 0x2a])

/** Does the (trimmed) line `[start, end)` end a sentence? */
function endsSentence(input: string, start: number, end: number): boolean {
  let i = end - 1
  if (i < start) return false
  const last = input.charCodeAt(i)
  if (SENTENCE_END.has(last) || CLOSING_QUOTE.has(last)) return true
  while (i >= start && CLOSER.has(input.charCodeAt(i))) i--
  return i >= start && i < end - 1 && SENTENCE_END.has(input.charCodeAt(i))
}
