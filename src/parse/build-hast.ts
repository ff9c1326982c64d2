/**
 * HTML to a hast tree in one pass: parse5 (the HTML standard's parsing algorithm: what makes a
 * page "a browser survives" read as a browser reads it) builds the hast nodes itself, through a
 * tree adapter of ours, rather than building its own tree for `hast-util-from-parse5` to copy.
 *
 * Why not `rehype-parse` (which runs parse5, then `hast-util-from-parse5`): its parse was most of
 * the HTML path's own cost, and most of that was bookkeeping, not parsing. parse5's default tree
 * adapter copies a node's whole location object each time the node grows (every word and every
 * space of a paragraph is a character token of its own, each merged into the paragraph's text
 * node), then the conversion copies every node again and builds its position. Here a node's
 * position is made once, when parse5 places the node, and its end is updated in place (an
 * element's is kept as parse5's location and its end, and made when first read).
 *
 * parse5's tokenizer is also made to read text by runs ({@link TextRunTokenizer}): it reads a
 * page one code point at a time, through four calls each, and hands the tree builder a token
 * (with a location object, and a text node update) for every word and every space. Here a run
 * of plain characters is taken in one regular-expression match, and words and spaces stay one
 * token wherever the tree builder treats them alike; attribute values, comments, raw text,
 * scripts and the rest of tag and attribute names are read by runs too, an attribute written
 * `name="plain value"` in one step, and no attribute gets a location (nothing reads one). The
 * tree is the same, node for node and position for position
 * (the page parse, walk included, takes 0.45× its time before on the bench pages, 0.42× on real
 * pages: `bench/results/bench.md`, docs/speed.md "The HTML path"). That tokenizer extends parse5's protected
 * members, so the first parse checks it against parse5's own on markup that takes all its paths,
 * and uses parse5's own should a later parse5 read it differently ({@link readsTextByRuns}).
 * One such parser parses a thread's pages one after the other, reset to a new parser's state
 * after each ({@link parseReusing}); the same check makes sure a reset leaves nothing behind.
 *
 * A page simple enough (every element opened and closed in order, the elements of an article
 * body: `simple-page.ts`) is read without parse5, through the same adapter with the calls and
 * locations parse5 would make: the same tree, without parse5's per-token and per-page cost
 * (`test/parse/simple-page.test.ts` holds the two equal). Any other page is parse5's.
 *
 * The tree is the one `rehype-parse` gives (same nodes, properties, text, positions; checked by
 * `test/parse/build-hast.test.ts` against it), except:
 * - roots (the document, a `<template>`'s content) carry no `position`: nothing reads it, and
 *   `hast-util-from-parse5` computes the document's end point by scanning the whole input;
 * - inside `<svg>`, tag names are parse5's (its case fixes, not hastscript's longer list);
 * - an HTML `<template.x>` (a tag name hastscript reads as a selector) keeps its children
 *   where `hast-util-from-parse5` throws a TypeError;
 * - a `<template>` inside `<math>` left without its end tag ends where its last child ends, as
 *   every other such element does (`hast-util-from-parse5` moves a template's children into its
 *   `content` while it sets positions, so there it ends where the tag that closed it starts).
 * Nodes also hold parse5's own fields (parent, attribute list, namespace) under symbol keys,
 * which `JSON.stringify` and the hast utilities do not see. An element's `properties` and
 * `position` are made from its attribute list and location when first read ({@link ElementNode}: accessors, not own fields;
 * `JSON.stringify` gives the same text), and `isHidden` reads the list itself
 * (`element-attributes.ts`), so most elements of a page never make theirs in `clean()`. Being
 * accessors, they are not seen by `Object.keys`, a spread, `structuredClone` or `delete`: the tree
 * is for this package's walks (none copies or deletes a node's fields), not handed to callers.
 *
 * @module
 */
import type { Comment, Doctype, Element, ElementContent, Properties, Root, RootContent, Text } from 'hast'
import { html as htmlSpec, InsertionMode, Parser, Token, Tokenizer, TokenizerMode, type ParserOptions, type TreeAdapter, type TreeAdapterTypeMap } from 'parse5'
import { find, html as htmlSchema, normalize, svg as svgSchema } from 'property-information'
import { UNREAD_ATTRIBUTES } from './element-attributes.js'
import { readSimplePage } from './simple-page.js'

/** What {@link buildHast} gives: the tree, and how deep its elements nest. */
export interface BuiltHast {
  tree: Root
  /** Elements on the longest path from the root down (template contents included). */
  depth: number
  /** Which reader built it: the simple pages' own (`simple-page.ts`) or parse5. */
  reader: 'simple' | 'parse5'
}

/**
 * Parses `input` as an HTML document (scripting off, as `rehype-parse` does) into a hast tree
 * with source positions (see the module documentation).
 */
export function buildHast(input: string): BuiltHast {
  return buildHastBy(input, true)
}

/**
 * {@link buildHast}, by parse5 alone when `simple` is `false` (the tests hold the simple reader's
 * trees to parse5's with it).
 */
export function buildHastBy(input: string, simple: boolean): BuiltHast {
  // The parser first: its first choice parses the self-check, which is no part of this build.
  const parser = chosenParser()
  const current: Build = { elements: [], depth: 0, placedOnce: true }
  build = current
  try {
    // A page simple enough is read without parse5 (`simple-page.ts`); what it made of a page it gave up is dropped.
    const read = simple ? readSimplePage<HastTypes>(input, ADAPTER) : null
    if (read !== null) return { tree: read, depth: finishTree(read, current), reader: 'simple' }
    current.elements = []
    current.depth = 0
    const tree = parser === TextRunParser ? parseReusing(input) : parser.parse<HastTypes>(input, PARSE_OPTIONS)
    return { tree, depth: finishTree(tree, current), reader: 'parse5' }
  } finally {
    build = null
  }
}

/**
 * What the adapter notes of the parse in progress, for {@link finishTree}: it spares most pages
 * a walk of the whole tree after the parse.
 */
interface Build {
  /** The elements made, in the order made. */
  elements: BuiltElement[]
  /** The depth of the deepest element placed (html is 1). */
  depth: number
  /**
   * Whether every node was placed once, where it stays, and no `<template>` holds content (whose
   * elements' depth starts from the template's): then an element's children were all made after
   * it, and {@link depth} is the tree's. parse5 moves nodes (the adoption agency, a frameset's
   * body) by detaching them first.
   */
  placedOnce: boolean
}

/** The parse in progress ({@link buildHast}); `null` outside one (the self-check's parse is not recorded). */
let build: Build | null = null

/** The parser in use, chosen on the first parse (see {@link chosenParser}). */
let parserClass: typeof Parser | null = null

/**
 * {@link readsAsParse5} as the package build found it (tsup.config.ts) for the copy of parse5
 * the ESM build bundles: that copy cannot change after the build, so its pages skip the check
 * (~6 ms of the CLI's start-up on a page: two parses of cold code). Absent from source and from
 * the CommonJS build, which import the installed parse5 and check it on the first parse.
 */
declare const __NEWS_DEDUP_READS_AS_PARSE5__: boolean | undefined

