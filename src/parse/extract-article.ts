/**
 * The article out of a full page: Mozilla Readability (on linkedom's DOM, which runs in browsers
 * and workers as well as Node) finds the article's container; the page's own blocks (with their
 * offsets into the input, from `parseHtmlPage`) that Readability kept are kept, and then the
 * lines that Readability leaves inside articles are dropped by rules of this library:
 *
 * - a short line that is mostly a link behind a label ("Lire aussi : …", "Czytaj też: …",
 *   "Read more: …", share and print buttons): at least {@link LINK_SHARE} of its characters
 *   inside links or buttons, 1 to {@link LABEL_MAX_WORDS} words of its own, at most
 *   {@link LINK_LINE_MAX_WORDS} in all (a line that is only a link, a URL or an e-mail address
 *   shown as text, may cite a source and stays);
 * - a one- or two-word line with no punctuation and no digit ("Reklama", "Advertisement",
 *   "Partager"), unless it is a heading (a subhead);
 * - above the article's first paragraph of prose and below its last one, short lines (under
 *   {@link EDGE_LENGTH} Latin-equivalent characters) holding a number (a date), mostly links, or
 *   at most three words without punctuation (bylines' dates, "Keine Kommentare", tags).
 *
 * The rules were tuned on the even-numbered pages of trafilatura's and newspaper4k's test pages
 * and are reported on the odd-numbered ones too (`bench/eval-extract.ts`).
 *
 * Readability drops the headline when it repeats the page's title; the page's heading that
 * matches the title and stands before the article is put back.
 *
 * Readability returns nothing on some malformed pages, and on a page with little text it can
 * pick a small box (a newsletter form) instead of the article: when nothing is found, or the
 * container holds less than {@link MIN_SHARE} of the page's text and under
 * {@link MIN_ARTICLE_LENGTH} characters, the whole page is kept and the result says so.
 *
 * This is the only file that imports `@mozilla/readability` and `linkedom`.
 *
 * @module
 */
import { Readability } from '@mozilla/readability'
// linkedom's worker build: the same DOM, bundled without its optional Node-only `canvas` require, so browsers and workers load it too.
import { parseHTML } from 'linkedom/worker'
import type { Text } from 'hast'
import type { SourceBlock } from '../types.js'
import { measureLength } from '../text/measure-length.js'
import { buildDom, type BuildDocument, type BuildNode } from './build-dom.js'
import { cleanWhitespace } from './clean-whitespace.js'
import type { HtmlTree } from './from-html.js'

/** Share of a block's characters inside links or buttons from which a short block is navigation. */
export const LINK_SHARE = 0.5
/**
 * A link-dense line is navigation when the words outside its links are a label of 1 to this many
 * ("Lire aussi :", "Czytaj też:", "Read more:"); a line that is all link may be a cited source.
 */
export const LABEL_MAX_WORDS = 3
/** Longer than this many words, a link-dense block is prose that happens to be linked. */
export const LINK_LINE_MAX_WORDS = 20
/** Below this share of the page's text, a container is suspiciously small. */
export const MIN_SHARE = 0.2
/** A container this long (characters) is an article, whatever its share of a long page. */
export const MIN_ARTICLE_LENGTH = 500
/**
 * Blocks shorter than this (characters) above the article's first paragraph of prose or below its
 * last one are its metadata and furniture: dateline, byline, category, "no comments", tags.
 */
export const EDGE_LENGTH = 80
/** Page blocks shorter than this (characters) are matched to the article only as a whole block. */
const SHORT_BLOCK = 24

/** What {@link extractArticle} kept. */
export interface ExtractedArticle {
  /** The page's blocks that belong to the article, in page order. */
  blocks: SourceBlock[]
  /**
   * `null` when the article was extracted; `'not-found'` when Readability found none and
   * `'too-small'` when its container was suspiciously small: the whole page was kept.
   */
  fallback: null | 'not-found' | 'too-small'
}

/** The few DOM members read here (linkedom's nodes; no DOM lib in this project's types). */
interface DomNode {
  nodeType: number
  nodeName: string
  childNodes: ArrayLike<DomNode>
  textContent: string | null
  getAttribute?: (name: string) => string | null
}

/** One block of Readability's article, with how much of it is link text. */
interface ArticleBlock {
  text: string
  linkChars: number
  /** Whether some of its text nodes are known to come from a page block (Readability re-parses the page when it retries). */
  mapped: boolean
}

const ELEMENT_NODE = 1
const TEXT_NODE = 3

