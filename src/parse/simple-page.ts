/**
 * A reader of its own for the simplest pages, ahead of parse5: a page whose markup the HTML
 * standard's algorithm reads as it is written, every element opened and closed in order, builds
 * through the tree adapter the calls parse5 would make, in the same order and with the same
 * locations, and so the same tree, node for node and position for position
 * (`test/parse/simple-page.test.ts` holds the two equal on generated and hand-written pages,
 * `bench/bench-simple-pages.ts` on the datasets' pages). Anything else, at the first sign of it,
 * gives `null`, and the page is parsed by parse5 from the start.
 *
 * Why: on such pages (an article body from a CMS or an API, a generated page) most of parse5's
 * cost is its generality: a character token and a location per run of text, the insertion-mode
 * dispatch, the open-element stack's scope checks, and some two dozen functions run once per
 * page that V8 compiles last. Here a page is a loop over its tags.
 *
 * What it takes (anything else is left to parse5):
 * - an optional `<!DOCTYPE html>` (without one the document is in quirks mode, as parse5 sets it),
 *   then optional `<html>`, `<head>` (`meta`, `link`, `base`, a `title` of text) and `<body>`, each
 *   either written or implied where parse5 implies it, and their end tags;
 * - in the body, the elements of {@link BLOCKS}, {@link INLINE} and {@link VOID} (and `meta`,
 *   `link`), where every end tag closes the element opened last and no element is closed by
 *   another's start: no block opened inside an open `p`, no `li` inside an open `li` unless a list
 *   lies between, no `a` inside an `a`, no heading inside a heading;
 * - attributes with a name of ASCII letters, digits, `-`, `_`, `:` and `.`, quoted or not, at
 *   most {@link MAX_ATTRIBUTES} to a tag;
 * - text and attribute values with the references `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`,
 *   `&nbsp;` and numeric ones to characters that need no replacement, each ended by `;`;
 * - comments in the head and body without `--` inside.
 * No CR, NUL, lone `<`, script, style, form, table, SVG or MathML: those are parse5's.
 *
 * @module
 */
import { html as htmlSpec, type Token, type TreeAdapter, type TreeAdapterTypeMap } from 'parse5'