/** The parser pages are parsed with: {@link TextRunParser} when it {@link readsAsParse5}, else parse5's own; chosen once. */
function chosenParser(): typeof Parser {
  parserClass ??= (typeof __NEWS_DEDUP_READS_AS_PARSE5__ === 'boolean' ? __NEWS_DEDUP_READS_AS_PARSE5__ : readsAsParse5()) ? TextRunParser : Parser
  return parserClass
}

/**
 * Whether pages are parsed with the tokenizer that reads text by runs (`false`: the installed
 * parse5's internals differ from those it was written against, and parse5's own is used).
 */
export function readsTextByRuns(): boolean {
  return chosenParser() === TextRunParser
}

/**
 * Markup that takes every path of {@link TextRunTokenizer}: text and white space in and out of
 * the modes that tell them apart, references, CRLF, NUL, surrogates, raw text, script data,
 * attribute values, comments, tag and attribute names (upper case, digits, `-_:.`, NUL, quotes,
 * non-ASCII, duplicates, without a value, CR and LF inside a tag, `/>`).
 */
const SELF_CHECK =
  '<!doctype html><title>T &amp; t</title><style>p { }</style><script>if (a < b && c) {}</script>\r\n<body><p title="a &amp; b\nc" data-x=\'d "e"\'>Un  mot,\tpuis&nbsp;deux\r\n😀 x\0y</p>' +
  '<!-- un - commentaire -->\n<pre>\nligne</pre><textarea>\n zone</textarea><table> <tr> t <td> a  b </td> </tr> </table><math><mi> x y </mi></math>fin ' +
  '<DIV Class="a" data-x1:y_z.w=1 hidden a=2 a=3 é-ü=4 x"y<z=5 n\0m=6\r\nlang=fr\nid=i><h2\0x>t</h2\0x><svg viewBox="0 0 1 1"><foreignObject/></svg><br/></DIV ><p.a#b>s</p.a#b>' +
  `<i ${Array.from({ length: 70 }, (_, k) => (k % 2 === 0 ? `a${k % 66}=${k}` : `a${k % 66}="${k}"`)).join(' ')} id="x" id="y" b="1"c="2"/d="" t="a value past twelve units">many</i>`

/**
 * Whether {@link TextRunParser} builds the tree parse5's own parser builds on {@link SELF_CHECK}
 * (positions included), reused as pages are parsed: the same parser, after pages that leave it
 * mid-way ({@link LEFT_MID_WAY}), builds each tree as parse5 builds it, and each reset leaves it
 * in a new parser's state ({@link sameState}, {@link resetsEveryField}). It relies on parse5's
 * internals (protected members); should a later parse5 change them, the plain parser is used,
 * slower but the same.
 */
function readsAsParse5(): boolean {
  try {
    if (!resetsEveryField()) return false
    // One parser for the pages that leave it in the most states, then the self-check: each tree as a fresh parse5 builds it.
    const reused = new TextRunParser<HastTypes>(PARSE_OPTIONS)
    for (const page of [...LEFT_MID_WAY, SELF_CHECK]) {
      reused.tokenizer.write(page, true)
      const tree = JSON.stringify(reused.document)
      reused.reset()
      if (tree !== JSON.stringify(Parser.parse<HastTypes>(page, PARSE_OPTIONS))) return false
      if (!sameState(reused, new TextRunParser<HastTypes>(PARSE_OPTIONS), new Set())) return false
    }
    return true
  } catch {
    return false
  }
}

/**
 * Pages that end with the parser mid-way through something ({@link readsAsParse5} parses the
 * self-check after them with the same parser): a form, formatting elements, a table cell, a
 * template, `<svg>`, an attribute value and a reference (all still open at the end); text
 * pending in a table; a quirks-mode doctype and a `<pre>` whose next line feed is to be skipped;
 * an `<annotation-xml>` (kept in a map parse5 makes on first use, {@link LAZY_MAP}).
 */
const LEFT_MID_WAY = [
  '<html><head><title>t</title></head><body><form><b><i><table><tr><td><template><svg><desc><p title="x &am',
  '<p>x<table> a <tr><td>b</td></tr> c <!-- d',
  '<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN"><pre>',
  '<p>x<math><annotation-xml encoding="text/html"><p>y',
]

/**
 * The own fields of parse5's parser and tokenizer, as {@link TextRunParser.reset} sets them again:
 * should a later parse5 add one, {@link resetsEveryField} says so and pages are parsed by parse5's
 * own parser (and the package build stops: tsup.config.ts).
 */
const PARSER_FIELDS = [
  'fragmentContext', 'scriptHandler', 'currentToken', 'stopped', 'insertionMode', 'originalInsertionMode', 'headElement', 'formElement',
  'currentNotInHTML', 'tmplInsertionModeStack', 'pendingCharacterTokens', 'hasNonWhitespacePendingCharacterToken', 'framesetOk',
  'skipNextNewLine', 'fosterParentingEnabled', 'options', 'treeAdapter', 'onParseError', 'document', 'tokenizer',
  'activeFormattingElements', 'fragmentContextID', 'openElements',
  // TextRunParser's own (kept: filled again at each use)
  'endLocation',
].join()
const TOKENIZER_FIELDS = [
  'options', 'handler', 'paused', 'inLoop', 'inForeignNode', 'lastStartTagName', 'active', 'state', 'returnState', 'entityStartPos',
  'consumedAfterSnapshot', 'currentCharacterToken', 'currentToken', 'currentAttr', 'currentAttrLocation', 'currentAttrNames',
  'runStart', 'runEnd', 'preprocessor', 'currentLocation', 'entityDecoder',
  // TextRunTokenizer's own
  'namesOf', 'attributeNames',
].join()

/**
 * parse5's parser makes this map (of `<annotation-xml>` elements) on first use, not in its
 * constructor, and empties it only as elements are popped, which the end of the input does not
 * do: {@link TextRunParser.reset} clears it (found in review: 5,000 pages ending inside one
 * kept 19.5 MB of trees alive), and {@link sameState} takes a cleared one as a new parser's absent one.
 */
const LAZY_MAP = 'annotationXmlIntegrationPoints'

/**
 * The fields a reset keeps as they are ({@link TextRunParser.reset}): the reference decoder,
 * whose state each reference starts again (`startEntity`), and {@link TextRunParser}'s end
 * location, filled again at each use.
 */
const KEPT_FIELDS: ReadonlySet<string> = new Set(['entityDecoder', 'endLocation'])

/**
 * Whether two parse states hold the same: the same own fields, equal where they are primitives,
 * objects (arrays too) of the same class with the same state, maps of the same size, any two
 * functions alike (the entity decoder's callbacks are made per tokenizer), fields of
 * {@link KEPT_FIELDS} of the same class (each object once: a tokenizer's handler is its parser).
 * After a reset, a parser must be in a new one's state: a new one's maps are empty, so the size
 * says it.
 */