/** Elements whose boundaries end a block (as in `from-html.ts`). */
const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'CAPTION', 'CENTER', 'DD', 'DETAILS', 'DIALOG', 'DIR', 'DIV', 'DL',
  'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HGROUP', 'HR',
  'HTML', 'LEGEND', 'LI', 'MAIN', 'MENU', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TD', 'TFOOT',
  'TH', 'THEAD', 'TR', 'UL', 'SEARCH', 'BR',
])
/** Never text of the article. */
const SKIPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'MATH', 'IFRAME', 'OBJECT'])
/** Interactive elements: text inside them counts as link text. */
const LINKS = new Set(['A', 'BUTTON'])

/**
 * Takes the article out of a page.
 *
 * @param blocks The page's blocks, from `parseHtmlTree(input)`.
 * @param title The page's `<title>`, or `null`.
 * @param tree The tree the blocks were read from (`parseHtmlTree(input).tree`): Readability reads a DOM built from it.
 */
export function extractArticle(blocks: readonly SourceBlock[], title: string | null, tree: HtmlTree): ExtractedArticle {
  const whole = { blocks: [...blocks], fallback: null }
  if (blocks.length === 0) return whole
  const article = readTree(tree, blocks.length)
  if (article === null) return { ...whole, fallback: 'not-found' }
  const pageLength = blocks.reduce((sum, b) => sum + b.text.length, 0)
  const articleLength = article.blocks.reduce((sum, b) => sum + b.text.length, 0)
  if (articleLength < MIN_ARTICLE_LENGTH && articleLength < MIN_SHARE * pageLength) return { ...whole, fallback: 'too-small' }

  const matched = matchBlocks(blocks, article)
  const inArticle: Array<{ block: SourceBlock; index: number; stats: MatchStats }> = []
  matched.forEach((stats, index) => {
    if (stats !== null) inArticle.push({ block: blocks[index]!, index, stats })
  })
  // The article's prose: from its first to its last paragraph of running text.
  const isProse = (b: SourceBlock): boolean => !b.heading && measureLength(b.text) >= EDGE_LENGTH
  const firstProse = inArticle.findIndex((m) => isProse(m.block))
  const lastProse = inArticle.findLastIndex((m) => isProse(m.block))
  const kept: SourceBlock[] = []
  let first = -1
  inArticle.forEach(({ block, index, stats }, k) => {
    if (isArticleNoise(block.text, stats, block.heading === true)) return
    if (firstProse >= 0 && !block.heading && measureLength(block.text) < EDGE_LENGTH && (k < firstProse || k > lastProse) && isFurniture(block.text, stats)) return
    if (first < 0) first = index
    kept.push(block)
  })
  if (kept.length === 0) return { ...whole, fallback: 'too-small' }
  const headline = findHeadline(blocks, first, [article.title, title])
  if (headline !== null && !kept.includes(headline)) kept.unshift(headline)
  return { blocks: kept, fallback: null }
}

/** Readability's options here: its output is walked, not shown, so classes and JSON-LD metadata are not needed. */
const READABILITY_OPTIONS = { keepClasses: true, disableJSONLD: true } as const
const EMPTY_PAGE = '<!doctype html><html><head></head><body></body></html>'

/**
 * What Readability kept of a page's tree: its article's blocks, how much of each page block's
 * text is in them (and how much of that is link text), and its title; `null` when it finds none.
 */
function readTree(tree: HtmlTree, pageBlocks: number): ReadArticle | null {
  const owners = new Map<Text, number>()
  tree.sources.forEach((nodes, k) => {
    for (const node of nodes) if (node.type === 'text') owners.set(node, k)
  })
  let parsed: ReturnType<Readability<DomNode>['parse']>
  let built: Map<DomNode, number>
  try {
    const { document } = parseHTML(EMPTY_PAGE)
    built = buildDom(tree.tree, document as unknown as BuildDocument<DomNode & BuildNode>, owners, tree.dropped)
    parsed = new Readability<DomNode>(document as never, { ...READABILITY_OPTIONS, serializer: (node) => node as unknown as DomNode }).parse()
  } catch {
    // linkedom or Readability failing on a malformed page is Readability finding nothing.
    return null
  }
  return readParsed(parsed, built, pageBlocks)
}

/** Readability's article on its own, read from the page's markup by linkedom: the reference the eval compares with. */
export function readArticle(input: string): { blocks: ArticleBlock[]; title: string | null } | null {
  let parsed: ReturnType<Readability<DomNode>['parse']>
  try {
    const { document } = parseHTML(input)
    parsed = new Readability<DomNode>(document as never, { serializer: (node) => node as unknown as DomNode }).parse()
  } catch {
    return null
  }
  return readParsed(parsed, new Map(), 0)
}

/** What {@link readTree} finds. */
interface ReadArticle {
  blocks: ArticleBlock[]
  title: string | null
  /** Per page block: its visible characters found in the article, and those of them inside links. */
  kept: Float64Array
  links: Float64Array
}