/** Elements that close an open `p` when they start (parse5's list, less those this reader leaves to it); `li` and headings have rules of their own. */
const BLOCKS: ReadonlySet<string> = new Set(['address', 'article', 'aside', 'blockquote', 'div', 'figcaption', 'figure', 'footer', 'header', 'main', 'nav', 'ol', 'p', 'section', 'ul', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'])
const HEADINGS: ReadonlySet<string> = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'])
/** Formatting elements (kept in parse5's list of active formatting elements) and other phrasing elements parse5 reads as "any other" start tag. */
const INLINE: ReadonlySet<string> = new Set([
  'a', 'b', 'code', 'em', 'i', 's', 'small', 'strong', 'u',
  'abbr', 'bdi', 'bdo', 'cite', 'data', 'del', 'dfn', 'ins', 'kbd', 'mark', 'q', 'samp', 'span', 'sub', 'sup', 'time', 'var',
])
/** Void elements of the body (`hr` also closes nothing here: an open `p` makes the page parse5's). */
const VOID: ReadonlySet<string> = new Set(['br', 'img', 'wbr', 'hr', 'meta', 'link'])
/** Void elements of the head. */
const HEAD_VOID: ReadonlySet<string> = new Set(['meta', 'link', 'base'])
/** Elements that stop the search for an open `li` (parse5's special elements other than `address`, `div` and `p`, among those read here). */
const LIST_SCOPE: ReadonlySet<string> = new Set(['article', 'aside', 'blockquote', 'figcaption', 'figure', 'footer', 'header', 'main', 'nav', 'ol', 'section', 'ul', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'body', 'html'])

const NAMED: ReadonlyMap<string, string> = new Map([['amp', '&'], ['lt', '<'], ['gt', '>'], ['quot', '"'], ['apos', "'"], ['nbsp', '\u00a0']])

/** The insertion modes of the HTML standard this reader goes through, in their order. */
const Mode = { Initial: 0, BeforeHtml: 1, BeforeHead: 2, InHead: 3, AfterHead: 4, InBody: 5, AfterBody: 6, AfterAfterBody: 7 } as const
type Mode = (typeof Mode)[keyof typeof Mode]

/** Whether `c` is white space to the HTML tokenizer (space, tab, line feed, form feed; CR is never here). */
const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c
const isAsciiAlpha = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)
const isTagNameUnit = (c: number): boolean => isAsciiAlpha(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d
const isNameUnit = (c: number): boolean => isTagNameUnit(c) || c === 0x5f || c === 0x3a || c === 0x2e

/** CR, NUL or a surrogate: one scan for the three (most pages have none), then the exact checks. */
const MAYBE_NOT_TAKEN = /[\r\0\uD800-\uDFFF]/

/** Attributes a tag may have here (past them, parse5 reads the tag: its check for a repeated name is linear). */
const MAX_ATTRIBUTES = 64

/** Thrown inside the reader when the page is not one it takes (caught by {@link readSimplePage}). */
const NOT_TAKEN = Symbol('not taken')

/**
 * Builds the tree of `input` through `adapter` when the page is one this reader takes (see the
 * module documentation), else returns `null` (what the adapter made by then is to be dropped).
 */
export function readSimplePage<T extends TreeAdapterTypeMap>(input: string, adapter: TreeAdapter<T>): T['document'] | null {
  // Most whole pages have a script, which this reader leaves to parse5: one search, not a read up to it.
  if (input.includes('<script')) return null
  let document: T['document']
  try {
    document = new SimplePage(input, adapter).read()
  } catch (error) {
    if (error === NOT_TAKEN) return null
    throw error
  }
  // CR (which parse5 folds with the line feed after it) and NUL (which it drops or replaces) are
  // parse5's, a lone surrogate too (whether parse5 counts its column as here is not tested; pairs
  // are). Checked once the page is read, so that a page given up on the way is not scanned whole.
  if (MAYBE_NOT_TAKEN.test(input) && (input.includes('\r') || input.includes('\0') || !input.isWellFormed())) return null
  return document
}

type Location = Token.Location

class SimplePage<T extends TreeAdapterTypeMap> {
  private readonly document: T['document']
  private mode: Mode = Mode.Initial
  /** The open elements, the root's child first, and their tag names. */
  private readonly open: Array<T['element']> = []
  private readonly names: string[] = []
  /** For each open element, the index of the nearest open one, itself included, that is an `li` or in {@link LIST_SCOPE} (-1: none). */
  private readonly listScope: number[] = []
  /** How many `p`, `a` and heading elements are open. */
  private openP = 0
  private openA = 0
  private openHeadings = 0
  /**
   * The line and column of the last offset asked ({@link point}: asked in order), where its line
   * starts, and the next line feed (-1: none; -2: not searched yet).
   */
  private line = 1
  private col = 1
  private lineStart = 0
  private nextLineFeed = -2

  constructor(
    private readonly input: string,
    private readonly adapter: TreeAdapter<T>,
  ) {
    this.document = adapter.createDocument()
  }

  private fail(): never {
    throw NOT_TAKEN
  }

  /** Moves {@link line} and {@link col} (1-based, in code units) to offset `at`, forward from the last one asked. */
  private point(at: number): void {
    if (this.nextLineFeed === -2) this.nextLineFeed = this.input.indexOf('\n')
    while (this.nextLineFeed >= 0 && this.nextLineFeed < at) {
      this.line++
      this.lineStart = this.nextLineFeed + 1
      this.nextLineFeed = this.input.indexOf('\n', this.lineStart)
    }
    this.col = at - this.lineStart + 1
  }

  /** parse5's location of the token from `start` to `end`. */
  private location(start: number, end: number): Location {
    this.point(start)
    const startLine = this.line
    const startCol = this.col
    this.point(end)
    return { startLine, startCol, startOffset: start, endLine: this.line, endCol: this.col, endOffset: end }
  }

  private current(): T['parentNode'] {
    return this.open.length === 0 ? this.document : this.open[this.open.length - 1]!
  }

  read(): T['document'] {
    const input = this.input
    let at = 0
    while (at < input.length) {
      const lt = input.indexOf('<', at)
      const textEnd = lt < 0 ? input.length : lt
      if (textEnd > at) this.text(at, textEnd)
      if (lt < 0) break
      at = this.markup(lt)
    }
    this.end()
    return this.document
  }

  /** Text from `start` to `end` (no `<` in it): white space and other text as the insertion mode takes them. */
  private text(start: number, end: number): void {
    const input = this.input
    let k = start
    while (k < end && isSpace(input.charCodeAt(k))) k++
    if (k > start) this.spaces(start, k)
    if (k === end) return
    // Text that starts with a reference before the body: parse5 starts its node's position after
    // the reference (in the body, and in a title, at the `&`).
    if (this.mode !== Mode.InBody && startsWithReference(input, k)) this.fail()
    // Text other than white space: in the body only (implied where parse5 implies it).
    if (this.mode < Mode.InBody) this.impliedBody(k)
    else if (this.mode !== Mode.InBody) this.fail()
    this.insertText(decodeText(input.slice(k, end)) ?? this.fail(), k, end)
  }

  /**
   * White space from `start` to `end`: ignored before the head, else text of the current node
   * (the head, `html` after the head, and the body, still open, after the body).
   */
  private spaces(start: number, end: number): void {
    if (this.mode > Mode.BeforeHead) this.insertText(this.input.slice(start, end), start, end)
  }

  private insertText(chars: string, start: number, end: number): void {
    const parent = this.current()
    const adapter = this.adapter
    adapter.insertText(parent, chars)
    const siblings = adapter.getChildNodes(parent)
    const node = siblings[siblings.length - 1]!
    const location = this.location(start, end)
    if (adapter.getNodeSourceCodeLocation(node)) adapter.updateNodeSourceCodeLocation(node, { endLine: location.endLine, endCol: location.endCol, endOffset: location.endOffset })
    else adapter.setNodeSourceCodeLocation(node, location)
  }

  /** The markup at `lt`; returns the offset after it. */
  private markup(lt: number): number {
    const input = this.input
    const next = input.charCodeAt(lt + 1)
    if (next === 0x21) return input.startsWith('<!--', lt) ? this.comment(lt) : this.doctype(lt)
    if (next === 0x2f) return this.endTag(lt)
    if (!isAsciiAlpha(next)) this.fail()
    return this.startTag(lt)
  }

  private doctype(lt: number): number {
    const match = /^<!doctype[ \t\n\f]+html[ \t\n\f]*>/i.exec(this.input.slice(lt, lt + 40))
    if (match === null || this.mode !== Mode.Initial) this.fail()
    const end = lt + match[0].length
    const adapter = this.adapter
    adapter.setDocumentType(this.document, 'html', '', '')
    // The doctype is the document's only child (nothing comes before it here).
    const doctype = adapter.getChildNodes(this.document)[0]
    if (doctype !== undefined && adapter.isDocumentTypeNode(doctype)) adapter.setNodeSourceCodeLocation(doctype, this.location(lt, end))
    adapter.setDocumentMode(this.document, htmlSpec.DOCUMENT_MODE.NO_QUIRKS)
    this.mode = Mode.BeforeHtml
    return end
  }

  private comment(lt: number): number {
    const input = this.input
    const close = input.indexOf('-->', lt + 4)
    if (close < 0) this.fail()
    const data = input.slice(lt + 4, close)
    if (data.includes('--') || data.startsWith('>') || data.startsWith('->') || data.endsWith('-') || data.includes('<!-')) this.fail()
    if (this.mode !== Mode.InHead && this.mode !== Mode.InBody) this.fail()
    const adapter = this.adapter
    const node = adapter.createCommentNode(data)
    adapter.appendChild(this.current(), node)
    adapter.setNodeSourceCodeLocation(node, this.location(lt, close + 3))
    return close + 3
  }

  /** Where the tag name starting at `from` ends (letters, digits and `-`: any other unit after it is read as what follows a name). */
  private tagNameEnd(from: number): number {
    const input = this.input
    let k = from
    while (k < input.length && isTagNameUnit(input.charCodeAt(k))) k++
    return k
  }

  /** A start tag: its name (lower case), attributes, whether it ends with `/>`, and the offset after it. */
  private readTag(lt: number): { name: string; attrs: Token.Attribute[]; selfClosing: boolean; end: number } {
    const input = this.input
    let k = this.tagNameEnd(lt + 1)
    const name = input.slice(lt + 1, k).toLowerCase()
    const attrs: Token.Attribute[] = []
    for (;;) {
      const before = k
      while (k < input.length && isSpace(input.charCodeAt(k))) k++
      const c = input.charCodeAt(k)
      if (c === 0x3e) return { name, attrs, selfClosing: false, end: k + 1 }
      if (c === 0x2f) {
        if (input.charCodeAt(k + 1) !== 0x3e) this.fail()
        return { name, attrs, selfClosing: true, end: k + 2 }
      }
      // An attribute: after white space only, a name starting with a letter.
      if (k === before || !isAsciiAlpha(c)) this.fail()
      const nameStart = k
      while (k < input.length && isNameUnit(input.charCodeAt(k))) k++
      const attrName = input.slice(nameStart, k).toLowerCase()
      let value = ''
      let j = k
      while (j < input.length && isSpace(input.charCodeAt(j))) j++
      if (input.charCodeAt(j) === 0x3d) {
        j++
        while (j < input.length && isSpace(input.charCodeAt(j))) j++
        const quote = input.charCodeAt(j)
        if (quote === 0x22 || quote === 0x27) {
          const close = input.indexOf(quote === 0x22 ? '"' : "'", j + 1)
          if (close < 0) this.fail()
          value = decodeText(input.slice(j + 1, close)) ?? this.fail()
          k = close + 1
          const after = input.charCodeAt(k)
          if (!isSpace(after) && after !== 0x3e && after !== 0x2f) this.fail()
        } else {
          let e = j
          while (e < input.length) {
            const u = input.charCodeAt(e)
            if (isSpace(u) || u === 0x3e || u === 0x22 || u === 0x27 || u === 0x3d || u === 0x3c || u === 0x60 || u === 0x26 || u === 0x2f) break
            e++
          }
          if (e === j) this.fail()
          value = input.slice(j, e)
          k = e
          const after = input.charCodeAt(k)
          if (!isSpace(after) && after !== 0x3e) this.fail()
        }
      }
      // parse5 keeps the first of two attributes of one name; a tag with very many is parse5's (no quadratic check here).
      if (attrs.length >= MAX_ATTRIBUTES) this.fail()
      if (!hasAttribute(attrs, attrName)) attrs.push({ name: attrName, value })
    }
  }

  private startTag(lt: number): number {
    const tag = this.readTag(lt)
    const { name, end } = tag
    if (tag.selfClosing && !VOID.has(name) && !HEAD_VOID.has(name)) this.fail()
    if (this.mode === Mode.Initial) {
      this.adapter.setDocumentMode(this.document, htmlSpec.DOCUMENT_MODE.QUIRKS)
      this.mode = Mode.BeforeHtml
    }
    if (name === 'html') {
      if (this.mode > Mode.BeforeHtml) this.fail()
      this.mode = Mode.BeforeHead
      this.insert(name, tag.attrs, this.location(lt, end), true)
      return end
    }
    if (this.mode <= Mode.BeforeHtml) this.impliedHtml()
    if (name === 'head') {
      if (this.mode !== Mode.BeforeHead) this.fail()
      this.insert(name, tag.attrs, this.location(lt, end), true)
      this.mode = Mode.InHead
      return end
    }
    if (this.mode === Mode.BeforeHead) this.impliedHead()
    if (this.mode === Mode.InHead) {
      if (HEAD_VOID.has(name)) {
        this.insert(name, tag.attrs, this.location(lt, end), false)
        return end
      }
      if (name === 'title') return this.title(lt, tag.attrs, end)
      this.popHead(lt)
    }
    // After the head, parse5 puts head elements back into it.
    if (this.mode === Mode.AfterHead && (HEAD_VOID.has(name) || name === 'title')) this.fail()
    if (name === 'body') {
      if (this.mode !== Mode.AfterHead) this.fail()
      this.insert(name, tag.attrs, this.location(lt, end), true)
      this.mode = Mode.InBody
      return end
    }
    if (this.mode === Mode.AfterHead) this.impliedBody(lt)
    if (this.mode !== Mode.InBody) this.fail()
    if (VOID.has(name)) {
      if (name === 'hr' && this.openP > 0) this.fail()
      this.insert(name, tag.attrs, this.location(lt, end), false)
      return end
    }
    if (BLOCKS.has(name)) {
      if (this.openP > 0 || (HEADINGS.has(name) && this.openHeadings > 0)) this.fail()
      // parse5 closes an open `li` that no list element or other special element but `address`, `div` and `p` separates from this one.
      if (name === 'li') {
        const nearest = this.listScope[this.listScope.length - 1] ?? -1
        if (nearest >= 0 && this.names[nearest] === 'li') this.fail()
      }
    } else if (!INLINE.has(name)) this.fail()
    if (name === 'a' && this.openA > 0) this.fail()
    this.insert(name, tag.attrs, this.location(lt, end), true)
    return end
  }

  /** `<title>` in the head: text (references read) up to `</title>`. */
  private title(lt: number, attrs: Token.Attribute[], tagEnd: number): number {
    const input = this.input
    this.insert('title', attrs, this.location(lt, tagEnd), true)
    const close = input.indexOf('</', tagEnd)
    const closeEnd = close + '</title>'.length
    if (close < 0 || input.slice(close, closeEnd).toLowerCase() !== '</title>') this.fail()
    if (close > tagEnd) {
      // parse5 reads white space and other text of a title as separate tokens: one text node either way.
      const value = decodeText(input.slice(tagEnd, close)) ?? this.fail()
      this.insertText(value, tagEnd, close)
    }
    this.close(this.location(close, closeEnd))
    return closeEnd
  }

  /** An element made and placed in the current node, with its start tag's location (`null`: implied); pushed when `push`. */
  private insert(name: string, attrs: Token.Attribute[], location: Location | null, push: boolean): T['element'] {
    const adapter = this.adapter
    const element = adapter.createElement(name, htmlSpec.NS.HTML, attrs)
    adapter.setNodeSourceCodeLocation(element, location)
    adapter.appendChild(this.current(), element)
    if (push) {
      this.pushOpen(element, name)
      if (name === 'p') this.openP++
      else if (name === 'a') this.openA++
      else if (HEADINGS.has(name)) this.openHeadings++
    }
    return element
  }

  /** The element parse5 implies (no location), pushed. */
  private implied(name: string): T['element'] {
    return this.insert(name, [], null, true)
  }

  private pushOpen(element: T['element'], name: string): void {
    this.open.push(element)
    this.names.push(name)
    this.listScope.push(name === 'li' || LIST_SCOPE.has(name) ? this.names.length - 1 : (this.listScope[this.listScope.length - 1] ?? -1))
  }

  /** The current element off the stack, and its name. */
  private popOpen(): { element: T['element'] | undefined; name: string | undefined } {
    this.listScope.pop()
    return { element: this.open.pop(), name: this.names.pop() }
  }

  private impliedHtml(): void {
    if (this.mode === Mode.Initial) this.adapter.setDocumentMode(this.document, htmlSpec.DOCUMENT_MODE.QUIRKS)
    this.implied('html')
    this.mode = Mode.BeforeHead
  }

  private impliedHead(): void {
    this.implied('head')
    this.mode = Mode.InHead
  }

  /** The head closed by what is not head content at `at` (its end is where that starts). */
  private popHead(at: number): void {
    const head = this.popOpen().element!
    this.setEnd(head, this.location(at, at), false)
    this.mode = Mode.AfterHead
  }

  /** Whatever text or tag at `at` needs a body: the elements parse5 implies before it (a head open is closed there). */
  private impliedBody(at: number): void {
    if (this.mode <= Mode.BeforeHtml) this.impliedHtml()
    if (this.mode === Mode.BeforeHead) this.impliedHead()
    if (this.mode === Mode.InHead) this.popHead(at)
    if (this.mode === Mode.AfterHead) {
      this.implied('body')
      this.mode = Mode.InBody
    }
  }

  /** The current element, closed by its end tag at `location`. */
  private close(location: Location): void {
    const { element, name } = this.popOpen()
    if (element === undefined || name === undefined) this.fail()
    if (name === 'p') this.openP--
    else if (name === 'a') this.openA--
    else if (HEADINGS.has(name)) this.openHeadings--
    this.setEnd(element, location, true)
  }

  private endTag(lt: number): number {
    const input = this.input
    if (!isAsciiAlpha(input.charCodeAt(lt + 2))) this.fail()
    let k = this.tagNameEnd(lt + 2)
    const name = input.slice(lt + 2, k).toLowerCase()
    while (k < input.length && isSpace(input.charCodeAt(k))) k++
    if (input.charCodeAt(k) !== 0x3e) this.fail()
    const end = k + 1
    const location = this.location(lt, end)
    const top = this.names[this.names.length - 1]
    if (name === 'head') {
      if (this.mode !== Mode.InHead || top !== 'head') this.fail()
      this.close(location)
      this.mode = Mode.AfterHead
      return end
    }
    if (name === 'body' || name === 'html') {
      if (this.mode === Mode.InBody && top === 'body') {
        this.mode = Mode.AfterBody
        if (name === 'body') {
          this.setEnd(this.open[1]!, location, true)
          return end
        }
      }
      if (name === 'html' && this.mode === Mode.AfterBody && this.names[0] === 'html') {
        this.mode = Mode.AfterAfterBody
        this.setEnd(this.open[0]!, location, true)
        const body = this.open[1]
        if (body !== undefined && !this.hasEndTag(body)) this.setEnd(body, location, false)
        return end
      }
      this.fail()
    }
    if (this.mode !== Mode.InBody || top !== name || VOID.has(name)) this.fail()
    this.close(location)
    return end
  }

  /** Whether the element's end tag was read (as the adapter holds it). */
  private hasEndTag(element: T['element']): boolean {
    return (this.adapter.getNodeSourceCodeLocation(element) as Token.ElementLocation | null)?.endTag !== undefined
  }

  /**
   * parse5's end of an element (`_setEndLocation`), when it has a location: at the end of its end
   * tag at `location` (`own`), else at the start of the token that closed it.
   */
  private setEnd(element: T['element'], location: Location, own: boolean): void {
    const adapter = this.adapter
    if (adapter.getNodeSourceCodeLocation(element) === null) return
    if (own) adapter.updateNodeSourceCodeLocation(element, { endTag: location, endLine: location.endLine, endCol: location.endCol, endOffset: location.endOffset })
    else adapter.updateNodeSourceCodeLocation(element, { endLine: location.startLine, endCol: location.startCol, endOffset: location.startOffset })
  }

  /** The end of the input: every element but `html` and `body` must be closed. */
  private end(): void {
    if (this.mode < Mode.InBody || this.open.length > 2) this.fail()
    const eof = this.location(this.input.length, this.input.length)
    const [html, body] = this.open
    // As parse5 ends them: only while `html` has a location and no end tag.
    if (html !== undefined && this.adapter.getNodeSourceCodeLocation(html) !== null && !this.hasEndTag(html)) {
      this.setEnd(html, eof, false)
      if (body !== undefined && !this.hasEndTag(body)) this.setEnd(body, eof, false)
    }
  }
}

/** Whether a reference starts at `at` (`&` before a name or `#`: what parse5 reads as one). */
function startsWithReference(input: string, at: number): boolean {
  if (input.charCodeAt(at) !== 0x26) return false
  const next = input.charCodeAt(at + 1)
  return next === 0x23 || isAsciiAlpha(next) || (next >= 0x30 && next <= 0x39)
}

function hasAttribute(attrs: readonly Token.Attribute[], name: string): boolean {
  for (let k = 0; k < attrs.length; k++) if (attrs[k]!.name === name) return true
  return false
}

/**
 * `raw` with its references read, or `null` when it holds one this reader leaves to parse5 (see
 * the module documentation); the same in text and in attribute values, every reference read here
 * being ended by `;`.
 */
function decodeText(raw: string): string | null {
  let amp = raw.indexOf('&')
  if (amp < 0) return raw
  let out = ''
  let last = 0
  while (amp >= 0) {
    let k = amp + 1
    let decoded: string | undefined
    if (raw.charCodeAt(k) === 0x23) {
      const hex = raw.charCodeAt(k + 1) === 0x78 || raw.charCodeAt(k + 1) === 0x58
      k += hex ? 2 : 1
      const from = k
      while (k < raw.length && k - from <= 7 && (hex ? isHexDigit(raw.charCodeAt(k)) : isDigit(raw.charCodeAt(k)))) k++
      if (k === from || k - from > 7 || raw.charCodeAt(k) !== 0x3b) return null
      const cp = Number.parseInt(raw.slice(from, k), hex ? 16 : 10)
      if (!((cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfdcf) || (cp >= 0xfdf0 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff && (cp & 0xfffe) !== 0xfffe))) return null
      decoded = String.fromCodePoint(cp)
    } else {
      while (k < raw.length && isNameUnit(raw.charCodeAt(k))) k++
      if (k === amp + 1) {
        // `&` before anything but a name or `#` is text.
        amp = raw.indexOf('&', amp + 1)
        continue
      }
      if (raw.charCodeAt(k) !== 0x3b) return null
      decoded = NAMED.get(raw.slice(amp + 1, k))
      if (decoded === undefined) return null
    }
    // `k` is at the `;`.
    out += raw.slice(last, amp) + decoded
    last = k + 1
    amp = raw.indexOf('&', last)
  }
  return out + raw.slice(last)
}

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39
const isHexDigit = (c: number): boolean => isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46)