function sameState(a: unknown, b: unknown, seen: Set<unknown>): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return typeof a === 'function' && typeof b === 'function'
  if (seen.has(a)) return true
  seen.add(a)
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false
  if (a instanceof Map && b instanceof Map) return a.size === b.size
  const lazy = (a as Record<string, unknown>)[LAZY_MAP]
  if (lazy !== undefined && !(lazy instanceof Map && lazy.size === 0 && !Object.hasOwn(b, LAZY_MAP))) return false
  const keys = Object.keys(a).filter((key) => key !== LAZY_MAP)
  if (keys.join() !== Object.keys(b).join()) return false
  for (const key of keys) {
    const [x, y] = [(a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]]
    if (KEPT_FIELDS.has(key) ? Object.getPrototypeOf(x) !== Object.getPrototypeOf(y) : !sameState(x, y, seen)) return false
  }
  return true
}

/** Whether a new parser has exactly the fields {@link TextRunParser.reset} knows, in the order made. */
function resetsEveryField(): boolean {
  const parser = new TextRunParser<HastTypes>(PARSE_OPTIONS)
  return Object.keys(parser).join() === PARSER_FIELDS && Object.keys(parser.tokenizer).join() === TOKENIZER_FIELDS
}

/**
 * This thread's parser between two pages, in the state parse5's constructor leaves it
 * ({@link TextRunParser.reset}); `null` before the first page and while one is parsed (a parse
 * started then makes a parser of its own).
 */
let idleParser: TextRunParser<HastTypes> | null = null

/**
 * `input` parsed by {@link TextRunParser}, the same parser page after page: a new one for each
 * page was 3 µs of a page, and its constructor (called once a page) among the functions V8
 * compiled last, when the rest of the parse had long been fast (`node --trace-opt`). The parser
 * is reset after each page, a failed one too, so it holds nothing of the page it parsed.
 */
function parseReusing(input: string): BuiltRoot {
  const parser = idleParser ?? new TextRunParser<HastTypes>(PARSE_OPTIONS)
  idleParser = null
  try {
    parser.tokenizer.write(input, true)
    return parser.document
  } finally {
    parser.reset()
    idleParser = parser
  }
}

const PARENT = Symbol('parent')
const ATTRIBUTES = Symbol('attributes')
const NAMESPACE = Symbol('namespace')
const TAG_NAME = Symbol('tag name')
const END_TAG = Symbol('end tag')
const MODE = Symbol('document mode')
const DOCTYPE = Symbol('doctype')
const PROPERTIES = Symbol('properties')
const DEPTH = Symbol('depth')
const START = Symbol('start')
const END_LINE = Symbol('end line')
const END_COLUMN = Symbol('end column')
const END_OFFSET = Symbol('end offset')
const POSITION = Symbol('position')

type Parent = BuiltRoot | BuiltElement
type Child = BuiltElement | BuiltText | BuiltComment | BuiltDoctype

interface BuiltRoot extends Root {
  children: Array<RootContent & Child>
  [MODE]: htmlSpec.DOCUMENT_MODE
}
interface BuiltElement extends Element {
  children: Array<ElementContent & Child>
  [PARENT]: Parent | null
  /** parse5's attribute list (its source for `properties`). */
  [ATTRIBUTES]: Token.Attribute[]
  [NAMESPACE]: htmlSpec.NS
  /** The tag name as parse5 knows it (hast's may differ: see `hastTagName`). */
  [TAG_NAME]: string
  /** Whether the element's end tag was seen (an element closed by another tag, or by the end of the input, has none). */
  [END_TAG]: boolean
  /** Elements from the root down to it, itself included, where it was placed (see {@link Build}). */
  [DEPTH]: number
  /** While its `position` is not made ({@link ElementNode}): parse5's location of its start tag, `null` when it has none. */
  [START]: Token.Location | null
  /** While its `position` is not made: where it ends. */
  [END_LINE]: number
  [END_COLUMN]: number
  [END_OFFSET]: number
  /** Its `position` once made or set. */
  [POSITION]: Element['position']
  [UNREAD_ATTRIBUTES]: Token.Attribute[] | null
}
interface BuiltText extends Text {
  [PARENT]: Parent | null
}
interface BuiltComment extends Comment {
  [PARENT]: Parent | null
}
interface BuiltDoctype extends Doctype {
  [PARENT]: Parent | null
  [DOCTYPE]: { name: string; publicId: string; systemId: string }
}

interface HastTypes extends TreeAdapterTypeMap {
  node: Parent | Child
  parentNode: Parent
  childNode: Child
  document: BuiltRoot
  documentFragment: BuiltRoot
  element: BuiltElement
  commentNode: BuiltComment
  textNode: BuiltText
  template: BuiltElement
  documentType: BuiltDoctype
}

/**
 * What parse5 asks of a node's location: whether it has one, and whether it has an end tag.
 * The position itself lives on the node as hast's `position`.
 */
const LOCATED = { startLine: 0, startCol: 0, startOffset: 0, endLine: 0, endCol: 0, endOffset: 0 } as Token.ElementLocation
const LOCATED_WITH_END_TAG = { ...LOCATED, endTag: LOCATED } as Token.ElementLocation

/** parse5's tree adapter, building hast nodes. Stateless: everything it knows is on the nodes. */
class HastAdapter implements TreeAdapter<HastTypes> {
  createDocument(): BuiltRoot {
    return { type: 'root', children: [], data: { quirksMode: false }, [MODE]: htmlSpec.DOCUMENT_MODE.NO_QUIRKS }
  }

  /** A fragment is a root too (hast has no fragment node): a `<template>`'s content is one. */
  createDocumentFragment(): BuiltRoot {
    return this.createDocument()
  }

  createElement(tagName: string, namespaceURI: htmlSpec.NS, attrs: Token.Attribute[]): BuiltElement {
    const element = new ElementNode(tagName, namespaceURI, attrs)
    build?.elements.push(element)
    return element
  }

  createCommentNode(data: string): BuiltComment {
    return { type: 'comment', value: data, position: undefined, [PARENT]: null }
  }

  createTextNode(value: string): BuiltText {
    return { type: 'text', value, position: undefined, [PARENT]: null }
  }

  appendChild(parentNode: Parent, newNode: Child): void {
    ;(parentNode.children as Child[]).push(newNode)
    newNode[PARENT] = parentNode
    if (newNode.type === 'element') placeElement(parentNode, newNode)
  }

  insertBefore(parentNode: Parent, newNode: Child, referenceNode: Child): void {
    const children = parentNode.children as Child[]
    children.splice(indexOfChild(children, referenceNode), 0, newNode)
    newNode[PARENT] = parentNode
    if (newNode.type === 'element') placeElement(parentNode, newNode)
  }

  setTemplateContent(templateElement: BuiltElement, contentElement: BuiltRoot): void {
    templateElement.content = contentElement
    if (build !== null) build.placedOnce = false
  }

  getTemplateContent(templateElement: BuiltElement): BuiltRoot {
    return templateElement.content as BuiltRoot
  }

  setDocumentType(document: BuiltRoot, name: string, publicId: string, systemId: string): void {
    const existing = document.children.find((node): node is BuiltDoctype => node.type === 'doctype')
    if (existing !== undefined) {
      existing[DOCTYPE] = { name, publicId, systemId }
      return
    }
    this.appendChild(document, { type: 'doctype', position: undefined, [PARENT]: null, [DOCTYPE]: { name, publicId, systemId } })
  }