function readParsed(parsed: ReturnType<Readability<DomNode>['parse']>, built: ReadonlyMap<DomNode, number>, pageBlocks: number): ReadArticle | null {
  const content = parsed?.content
  if (content === null || content === undefined) return null
  const kept = new Float64Array(pageBlocks)
  const links = new Float64Array(pageBlocks)
  const blocks = collectArticleBlocks(content, built, kept, links)
  if (blocks.length === 0) return null
  return { blocks, title: typeof parsed?.title === 'string' ? cleanWhitespace(parsed.title) : null, kept, links }
}

/** Characters other than white space: what a page block and the article's copy of it share, however spaced. */
const visibleLength = (text: string): number => text.replace(/\s+/gu, '').length

/**
 * The article element's blocks, in order (iterative walk, like `from-html.ts`); each text node
 * built from a page block adds its visible characters to `kept` (and to `links` inside a link).
 */
function collectArticleBlocks(root: DomNode, built: ReadonlyMap<DomNode, number>, kept: Float64Array, links: Float64Array): ArticleBlock[] {
  const blocks: ArticleBlock[] = []
  let pieces: string[] = []
  let linkChars = 0
  let mapped = false
  const flush = (): void => {
    const raw = pieces.join('')
    const text = cleanWhitespace(raw)
    if (text !== '') blocks.push({ text, linkChars: Math.min(linkChars, text.length), mapped })
    pieces = []
    linkChars = 0
    mapped = false
  }
  type Frame = { node: DomNode; exit: boolean; inLink: boolean }
  const stack: Frame[] = [{ node: root, exit: false, inLink: false }]
  while (stack.length > 0) {
    const { node, exit, inLink } = stack.pop()!
    if (exit) {
      flush()
      continue
    }
    if (node.nodeType === TEXT_NODE) {
      const value = node.textContent ?? ''
      pieces.push(value)
      if (inLink) linkChars += cleanWhitespace(value).length
      const owner = built.get(node)
      if (owner !== undefined) {
        mapped = true
        const n = visibleLength(value)
        kept[owner]! += n
        if (inLink) links[owner]! += n
      }
      continue
    }
    if (node.nodeType !== ELEMENT_NODE) continue
    const name = node.nodeName.toUpperCase()
    if (SKIPPED.has(name)) continue
    const block = BLOCK.has(name)
    if (block) {
      flush()
      stack.push({ node, exit: true, inLink })
    }
    const link = inLink || LINKS.has(name)
    const children = node.childNodes
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, exit: false, inLink: link })
  }
  flush()
  return blocks
}

/** How a page block relates to the article: the article block it matched, for its link share. */
interface MatchStats {
  linkShare: number
}

/** Share of a page block's visible characters that must be in the article for the block to be. */
const KEPT_SHARE = 0.5

/**
 * For each page block, how it is in the article, or `null` when it is not. Readability's DOM
 * was built from the page's own tree, so a page block is in the article when at least
 * {@link KEPT_SHARE} of its visible characters are (an inline element Readability removed from
 * inside it leaves the rest). Readability re-parses the page when it retries with looser
 * settings, and the article's text nodes are then new: those article blocks are matched by their
 * text (see {@link matchByText}).
 */
function matchBlocks(blocks: readonly SourceBlock[], article: ReadArticle): Array<MatchStats | null> {
  const result: Array<MatchStats | null> = blocks.map((block, k) => {
    const kept = article.kept[k]!
    if (kept === 0 || kept < KEPT_SHARE * visibleLength(block.text)) return null
    return { linkShare: article.links[k]! / kept }
  })
  const unmapped = article.blocks.filter((b) => !b.mapped)
  if (unmapped.length > 0) matchByText(blocks, unmapped, result)
  return result
}

/**
 * Fills in `result` for the page blocks not matched yet that are in `article` by their text. A
 * page block matches an article block that equals it, that holds it (a block the page splits
 * and Readability joins) or that it holds (an inline element Readability removed from inside
 * it). Short blocks match only as a whole, and only within the span of the page that the longer
 * matches cover, so a "Home" or "Share" of the menus does not join the article because the
 * article says it too. Whole blocks are looked up in a map; only the rest is searched.
 */