  setDocumentMode(document: BuiltRoot, mode: htmlSpec.DOCUMENT_MODE): void {
    document[MODE] = mode
    document.data = { quirksMode: mode === htmlSpec.DOCUMENT_MODE.QUIRKS || mode === htmlSpec.DOCUMENT_MODE.LIMITED_QUIRKS }
  }

  getDocumentMode(document: BuiltRoot): htmlSpec.DOCUMENT_MODE {
    return document[MODE]
  }

  detachNode(node: Child): void {
    if (build !== null) build.placedOnce = false
    const parent = node[PARENT]
    if (parent === null) return
    const children = parent.children as Child[]
    children.splice(indexOfChild(children, node), 1)
    node[PARENT] = null
  }

  insertText(parentNode: Parent, text: string): void {
    const children = parentNode.children as Child[]
    const last = children[children.length - 1]
    if (last !== undefined && last.type === 'text') last.value += text
    else this.appendChild(parentNode, this.createTextNode(text))
  }

  insertTextBefore(parentNode: Parent, text: string, referenceNode: Child): void {
    const children = parentNode.children as Child[]
    const before = children[indexOfChild(children, referenceNode) - 1]
    if (before !== undefined && before.type === 'text') before.value += text
    else this.insertBefore(parentNode, this.createTextNode(text), referenceNode)
  }

  adoptAttributes(recipient: BuiltElement, attrs: Token.Attribute[]): void {
    const list = recipient[ATTRIBUTES]
    if (attrs.length === 0 || attrs === list) return
    const names = new Set(list.map((attribute) => attribute.name))
    let added = false
    for (const attribute of attrs) {
      if (names.has(attribute.name)) continue
      names.add(attribute.name)
      list.push(attribute)
      added = true
    }
    // Properties not made yet will be made from the longer list; made ones are made again.
    if (added && recipient[UNREAD_ATTRIBUTES] === null) recipient.properties = propertiesOfElement(recipient)
  }

  getFirstChild(node: Parent): Child | null {
    return (node.children[0] as Child | undefined) ?? null
  }

  getChildNodes(node: Parent): Child[] {
    return node.children as Child[]
  }

  getParentNode(node: Parent | Child): Parent | null {
    return node.type === 'root' ? null : node[PARENT]
  }

  getAttrList(element: BuiltElement): Token.Attribute[] {
    return element[ATTRIBUTES]
  }

  getTagName(element: BuiltElement): string {
    return element[TAG_NAME]
  }

  getNamespaceURI(element: BuiltElement): htmlSpec.NS {
    return element[NAMESPACE]
  }

  getTextNodeContent(textNode: BuiltText): string {
    return textNode.value
  }

  getCommentNodeContent(commentNode: BuiltComment): string {
    return commentNode.value
  }

  getDocumentTypeNodeName(doctypeNode: BuiltDoctype): string {
    return doctypeNode[DOCTYPE].name
  }

  getDocumentTypeNodePublicId(doctypeNode: BuiltDoctype): string {
    return doctypeNode[DOCTYPE].publicId
  }

  getDocumentTypeNodeSystemId(doctypeNode: BuiltDoctype): string {
    return doctypeNode[DOCTYPE].systemId
  }

  isTextNode(node: Parent | Child): node is BuiltText {
    return node.type === 'text'
  }

  isCommentNode(node: Parent | Child): node is BuiltComment {
    return node.type === 'comment'
  }

  isDocumentTypeNode(node: Parent | Child): node is BuiltDoctype {
    return node.type === 'doctype'
  }

  isElementNode(node: Parent | Child): node is BuiltElement {
    return node.type === 'element'
  }

  /**
   * A node placed in the tree: its position, made once (parse5 passes `null` for the elements it
   * implies). For a text node, also each character token merged into it (see
   * `getNodeSourceCodeLocation`): its end moves to the token's.
   */
  setNodeSourceCodeLocation(node: Parent | Child, location: Token.ElementLocation | null): void {
    if (node.type === 'root') return
    if (location === null) {
      node.position = undefined
      return
    }
    if (node.type === 'element') {
      locateElement(node, location)
      return
    }
    const position = node.position
    if (node.type === 'text' && position !== undefined) {
      const end = position.end
      end.line = location.endLine
      end.column = location.endCol
      end.offset = location.endOffset
      return
    }
    node.position = {
      start: { line: location.startLine, column: location.startCol, offset: location.startOffset },
      end: { line: location.endLine, column: location.endCol, offset: location.endOffset },
    }
  }

  /**
   * Whether a node has a location, and an end tag. `null` for a text node: parse5 then hands
   * over each merged character token's own location (`setNodeSourceCodeLocation`) rather than
   * building a copy of its end for `updateNodeSourceCodeLocation`, one object less per token.
   */
  getNodeSourceCodeLocation(node: Parent | Child): Token.ElementLocation | null {
    if (node.type !== 'element' || !hasPosition(node)) return null
    return node[END_TAG] ? LOCATED_WITH_END_TAG : LOCATED
  }

  /** An element was closed: its end moves, in place (parse5's own adapter copies the whole location each time). */
  updateNodeSourceCodeLocation(node: Parent | Child, location: Partial<Token.ElementLocation>): void {
    if (node.type === 'element' && node[POSITION] === undefined) {
      if (node[START] === null) return
      if (location.endLine !== undefined) node[END_LINE] = location.endLine
      if (location.endCol !== undefined) node[END_COLUMN] = location.endCol
      if (location.endOffset !== undefined) node[END_OFFSET] = location.endOffset
      if (location.endTag !== undefined) node[END_TAG] = true
      return
    }
    if (node.type === 'root' || node.position === undefined) return
    const end = node.position.end
    if (location.endLine !== undefined) end.line = location.endLine
    if (location.endCol !== undefined) end.column = location.endCol
    if (location.endOffset !== undefined) end.offset = location.endOffset
    if (location.endTag !== undefined && node.type === 'element') node[END_TAG] = true
  }
}

/**
 * A hast element whose `properties` are made from parse5's attributes on first read (an accessor
 * of this class), not when parse5 creates it: making them was a sixth of the page parse on real
 * pages, and the paragraph walk reads two attributes of most elements and none of those inside
 * `<head>`, scripts or `<svg>` ({@link unreadAttributes}, `isHidden`). Set, they are what was set.
 * Its `position` is made on first read too (the walk reads those of the blocks it keeps whole).
 * `JSON.stringify` sees the same object as a plain hast element's ({@link ElementNode.toJSON}).
 */
class ElementNode implements BuiltElement {
  readonly type = 'element' as const
  tagName: string
  children: Array<ElementContent & Child> = []
  declare content?: Root;
  [PARENT]: Parent | null = null;
  [ATTRIBUTES]: Token.Attribute[];
  [NAMESPACE]: htmlSpec.NS;
  [TAG_NAME]: string;
  [END_TAG] = false;
  [DEPTH] = 0;
  [START]: Token.Location | null = null;
  [END_LINE] = 0;
  [END_COLUMN] = 0;
  [END_OFFSET] = 0;
  [POSITION]: Element['position'] = undefined;
  /** The attribute list while `properties` are not made (the same list as {@link ATTRIBUTES}), else `null`. */
  [UNREAD_ATTRIBUTES]: Token.Attribute[] | null
  /** The properties once made or set. */
  [PROPERTIES]: Properties | null = null