function matchByText(blocks: readonly SourceBlock[], article: readonly ArticleBlock[], result: Array<MatchStats | null>): void {
  const share = (b: ArticleBlock): MatchStats => ({ linkShare: b.text.length === 0 ? 0 : b.linkChars / b.text.length })
  const exact = new Map<string, ArticleBlock[]>()
  for (const b of article) {
    const list = exact.get(b.text)
    if (list === undefined) exact.set(b.text, [b])
    else list.push(b)
  }
  // All article blocks in one string: a page block inside one of them is one search, then a binary search for which.
  const joined = article.map((b) => b.text).join('\n')
  const starts: number[] = []
  let at = 0
  for (const b of article) {
    starts.push(at)
    at += b.text.length + 1
  }
  const holding = (text: string): ArticleBlock | undefined => {
    const found = joined.indexOf(text)
    if (found < 0) return undefined
    let lo = 0
    let hi = starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (starts[mid]! <= found) lo = mid
      else hi = mid - 1
    }
    const b = article[lo]!
    return found + text.length <= starts[lo]! + b.text.length ? b : undefined
  }
  const long = article.filter((a) => a.text.length >= SHORT_BLOCK)
  const shortCandidates: number[] = []
  let low = Number.POSITIVE_INFINITY
  let high = -1
  result.forEach((stats, k) => {
    if (stats === null) return
    low = Math.min(low, k)
    high = Math.max(high, k)
  })
  blocks.forEach((block, k) => {
    if (result[k] !== null) return
    const text = block.text
    if (text.length < SHORT_BLOCK) {
      if (exact.has(text)) shortCandidates.push(k)
      return
    }
    const found = exact.get(text)?.[0] ?? holding(text) ?? long.find((a) => a.text.length < text.length && text.includes(a.text))
    if (found === undefined) return
    result[k] = share(found)
    low = Math.min(low, k)
    high = Math.max(high, k)
  })
  // Short blocks: as many occurrences as the article has, inside the span of the longer matches.
  const left = new Map<string, number>()
  for (const [text, list] of exact) left.set(text, list.length)
  for (const k of shortCandidates) {
    const text = blocks[k]!.text
    if (k < low - SHORT_SPAN_MARGIN || k > high + SHORT_SPAN_MARGIN) continue
    const n = left.get(text) ?? 0
    if (n === 0) continue
    left.set(text, n - 1)
    result[k] = share(exact.get(text)![0]!)
  }
}

/** Blocks this close to the span of the long matches (a dateline, a byline just before the text) may join it. */
const SHORT_SPAN_MARGIN = 3

/** A sentence's end, a digit: a short line with one of these says something. */
const PUNCTUATION = /[.,!?…:;。，、！？；：،؟।]/u
const SAYS_SOMETHING = /[.,!?…:;。，、！？；：،؟।\p{N}]/u
/** Lengths in Latin-equivalent characters: a CJK line of ten characters is not a one-word line. */
const isCjkText = (text: string): boolean => measureLength(text) >= 2 * text.length
/** A link whose text is an address (a URL, an e-mail) cites a source: it is text, not navigation. */
const ADDRESS = /^(?:(?:https?:\/\/|www\.)\S+|[^\s@]+@[^\s@]+\.\p{L}{2,})$/u

/** Up to this many words without punctuation, a line at the article's edges says nothing ("Keine Kommentare"). */
const FURNITURE_WORDS = 3
/** A short line at the article's edges is furniture when it holds a number (a date, a count), is mostly links, or is a few words that say nothing. */
function isFurniture(text: string, stats: MatchStats): boolean {
  if (ADDRESS.test(text)) return false
  if (/\p{N}/u.test(text) || stats.linkShare >= LINK_SHARE) return true
  return text.split(' ').length <= FURNITURE_WORDS && !PUNCTUATION.test(text) && !isCjkText(text)
}

/** Lines that Readability keeps inside articles but that are not the article (see the module rules). */
function isArticleNoise(text: string, stats: MatchStats, heading: boolean): boolean {
  if (ADDRESS.test(text)) return false
  const words = text.split(' ').length
  if (stats.linkShare >= LINK_SHARE) {
    const ownWords = Math.round(words * (1 - stats.linkShare))
    if (ownWords >= 1 && ownWords <= LABEL_MAX_WORDS && words <= LINK_LINE_MAX_WORDS) return true
  }
  // A short heading (a subhead) is article structure.
  return !heading && words <= 2 && measureLength(text) < SHORT_BLOCK && !SAYS_SOMETHING.test(text)
}

/**
 * The page's heading that carries the headline, when the article does not start with it: the
 * last heading before the article's first block whose text is (part of) one of the titles.
 */
function findHeadline(blocks: readonly SourceBlock[], first: number, titles: ReadonlyArray<string | null>): SourceBlock | null {
  const known = titles.filter((t): t is string => t !== null && t !== '').map(fold)
  if (known.length === 0 || first < 0) return null
  for (let k = first - 1; k >= 0; k--) {
    const block = blocks[k]!
    if (!block.heading) continue
    const text = fold(block.text)
    if (text.length >= 8 && known.some((t) => t.includes(text) || text.includes(t))) return block
  }
  return null
}

const fold = (text: string): string => text.normalize('NFKC').toLowerCase()