  constructor(tagName: string, namespaceURI: htmlSpec.NS, attrs: Token.Attribute[]) {
    this.tagName = hastTagName(tagName, namespaceURI)
    this[ATTRIBUTES] = attrs
    this[NAMESPACE] = namespaceURI
    this[TAG_NAME] = tagName
    this[UNREAD_ATTRIBUTES] = attrs
  }

  get properties(): Properties {
    if (this[PROPERTIES] === null) {
      this[PROPERTIES] = propertiesOfElement(this)
      this[UNREAD_ATTRIBUTES] = null
    }
    return this[PROPERTIES]
  }

  set properties(value: Properties) {
    this[PROPERTIES] = value
    this[UNREAD_ATTRIBUTES] = null
  }

  /** Made from parse5's location when first read ({@link locateElement}); set, it is what was set. */
  get position(): Element['position'] {
    const start = this[START]
    if (this[POSITION] === undefined && start !== null) {
      this[POSITION] = {
        start: { line: start.startLine, column: start.startCol, offset: start.startOffset },
        end: { line: this[END_LINE], column: this[END_COLUMN], offset: this[END_OFFSET] },
      }
    }
    return this[POSITION]
  }

  set position(value: Element['position']) {
    this[POSITION] = value
    this[START] = null
  }

  /** The element as a plain hast element's own fields (what `JSON.stringify` of `rehype-parse`'s tree holds). */
  toJSON(): Element {
    const plain: Element = { type: 'element', tagName: this.tagName, properties: this.properties, children: this.children, position: this.position }
    if (this.content !== undefined) plain.content = this.content
    return plain
  }
}

/** An element's hast properties from its parse5 attribute list and namespace. */
function propertiesOfElement(element: BuiltElement): Properties {
  return propertiesOf(element[TAG_NAME], element[ATTRIBUTES], element[NAMESPACE] === htmlSpec.NS.SVG ? svgSchema : htmlSchema)
}

const ADAPTER = new HastAdapter()

/** parse5's options: scripting off (as `rehype-parse`), positions, no error reports (which would make parse5 track every position). */
const PARSE_OPTIONS: ParserOptions<HastTypes> = { treeAdapter: ADAPTER, sourceCodeLocationInfo: true, scriptingEnabled: false, onParseError: null }

/** Where `node` is among `children` (parse5 mostly works at the end of a list: looked at first). */
function indexOfChild(children: readonly Child[], node: Child): number {
  const last = children.length - 1
  return children[last] === node ? last : children.indexOf(node)
}

/**
 * hast's tag name for parse5's: lower case, and a name holding `.` or `#` read as a selector
 * (`p.lead` is a `p` with the class `lead`), as hastscript reads it; inside `<svg>`, parse5's
 * own case (`foreignObject`).
 */
function hastTagName(tagName: string, namespaceURI: htmlSpec.NS): string {
  if (namespaceURI === htmlSpec.NS.HTML) {
    const known = HTML_TAG_NAMES.get(tagName)
    if (known !== undefined) return known
  }
  const name = tagName.includes('.') || tagName.includes('#') ? selectorTag(tagName) : tagName
  const hastName = namespaceURI === htmlSpec.NS.SVG ? name : name.toLowerCase()
  if (namespaceURI === htmlSpec.NS.HTML && HTML_TAG_NAMES.size < 512) HTML_TAG_NAMES.set(tagName, hastName)
  return hastName
}

/** hast's names of the HTML tag names seen (parse5's name → hast's), up to a few hundred: one look-up instead of two searches and a case change per element. */
const HTML_TAG_NAMES = new Map<string, string>()

const SELECTOR_MARK = /[#.]/

/** The tag name a selector starts with (`div` when it starts with `#` or `.`). */
function selectorTag(selector: string): string {
  const mark = SELECTOR_MARK.exec(selector)
  const tag = mark === null ? selector : selector.slice(0, mark.index)
  return tag === '' ? 'div' : tag
}

/** The id and class names a selector-like tag name carries (`p.a.b#c`), as hastscript reads them. */
function selectorProperties(selector: string, properties: Properties): void {
  const marks = /[#.]/g
  let previous: string | null = null
  let start = 0
  let match: RegExpExecArray | null
  do {
    match = marks.exec(selector)
    const end = match === null ? selector.length : match.index
    const part = selector.slice(start, end)
    if (part !== '' && previous === '#') properties.id = part
    else if (part !== '' && previous === '.') {
      const names = properties.className
      if (Array.isArray(names)) names.push(part)
      else properties.className = [part]
    }
    if (match !== null) {
      previous = match[0]
      start = end + 1
    }
  } while (match !== null)
}

type Schema = typeof htmlSchema

/**
 * An element's hast properties from parse5's attributes, as `hast-util-from-parse5` and
 * hastscript make them: names through property-information (`class` → `className`), lists
 * split (`class`, `rel`), numbers and booleans read (`colspan="2"` → 2, `hidden` → true); the
 * names of `Object.prototype`'s own members are skipped.
 */
function propertiesOf(tagName: string, attrs: readonly Token.Attribute[], schema: Schema): Properties {
  const properties: Properties = {}
  if (tagName.includes('.') || tagName.includes('#')) selectorProperties(tagName, properties)
  if (attrs.length === 0) return properties
  // hastscript reads a record of the attributes, whose integer-like keys come first: keep its order when there are some.
  const ordered = hasDigitName(attrs) ? recordOrder(attrs) : attrs
  for (const attribute of ordered) {
    const name = attribute.prefix ? `${attribute.prefix}:${attribute.name}` : attribute.name
    if (Object.hasOwn(Object.prototype, name)) continue
    addProperty(schema, properties, name, attribute.value)
  }
  return properties
}

const DIGIT = /^\d/

// The hot paths here make no closures: run under tsx (the bench), each closure made is also named at run time.
function hasDigitName(attrs: readonly Token.Attribute[]): boolean {
  for (const attribute of attrs) if (DIGIT.test(attribute.name)) return true
  return false
}

/** The attributes in the order of an object's keys (integer-like names first, ascending). */
function recordOrder(attrs: readonly Token.Attribute[]): Token.Attribute[] {
  const record: Record<string, Token.Attribute> = {}
  for (const attribute of attrs) record[attribute.prefix ? `${attribute.prefix}:${attribute.name}` : attribute.name] = attribute
  return Object.values(record)
}

/** Space characters of HTML, which separate the items of a space-separated list. */
const HTML_SPACES = /[ \t\n\r\f]+/g

function addProperty(schema: Schema, properties: Properties, name: string, value: string): void {
  const info = find(schema, name)
  let result: Properties[string]
  if (info.spaceSeparated) result = primitives(info, spaceSeparated(value))
  else if (info.commaSeparated) result = primitives(info, commaSeparated(value))
  else if (info.commaOrSpaceSeparated) result = primitives(info, spaceSeparated(commaSeparated(value).join(' ')))
  else result = primitive(info, value)
  const names = properties.className
  if (info.property === 'className' && Array.isArray(names)) result = [...names, ...(Array.isArray(result) ? result : [result as string | number])]
  properties[info.property] = result
}

function spaceSeparated(value: string): string[] {
  const trimmed = value.trim()
  return trimmed === '' ? [] : trimmed.split(HTML_SPACES)
}

/** Comma-separated items, trimmed; an empty item is kept except at the end. */
function commaSeparated(value: string): string[] {
  const items = value.split(',')
  for (let k = 0; k < items.length; k++) items[k] = items[k]!.trim()
  if (items[items.length - 1] === '') items.pop()
  return items
}

/** {@link primitive} of each item of a list (in place). */
function primitives(info: ReturnType<typeof find>, items: string[]): Array<string | number> {
  const list = items as Array<string | number>
  for (let k = 0; k < items.length; k++) list[k] = primitive(info, items[k]!) as string | number
  return list
}

/** A number for a numeric property (`colspan="2"`), `true` for a boolean one given empty or as its own name (`hidden="hidden"`). */
function primitive(info: ReturnType<typeof find>, value: string): string | number | boolean {
  if (info.number && value !== '' && !Number.isNaN(Number(value))) return Number(value)
  if ((info.boolean || info.overloadedBoolean) && (value === '' || normalize(value) === normalize(info.property))) return true
  return value
}

/** An element placed under `parent`: its depth, and the build's deepest (see {@link Build}). */
function placeElement(parent: Parent, element: BuiltElement): void {
  const depth = parent.type === 'root' ? 1 : parent[DEPTH] + 1
  element[DEPTH] = depth
  if (build !== null && depth > build.depth) build.depth = depth
}

/**
 * After the parse: an element that has no end tag ends where its last child ends (parse5 ends it
 * where the tag that closed it starts; `hast-util-from-parse5` moves it back to its content),
 * innermost first; and the tree's depth. When every node was placed once (most pages), the
 * elements in the reverse of the order made come innermost first and the depth is known (see
 * {@link Build}); otherwise one walk of the tree does both.
 */
function finishTree(tree: Root, done: Build): number {
  if (done.placedOnce) {
    const elements = done.elements
    for (let k = elements.length - 1; k >= 0; k--) endAtLastChild(elements[k]!)
    return done.depth
  }
  // The open nodes from the root down, and the index of the next child to visit in each.
  const nodes: Array<Root | Element> = [tree]
  const next: number[] = [0]
  let depth = 0
  while (nodes.length > 0) {
    const top = nodes.length - 1
    const node = nodes[top]!
    const children = node.children
    const index = next[top]!
    if (index < children.length) {
      next[top] = index + 1
      const child = children[index]!
      if (child.type === 'element') {
        nodes.push(child)
        next.push(0)
        if (child.content !== undefined) {
          nodes.push(child.content)
          next.push(0)
        }
        if (nodes.length - 1 > depth) depth = nodes.length - 1
      }
      continue
    }
    nodes.pop()
    next.pop()
    if (node.type === 'element') endAtLastChild(node as BuiltElement)
  }
  return depth
}

function endAtLastChild(element: BuiltElement): void {
  if (element[END_TAG] || !hasPosition(element)) return
  const last = element.children[element.children.length - 1]
  if (last === undefined) return
  let line: number
  let column: number
  let offset: number | undefined
  if (last.type === 'element') {
    if (!hasPosition(last)) return
    const made = last[POSITION]
    if (made === undefined) {
      line = last[END_LINE]
      column = last[END_COLUMN]
      offset = last[END_OFFSET]
    } else ({ line, column, offset } = made.end)
  } else {
    if (last.position === undefined) return
    ;({ line, column, offset } = last.position.end)
  }
  const made = element[POSITION]
  if (made !== undefined) {
    made.end = { line, column, offset }
    return
  }
  element[END_LINE] = line
  element[END_COLUMN] = column
  element[END_OFFSET] = offset!
}

/** Whether an element has a position, made or still parse5's location (without making it). */
function hasPosition(element: BuiltElement): boolean {
  return element[POSITION] !== undefined || element[START] !== null
}

/**
 * An element's location from parse5: kept as it is (parse5 does not change a tag's location once
 * the tag is read) and as its end, the `position` object made only when read: most elements'
 * never are in `clean()`, and they were three objects per element.
 */
function locateElement(element: BuiltElement, location: Token.ElementLocation): void {
  element[POSITION] = undefined
  element[START] = location
  element[END_LINE] = location.endLine
  element[END_COLUMN] = location.endCol
  element[END_OFFSET] = location.endOffset
  element[END_TAG] = location.endTag !== undefined
}

const { CHARACTER, NULL_CHARACTER } = Token.TokenType

/**
 * The insertion modes in which parse5 handles a run of white space exactly as a run of other
 * text (both appended to the current node), so the two can be one character token: in body,
 * a cell, a caption, a template (the only difference, `framesetOk`, is set by the text either
 * way), and raw text / `select` content.
 */
const TEXT_MODES: ReadonlySet<InsertionMode> = new Set([
  InsertionMode.IN_BODY, InsertionMode.IN_CAPTION, InsertionMode.IN_CELL, InsertionMode.IN_TEMPLATE,
  InsertionMode.TEXT, InsertionMode.IN_SELECT, InsertionMode.IN_SELECT_IN_TABLE,
])

/*
 * Runs of input that parse5 reads one code point at a time with nothing to do but add it to the
 * pending run (sticky: matched where `lastIndex` stands). Each stops before what parse5 must see:
 * `<` and `&` (markup, references), NUL (replaced), CR and LF (the preprocessor's line count and
 * CRLF folding), surrogates (pairs read as one code point), and the state's own end (a quote, `-`).
 * White space is space, tab and form feed (parse5's, less the line feed).
 */
/** Text and white space alike. */
const PLAIN_RUN = /[^<&\0\n\r\uD800-\uDFFF]*/y
/** White space, then at least one other plain code unit, then any plain ones: a run that makes a white-space token text. */
const SPACE_AND_PLAIN_RUN = /[ \t\f]*[^<&\0\n\r\uD800-\uDFFF \t\f][^<&\0\n\r\uD800-\uDFFF]*/y
/** Text only. */
const WORD_RUN = /[^<&\0\n\r\uD800-\uDFFF \t\f]*/y
/** White space only. */
const SPACE_RUN = /[ \t\f]*/y
const DOUBLE_QUOTED_RUN = /[^"&\0\n\r\uD800-\uDFFF]*/y
const SINGLE_QUOTED_RUN = /[^'&\0\n\r\uD800-\uDFFF]*/y
const COMMENT_RUN = /[^\-<\0\n\r\uD800-\uDFFF]*/y

/**
 * The ASCII code units parse5 appends to a tag or attribute name unchanged, one by one, with
 * nothing else to do (1; 0 for the others): lower-case letters, digits, `-`, `_`, `:` and `.`.
 * Upper-case letters (lower-cased), NUL (replaced), white space, `/`, `>`, `=` and everything
 * else are left to parse5.
 */
const NAME_UNITS = new Uint8Array(0x80)
for (const unit of 'abcdefghijklmnopqrstuvwxyz0123456789-_:.') NAME_UNITS[unit.charCodeAt(0)] = 1

/** From this many attributes on, a tag's names are looked up in a set rather than by a scan (parse5's own threshold). */
const MANY_ATTRIBUTES = 64

const nameOf = (attribute: Token.Attribute): string => attribute.name

/**
 * Whether parse5, reading `cp` in the tag name or attribute name state, appended it (or its
 * replacement) to the name and stays in that state: anything but white space (a CR is read as
 * LF), `/`, `>` and the end (`=` too, for an attribute name: checked by the caller). Not after a
 * line feed: none is appended (it ends the name).
 */
function appendsToName(cp: number): boolean {
  return cp !== 0x20 && cp !== 0x0a && cp !== 0x09 && cp !== 0x0c && cp !== 0x2f && cp !== 0x3e && cp >= 0
}

/**
 * parse5's tokenizer, reading text by runs. parse5 reads a page one code point at a time and
 * makes a character token (with its own location object) for every word and every space;
 * here (1) a run of plain characters (text, attribute value, comment) is taken in one sticky
 * class match, and (2) in the modes where the tree builder treats white space and other text
 * alike, words and spaces stay one token.
 * The tree built is the same node for node, position for position.
 */
class TextRunTokenizer extends Tokenizer {
  /** Back to the state parse5's constructor leaves it in ({@link TextRunParser.reset}), with a new input reader. */
  reset(): void {
    this.paused = false
    this.inLoop = false
    this.inForeignNode = false
    this.lastStartTagName = ''
    this.active = false
    this.state = TokenizerMode.DATA
    this.returnState = TokenizerMode.DATA
    this.entityStartPos = 0
    this.consumedAfterSnapshot = -1
    this.currentCharacterToken = null
    this.currentToken = null
    this.currentAttr = { name: '', value: '' }
    const unlisted = this as unknown as { currentAttrLocation: null; currentAttrNames: null }
    unlisted.currentAttrLocation = null
    unlisted.currentAttrNames = null
    this.runStart = 0
    this.runEnd = 0
    const Reader = this.preprocessor.constructor as new (handler: unknown) => Tokenizer['preprocessor']
    this.preprocessor = new Reader(this.handler)
    this.currentLocation = this.getCurrentLocation(-1)
    this.namesOf = null
    this.attributeNames = null
  }

  /** Whether the pending character token may take characters of another kind (see {@link TEXT_MODES}). */
  private mergesText(): boolean {
    const parser = this.handler as unknown as Parser<HastTypes>
    return !this.inForeignNode && !parser.skipNextNewLine && TEXT_MODES.has(parser.insertionMode)
  }

  protected override _ensureCharacterToken(type: Token.CharacterToken['type']): void {
    const token = this.currentCharacterToken
    if (token !== null && token.type !== type && type !== NULL_CHARACTER && token.type !== NULL_CHARACTER && this.mergesText()) {
      if (type === CHARACTER) token.type = CHARACTER
      return
    }
    super._ensureCharacterToken(type)
  }

  protected override _stateData(cp: number): void {
    super._stateData(cp)
    this.takeText(cp)
  }

  protected override _stateRcdata(cp: number): void {
    super._stateRcdata(cp)
    this.takeText(cp)
  }

  protected override _stateRawtext(cp: number): void {
    super._stateRawtext(cp)
    this.takeText(cp)
  }

  protected override _stateScriptData(cp: number): void {
    super._stateScriptData(cp)
    this.takeText(cp)
  }

  protected override _stateAttributeValueDoubleQuoted(cp: number): void {
    super._stateAttributeValueDoubleQuoted(cp)
    if (cp !== 0x22 && cp !== 0x26 && cp !== 0x00 && cp >= 0) this.takeRun(cp, DOUBLE_QUOTED_RUN)
  }

  protected override _stateAttributeValueSingleQuoted(cp: number): void {
    super._stateAttributeValueSingleQuoted(cp)
    if (cp !== 0x27 && cp !== 0x26 && cp !== 0x00 && cp >= 0) this.takeRun(cp, SINGLE_QUOTED_RUN)
  }

  protected override _stateComment(cp: number): void {
    super._stateComment(cp)
    if (cp !== 0x2d && cp !== 0x3c && cp !== 0x00 && cp >= 0) this.takeRun(cp, COMMENT_RUN)
  }

  protected override _stateTagName(cp: number): void {
    super._stateTagName(cp)
    if (appendsToName(cp)) this.takeName(this.currentToken as Token.TagToken, 'tagName')
  }

  protected override _stateAttributeName(cp: number): void {
    super._stateAttributeName(cp)
    if (appendsToName(cp) && cp !== 0x3d) this.takeName(this.currentAttr, 'name')
  }

  /**
   * A new attribute, without the location parse5 makes for each (its start and end, kept in a
   * record per tag by name): nothing reads attribute locations here, and they were an object
   * and a dictionary-mode record's entry per attribute.
   */
  protected override _createAttr(attrNameFirstCh: string): void {
    this._flushRun('')
    this.currentAttr = { name: attrNameFirstCh, value: '' }
  }

  /** The tag whose attribute names {@link attributeNames} holds. */
  private namesOf: Token.TagToken | null = null
  /** The attribute names of a tag with many ({@link MANY_ATTRIBUTES}), once it has that many. */
  private attributeNames: Set<string> | null = null

  /**
   * The attribute read goes into the tag's list unless the tag has one of that name already (the
   * first one is kept), as parse5 does, without the attribute's location (see {@link _createAttr}).
   */
  protected override _leaveAttrName(): void {
    const token = this.currentToken as Token.TagToken
    const attribute = this.currentAttr
    const name = attribute.name
    const attrs = token.attrs
    if (attrs.length < MANY_ATTRIBUTES) {
      for (let k = attrs.length - 1; k >= 0; k--) if (attrs[k]!.name === name) return
    } else {
      // Past a few, the names are kept in a set: the check does not grow with the number of attributes.
      if (this.namesOf !== token) {
        this.namesOf = token
        this.attributeNames = new Set(attrs.map(nameOf))
      }
      const names = this.attributeNames!
      if (names.has(name)) return
      names.add(name)
    }
    attrs.push(attribute)
  }

  /**
   * An attribute written the common way, a name of {@link NAME_UNITS} starting with a lower-case
   * letter, then `="`, a value of plain code units (see {@link DOUBLE_QUOTED_RUN}) and `"`, is read
   * in one step, as parse5 reads it in five states: then parse5 reads what follows the quote.
   * Any other start is left to parse5.
   */
  protected override _stateBeforeAttributeName(cp: number): void {
    if (cp < 0x61 || cp > 0x7a || !this.takeAttribute()) super._stateBeforeAttributeName(cp)
  }

  /** {@link _stateBeforeAttributeName}'s attribute, from the current code point: whether it was one. */
  private takeAttribute(): boolean {
    const preprocessor = this.preprocessor
    const html = preprocessor.html
    const start = preprocessor.pos
    let equals = start + 1
    while (equals < html.length) {
      const unit = html.charCodeAt(equals)
      if (unit >= 0x80 || NAME_UNITS[unit] === 0) break
      equals++
    }
    if (html.charCodeAt(equals) !== 0x3d || html.charCodeAt(equals + 1) !== 0x22) return false
    const from = equals + 2
    DOUBLE_QUOTED_RUN.lastIndex = from
    DOUBLE_QUOTED_RUN.test(html)
    const quote = DOUBLE_QUOTED_RUN.lastIndex
    if (html.charCodeAt(quote) !== 0x22) return false
    // What parse5 does on the way: the pending value of the attribute before goes into it, this
    // attribute is added as `_leaveAttrName` adds it, and the value is a string of its own (see
    // parse5's `_flushRun`: a long slice would share the page's buffer).
    this._flushRun('')
    const value = html.slice(from, quote)
    this.currentAttr = { name: html.slice(start, equals), value: value.length < 13 ? value : ` ${value}`.slice(1) }
    this._leaveAttrName()
    preprocessor.pos = quote
    this.consumedAfterSnapshot += quote - start
    // The closing quote, read by parse5's own state: it moves to the state after a quoted value.
    super._stateAttributeValueDoubleQuoted(0x22)
    return true
  }

  /**
   * After parse5 appended a code point to a tag or attribute name (`holder[field]`), appends the
   * code units after it that parse5 would append unchanged (see {@link NAME_UNITS}), by one slice.
   */
  private takeName<K extends string>(holder: Record<K, string>, field: K): void {
    const preprocessor = this.preprocessor
    const html = preprocessor.html
    const from = preprocessor.pos + 1
    let at = from
    while (at < html.length) {
      const unit = html.charCodeAt(at)
      if (unit >= 0x80 || NAME_UNITS[unit] === 0) break
      at++
    }
    if (at === from) return
    holder[field] += html.slice(from, at)
    preprocessor.pos = at - 1
    this.consumedAfterSnapshot += at - from
  }

  /**
   * After parse5 read `cp` in a text state (data, RCDATA, raw text, script data): when it went
   * into the pending character token, the plain code units after it go there too, up to the next
   * one parse5 must read itself (see the runs above), and only of the token's kind (text or white
   * space) where the tree builder tells them apart.
   */
  private takeText(cp: number): void {
    const token = this.currentCharacterToken
    // After `<`, `&`, NUL or the end, parse5 has moved on (in raw text and script data `&` is
    // text, left to parse5); after any other code point, the token holds it.
    if (token === null || cp === 0x3c || cp === 0x26 || cp === 0x00 || cp < 0 || token.type === NULL_CHARACTER) return
    if (this.mergesText()) {
      if (token.type === CHARACTER) this.takeRun(cp, PLAIN_RUN)
      else if (this.takeRun(cp, SPACE_AND_PLAIN_RUN)) token.type = CHARACTER
      else this.takeRun(cp, SPACE_RUN)
    } else {
      this.takeRun(cp, token.type === CHARACTER ? WORD_RUN : SPACE_RUN)
    }
  }

  /**
   * After parse5 added `cp` to the pending run of input (`runStart` to `runEnd`: character token,
   * attribute value or comment), adds the code units after it that `run` matches, as parse5 would
   * have one by one: the preprocessor moves past them, the run ends after them. Not after a line
   * feed (the preprocessor starts a new line at the next code point it reads itself).
   *
   * @returns Whether `run` matched something.
   */
  private takeRun(cp: number, run: RegExp): boolean {
    if (cp === 0x0a) return false
    const preprocessor = this.preprocessor
    const from = preprocessor.pos + 1
    run.lastIndex = from
    if (!run.test(preprocessor.html)) return false
    const at = run.lastIndex
    if (at === from) return false
    preprocessor.pos = at - 1
    this.runEnd = at
    this.consumedAfterSnapshot += at - from
    return true
  }
}

/** parse5's parser, with {@link TextRunTokenizer}. */
class TextRunParser<T extends TreeAdapterTypeMap> extends Parser<T> {
  constructor(options?: ParserOptions<T>, document?: T['document'], fragmentContext?: T['element'] | null) {
    super(options, document, fragmentContext)
    this.tokenizer = new TextRunTokenizer(this.options, this)
  }

  /**
   * Back to the state parse5's constructor leaves a document parser in (no fragment context, no
   * script handler), for the next page: every field it sets ({@link PARSER_FIELDS}), the
   * tokenizer's too, with a new document, open-element stack, formatting list and input reader;
   * the options, the tree adapter, the tokenizer's reference decoder (reset at each reference)
   * and {@link endLocation} (filled again at each use) are kept.
   */
  reset(): void {
    this.currentToken = null
    this.stopped = false
    this.insertionMode = InsertionMode.INITIAL
    this.originalInsertionMode = InsertionMode.INITIAL
    this.headElement = null
    this.formElement = null
    this.currentNotInHTML = false
    this.tmplInsertionModeStack = []
    this.pendingCharacterTokens = []
    this.hasNonWhitespacePendingCharacterToken = false
    this.framesetOk = true
    this.skipNextNewLine = false
    this.fosterParentingEnabled = false
    this.document = this.treeAdapter.createDocument()
    ;(this.tokenizer as TextRunTokenizer).reset()
    this.activeFormattingElements = new (this.activeFormattingElements.constructor as new () => Parser<T>['activeFormattingElements'])()
    this.fragmentContextID = htmlSpec.TAG_ID.UNKNOWN
    this._setContextModes(this.document, this.fragmentContextID)
    const OpenElements = this.openElements.constructor as new (document: T['document'], adapter: TreeAdapter<T>, handler: Parser<T>) => Parser<T>['openElements']
    this.openElements = new OpenElements(this.document, this.treeAdapter, this)
    // Made on first use; an `<annotation-xml>` still open at the end of a page stays in it, with its tree.
    ;(this as unknown as Partial<Record<typeof LAZY_MAP, Map<unknown, boolean>>>)[LAZY_MAP]?.clear()
  }

  /** The end of `element` closed by `closingToken`, handed over as parse5 does, without its copy of the end tag's location (the adapter reads only whether there is one). */
  override _setEndLocation(element: T['element'], closingToken: Token.Token): void {
    // In parse5's order: an element without a location (one it implied) may be closed by no token.
    const adapter = this.treeAdapter
    if (adapter.getNodeSourceCodeLocation(element) === null) return
    const location = closingToken.location
    if (location === null) return
    const end = this.endLocation
    if (closingToken.type === Token.TokenType.END_TAG && adapter.getTagName(element) === closingToken.tagName) {
      end.endTag = location
      end.endLine = location.endLine
      end.endCol = location.endCol
      end.endOffset = location.endOffset
    } else {
      end.endTag = undefined
      end.endLine = location.startLine
      end.endCol = location.startCol
      end.endOffset = location.startOffset
    }
    adapter.updateNodeSourceCodeLocation(element, end)
  }

  /** What {@link _setEndLocation} hands the adapter, filled again each time (the adapter keeps none of it). */
  private readonly endLocation: { endLine: number; endCol: number; endOffset: number; endTag: Token.Location | undefined } = { endLine: 0, endCol: 0, endOffset: 0, endTag: undefined }

  /** parse5 hands the adapter a copy of the start tag's location with a `startTag` field; the adapter reads neither. */
  override _attachElementToTree(element: T['element'], location: Token.LocationWithAttributes | null, insertionLocation: Parameters<Parser<T>['_attachElementToTree']>[2]): void {
    super._attachElementToTree(element, null, insertionLocation)
    if (location !== null) this.treeAdapter.setNodeSourceCodeLocation(element, location)
  }
}
