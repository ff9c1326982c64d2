/**
 * The article out of a full page: Mozilla Readability (on linkedom's DOM, which runs in browsers
 * and workers as well as Node) finds the article's container, then rules of this library put
 * back what Readability leaves out around it and drop the lines it leaves inside.
 *
 * The page is parsed once: Readability reads a DOM built from the page's own hast tree (see
 * `build-dom.ts`), so each of its text nodes is known to come from one of the page's blocks
 * (with their offsets into the input). A page block is in the article when at least half of its
 * visible characters are. When Readability retries with looser settings it re-parses the page
 * from its HTML and the nodes are new; those article blocks are matched back by their text.
 *
 * Dropped from what Readability kept:
 * - a short line that is mostly a link behind a label ("Lire aussi : …", "Czytaj też: …",
 *   "Read more: …", share and print buttons): at least {@link LINK_SHARE} of its characters
 *   inside links or buttons, 1 to {@link LABEL_MAX_WORDS} words of its own, at most
 *   {@link LINK_LINE_MAX_WORDS} in all (a line that is only a link, a URL or an e-mail address
 *   shown as text, or a list of addresses, cites sources and stays; a sentence that links some
 *   of its words, with words of its own between two links or ending like a sentence after one,
 *   stays too: see `label-and-link.ts`);
 * - an advertisement's label or a loading indicator ("Reklama", "Anzeige", "Advertisement"):
 *   Readability's own `adWords` and `loadingWords`, and {@link AD_WORDS} for more languages;
 * - a PHP error printed into the page ("Warning: … in /var/www/x.php on line 12");
 * - a short line (under {@link EDGE_LENGTH} Latin-equivalent characters, not a heading) whose
 *   text the markup marks, for {@link MARK_SHARE} of it or more, as a date (`<time>`), a
 *   byline (Readability's byline class pattern, `rel="author"`, `itemprop="author"`, in an
 *   element as small as a byline: see `build-dom.ts`) or a caption or credit (`<figcaption>`, a
 *   `caption`/`credit` class); a byline or caption line that reads as a sentence (a caption
 *   that describes the photo, an author's note) stays;
 * - above the article's first paragraph of prose and below its last one, short lines that do
 *   not end like a sentence and hold a date or a time, a count in a few words or a label's
 *   figure ("Lesezeit: 4 Minuten"); trails of sections ("Accueil > Société"); lines mostly of
 *   links; at most three words without punctuation ("Keine Kommentare", tags). A longer line
 *   with a figure that is no date is a row of the article's own list or table, and stays.
 *
 * Put back:
 * - the headline: Readability drops it when it repeats the page's title; the page's heading
 *   that matches the title and stands before the article is put back;
 * - the lead: between the headline and the article's first block, the paragraphs of running
 *   text (at least {@link EDGE_LENGTH} characters, not mostly links, not a byline or a caption;
 *   at most {@link LEAD_BLOCKS} of them): the standfirst or deck that pages put in the header
 *   with the headline, where Readability does not look.
 *
 * Then the rules that judge the article as a whole ({@link ARTICLE_RULES}, one file each, over
 * where each block sits in the page's markup: `page-structure.ts`): boxes the markup names as
 * share, related, newsletter, paywall or comment boxes (`drop-named-boxes.ts`), lists whose
 * items are all links (`drop-link-lists.ts`), runs of lines the page repeats outside the article
 * (`drop-repeated-blocks.ts`), a tail of teasers whose headings are all links
 * (`drop-teaser-tail.ts`), the closing "follow us" and colophon lines (`drop-follow-lines.ts`,
 * `drop-colophon-lines.ts`), and the deck above the article that the page's description names
 * (`lead-from-description.ts`).
 *
 * The rules were written from the failures on the even-numbered pages of trafilatura's and
 * newspaper4k's test pages and are reported on the odd-numbered ones (`bench/eval-extract.ts`);
 * each is a kind of markup or line, not a site: no threshold was fitted to a page.
 *
 * Readability returns nothing on some malformed pages, and on a page with little text it can
 * pick a small box instead of the article:
 * - when most of what it found is inside a `<form>` (a newsletter sign-up, a petition) that is
 *   not the page's own wrapper, the page is read again with that form hidden from it;
 * - when nothing is found, or the container holds less than {@link MIN_SHARE} of the page's
 *   text and under {@link MIN_ARTICLE_LENGTH} characters and does not follow the page's
 *   headline (a short article right under its headline is an article), the whole page is kept
 *   and the result says so.
 *
 * This is the only file that imports `@mozilla/readability` and `linkedom`.
 *
 * @module
 */
import { Readability } from '@mozilla/readability'
// linkedom's worker build: the same DOM, bundled without its optional Node-only `canvas` require, so browsers and workers load it too.
import { parseHTML } from 'linkedom/worker'
import type { Element, Text } from 'hast'
import type { SourceBlock } from '../types.js'
import { measureLength } from '../text/measure-length.js'
import { foldText } from '../text/normalize-text.js'
import { buildDom, visibleLength, type BlockMarks, type BuildDocument, type BuildNode, type MarkPatterns } from './build-dom.js'
import { cleanWhitespace } from './clean-whitespace.js'
import type { HtmlTree } from './from-html.js'
import type { ArticleRule } from './article-rule.js'
import { dropColophonLines } from './drop-colophon-lines.js'
import { dropFollowLines } from './drop-follow-lines.js'
import { dropLinkLists } from './drop-link-lists.js'
import { dropNamedBoxes } from './drop-named-boxes.js'
import { dropRepeatedBlocks } from './drop-repeated-blocks.js'
import { dropTeaserTail } from './drop-teaser-tail.js'
import { endsLikeSentence } from './ends-like-sentence.js'
import { isLabelAndLink, NO_LINK, readLinkOrder, type LinkOrder } from './label-and-link.js'
import { leadFromDescription } from './lead-from-description.js'
import { blockInside, findAncestor, readPageStructure, type PageStructure } from './page-structure.js'
import { isAddress } from './text-addresses.js'

/**
 * The rules that judge the article as a whole, in the order they run, each in its own file:
 * named boxes (share, related, newsletter, comments…), lists of links, runs of lines the page
 * repeats outside the article, a tail of teasers, the closing "follow us" and colophon lines,
 * and the lead the page's description names.
 */
export const ARTICLE_RULES: readonly ArticleRule[] = [
  dropNamedBoxes,
  dropLinkLists,
  dropRepeatedBlocks,
  dropTeaserTail,
  dropFollowLines,
  dropColophonLines,
  leadFromDescription,
]

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
  /** Where its own words stand against its links (see `label-and-link.ts`). */
  linkOrder: LinkOrder
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
 * @param rules The rules that judge the article as a whole, run in order after the block rules (the eval runs them one by one).
 * @default rules {@link ARTICLE_RULES}
 */
export function extractArticle(blocks: readonly SourceBlock[], title: string | null, tree: HtmlTree, rules: readonly ArticleRule[] = ARTICLE_RULES): ExtractedArticle {
  const whole = { blocks: [...blocks], fallback: null }
  if (blocks.length === 0) return whole
  let article = readTree(tree, blocks.length)
  if (article === null) return { ...whole, fallback: 'not-found' }
  const structure = readPageStructure(tree.tree, tree.sources)
  let matched = matchBlocks(blocks, article)
  // A form (a newsletter sign-up, a petition) is not an article: read the page again without it.
  const form = formAround(blocks, matched, article.marks, structure, [article.title, title])
  const again = form >= 0 ? readTree(tree, blocks.length, new Set([structure.node[form]!])) : null
  if (again !== null) {
    article = again
    matched = matchBlocks(blocks, article)
  }
  const pageLength = blocks.reduce((sum, b) => sum + b.text.length, 0)
  const articleLength = article.blocks.reduce((sum, b) => sum + b.text.length, 0)
  const titles = [article.title, title]
  if (articleLength < MIN_ARTICLE_LENGTH && articleLength < MIN_SHARE * pageLength && !followsHeadline(blocks, matched, titles)) return { ...whole, fallback: 'too-small' }

  const { marks } = article
  const share = (of: Float64Array, k: number): number => (marks.visible[k] === 0 ? 0 : of[k]! / marks.visible[k]!)
  const inArticle: Array<{ block: SourceBlock; index: number; stats: MatchStats }> = []
  matched.forEach((stats, index) => {
    if (stats !== null) inArticle.push({ block: blocks[index]!, index, stats })
  })
  // The article's prose: from its first to its last paragraph of running text.
  const firstProse = inArticle.findIndex((m) => isProse(m.block))
  const lastProse = inArticle.findLastIndex((m) => isProse(m.block))
  const kept: number[] = []
  inArticle.forEach(({ block, index, stats }, k) => {
    if (isArticleNoise(block.text, stats, block.heading === true)) return
    if (PHP_ERROR.test(block.text)) return
    const short = !block.heading && measureLength(block.text) < EDGE_LENGTH
    if (short && firstProse >= 0 && (k < firstProse || k > lastProse) && isFurniture(block.text, stats)) return
    // The markup's own word: a date, a byline, a photo caption or credit, on a line of its own.
    // A caption that describes the photo or an author's note ends like a sentence: it is text, where a credit or a name is not.
    if (short && (share(marks.time, index) >= MARK_SHARE || (!isSentence(block.text) && (share(marks.byline, index) >= MARK_SHARE || share(marks.caption, index) >= MARK_SHARE)))) return
    kept.push(index)
  })
  if (kept.length === 0) return { ...whole, fallback: 'too-small' }
  const headline = isHeadline(blocks[kept[0]!]!, titles) ? kept[0]! : findHeadline(blocks, kept[0]!, titles)
  if (headline >= 0 && headline !== kept[0]) kept.unshift(headline)
  // The lead: what stands between the headline and the article (a standfirst, a deck), which Readability often leaves out.
  if (headline >= 0 && kept.length > 1) {
    const lead: number[] = []
    for (let k = headline + 1; k < kept[1]!; k++) {
      const block = blocks[k]!
      if (measureLength(block.text) < EDGE_LENGTH || [marks.link, marks.byline, marks.caption].some((m) => share(m, k) >= MARK_SHARE)) continue
      lead.push(k)
    }
    // More long blocks than a lead has: what stands between is another part of the page.
    if (lead.length <= LEAD_BLOCKS) kept.splice(1, 0, ...lead)
  }
  let judged = kept
  if (rules.length > 0) {
    const view = { blocks, marks, structure, description: article.excerpt }
    for (const rule of rules) judged = rule(judged, view)
    if (judged.length === 0) return { ...whole, fallback: 'too-small' }
  }
  return { blocks: judged.map((k) => blocks[k]!), fallback: null }
}

/**
 * The `<form>` that holds most of Readability's article (at least {@link FORM_ARTICLE_SHARE} of
 * its visible characters), when that form is not the page's own wrapper: its element number, or
 * -1. An article is never a form, but a sign-up or petition form with a few sentences of
 * explanation can outscore a short article. Some frameworks put the whole body in one form: a
 * form that holds the page's headline (its heading that matches the title), or, on a page
 * without one, {@link FORM_MAX_SHARE} of its text, is that wrapper.
 */
function formAround(blocks: readonly SourceBlock[], matched: ReadonlyArray<MatchStats | null>, marks: BlockMarks, structure: PageStructure, titles: ReadonlyArray<string | null>): number {
  const isForm = (e: number): boolean => structure.tag[e] === 'form'
  const inForms = new Map<number, number>()
  let article = 0
  for (let k = 0; k < matched.length; k++) {
    if (matched[k] === null) continue
    article += marks.visible[k]!
    const form = findAncestor(structure, k, isForm)
    if (form >= 0) inForms.set(form, (inForms.get(form) ?? 0) + marks.visible[k]!)
  }
  for (const [form, chars] of inForms) {
    if (chars < FORM_ARTICLE_SHARE * article) continue
    const inForm = (k: number): boolean => blockInside(structure, form, k)
    const headline = blocks.findIndex((b) => isHeadline(b, titles))
    if (headline >= 0) return inForm(headline) ? -1 : form
    let page = 0
    let held = 0
    for (let k = 0; k < blocks.length; k++) {
      page += marks.visible[k]!
      if (inForm(k)) held += marks.visible[k]!
    }
    return held < FORM_MAX_SHARE * page ? form : -1
  }
  return -1
}

/** Share of the article's visible characters in one form for the article to be that form. */
export const FORM_ARTICLE_SHARE = 0.5
/** On a page without a headline, a form holding this share of its visible text or more is its wrapper, not a box in it. */
export const FORM_MAX_SHARE = 0.5

/**
 * A PHP error printed into the page ("Warning: … in /var/www/x.php on line 12"): PHP writes it
 * in this form, in English, whatever the site's language.
 */
const PHP_ERROR = /^(?:PHP )?(?:Warning|Notice|Deprecated|Strict Standards|Fatal error|Parse error|Catchable fatal error)\s*: .* in \S+ on line \d+$/u

/** Share of a block's visible characters inside an element that marks it (a `<time>`, a byline, a caption) for the block to be that. */
export const MARK_SHARE = 0.5
/**
 * A lead (standfirst, deck, the lead photo's caption) is at most this many paragraphs between
 * the headline and the article; the short lines around them (section, dateline, byline, share
 * buttons) do not count.
 */
export const LEAD_BLOCKS = 3

/** Readability's options here: its output is walked, not shown, so classes and JSON-LD metadata are not needed. */
const READABILITY_OPTIONS = { keepClasses: true, disableJSONLD: true } as const
const EMPTY_PAGE = '<!doctype html><html><head></head><body></body></html>'

/**
 * What Readability kept of a page's tree: its article's blocks, how much of each page block's
 * text is in them (and how much of that is link text), and its title; `null` when it finds none.
 */
function readTree(tree: HtmlTree, pageBlocks: number, hide?: ReadonlySet<Element>): ReadArticle | null {
  const owners = new Map<Text, number>()
  tree.sources.forEach((nodes, k) => {
    for (const node of nodes) if (node.type === 'text') owners.set(node, k)
  })
  let parsed: ReturnType<Readability<DomNode>['parse']>
  let built: Map<DomNode, number>
  let marks: BlockMarks
  try {
    const { document } = parseHTML(EMPTY_PAGE)
    ;({ built, marks } = buildDom(tree.tree, document as unknown as BuildDocument<DomNode & BuildNode>, owners, tree.dropped, pageBlocks, MARK_PATTERNS, hide))
    parsed = new Readability<DomNode>(document as never, { ...READABILITY_OPTIONS, serializer: (node) => node as unknown as DomNode }).parse()
  } catch {
    // linkedom or Readability failing on a malformed page is Readability finding nothing.
    return null
  }
  const read = readParsed(parsed, built, pageBlocks)
  return read === null ? null : { ...read, marks }
}

/** Readability's own knowledge: class names of bylines and of boilerplate (as it recognizes its unlikely candidates), ad and loading labels. */
const REGEXPS = (Readability.prototype as unknown as { REGEXPS: Record<string, RegExp | undefined> }).REGEXPS
const NEVER = /(?!)/
const READABILITY_AD_WORDS = REGEXPS.adWords ?? NEVER
const READABILITY_LOADING_WORDS = REGEXPS.loadingWords ?? NEVER
const MARK_PATTERNS: MarkPatterns = {
  byline: REGEXPS.byline ?? /byline|author|dateline/i,
  unlikely: REGEXPS.unlikelyCandidates ?? /comment|footer|header|menu|related|sidebar|social|sponsor/i,
  maybe: REGEXPS.okMaybeItsACandidate ?? /and|article|body|column|content|main|shadow/i,
  // The class-name patterns Readability reads (candidates, weights, bylines, share boxes), and the two names it looks for.
  read: [
    ...['unlikelyCandidates', 'okMaybeItsACandidate', 'positive', 'negative', 'extraneous', 'byline', 'shareElements'].map((name) => REGEXPS[name] ?? NEVER),
    /lazy|fallback-image/i,
  ],
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
interface ReadArticle extends ParsedArticle {
  marks: BlockMarks
}

interface ParsedArticle {
  blocks: ArticleBlock[]
  title: string | null
  /** The page's description from its metadata, else the article's first paragraph (Readability's `excerpt`), or `null`. */
  excerpt: string | null
  /** Per page block: its visible characters found in the article, and those of them inside links. */
  kept: Float64Array
  links: Float64Array
  /** Per page block: where the article's text of it has its own words against its links (see `label-and-link.ts`). */
  order: Uint8Array
}

function readParsed(parsed: ReturnType<Readability<DomNode>['parse']>, built: ReadonlyMap<DomNode, number>, pageBlocks: number): ParsedArticle | null {
  const content = parsed?.content
  if (content === null || content === undefined) return null
  const kept = new Float64Array(pageBlocks)
  const links = new Float64Array(pageBlocks)
  const order = new Uint8Array(pageBlocks)
  const blocks = collectArticleBlocks(content, built, kept, links, order)
  if (blocks.length === 0) return null
  const excerpt = typeof parsed?.excerpt === 'string' ? cleanWhitespace(parsed.excerpt) : null
  return { blocks, title: typeof parsed?.title === 'string' ? cleanWhitespace(parsed.title) : null, excerpt, kept, links, order }
}


/**
 * The article element's blocks, in order (iterative walk, like `from-html.ts`); each text node
 * built from a page block adds its visible characters to `kept` (and to `links` inside a link).
 */
function collectArticleBlocks(root: DomNode, built: ReadonlyMap<DomNode, number>, kept: Float64Array, links: Float64Array, order: Uint8Array): ArticleBlock[] {
  const blocks: ArticleBlock[] = []
  let pieces: string[] = []
  let linkChars = 0
  let mapped = false
  let state = NO_LINK
  const flush = (): void => {
    const raw = pieces.join('')
    const text = cleanWhitespace(raw)
    if (text !== '') blocks.push({ text, linkChars: Math.min(linkChars, text.length), mapped, linkOrder: state })
    pieces = []
    linkChars = 0
    mapped = false
    state = NO_LINK
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
      state = readLinkOrder(state, inLink, value)
      const owner = built.get(node)
      if (owner !== undefined) {
        mapped = true
        order[owner] = readLinkOrder(order[owner]!, inLink, value)
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
  /** Where its own words stand against its links: a label beside a link, or a sentence that links some of its words (see `label-and-link.ts`). */
  linkOrder: LinkOrder
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
  const result: Array<MatchStats | null> = blocks.map((_block, k) => {
    const kept = article.kept[k]!
    if (kept === 0 || kept < KEPT_SHARE * article.marks.visible[k]!) return null
    return { linkShare: article.links[k]! / kept, linkOrder: article.order[k]! }
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
  const share = (b: ArticleBlock): MatchStats => ({ linkShare: b.text.length === 0 ? 0 : b.linkChars / b.text.length, linkOrder: b.linkOrder })
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

/** A sentence: ending like one, in more than {@link FURNITURE_WORDS} words ("1Password scannt auch QR-Codes.") or in CJK script. */
const isSentence = (text: string): boolean => endsLikeSentence(text) && (text.split(' ').length > FURNITURE_WORDS || isCjkText(text))
/** Punctuation: a short line with some says something. */
const PUNCTUATION = /[.,!?…:;。，、！？；：،؟।]/u
/** Lengths in Latin-equivalent characters: a CJK line of ten characters is not a one-word line. */
const isCjkText = (text: string): boolean => measureLength(text) >= 2 * text.length

/** Up to this many words without punctuation, a line at the article's edges says nothing ("Keine Kommentare"). */
const FURNITURE_WORDS = 3
/**
 * A date or a time as pages write them in any language: a year (1600–2099), a day, month and
 * year in figures ("04.05.2021", "12/03/26", "2026-03-12"), a time ("14:00"), a CJK date
 * ("10月14日").
 */
const DATE_OR_TIME = /(?<!\p{N})(?:(?:1[6-9]|20)\d{2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{1,2}:\d{2})(?!\p{N})|\d\s*[年月日]/u
/** A label and a figure in a word or two after its colon: "Lesezeit: 4 Minuten", "Estimated reading time: 6 minutes", "Views: 1.234". */
const LABELLED_FIGURE = /[:：]\s*\S*\p{N}\S*(?:\s+\S+)?$/u
/**
 * A trail of the site's sections: the same separator twice or more between words ("Blog » News »
 * open3 » …", "Accueil > Actus > …"), one expression per separator. The same one, since prose
 * mixes them ("A > B, et B / C"); » and › only on a line without « or ‹, where they close a
 * quotation ("Le « oui » l’emporte sur le « non »").
 */
const TRAILS: ReadonlyArray<readonly [RegExp, RegExp | undefined]> = [
  [/\s»\s(?:.*\s)?»(?:\s|$)/u, /«/u],
  [/\s›\s(?:.*\s)?›(?:\s|$)/u, /‹/u],
  [/\s>\s(?:.*\s)?>(?:\s|$)/u, undefined],
  [/\s\/\s(?:.*\s)?\/(?:\s|$)/u, undefined],
  [/\s\|\s(?:.*\s)?\|(?:\s|$)/u, undefined],
  [/\s\\\s(?:.*\s)?\\(?:\s|$)/u, undefined],
]
/** Whether a line is a trail of sections (see {@link TRAILS}); a line that ends like a sentence is prose ("Trains coupés entre Paris / Lyon / Marseille jusqu’à lundi."). */
function isTrail(text: string): boolean {
  if (endsLikeSentence(text)) return false
  for (const [trail, opener] of TRAILS) if (trail.test(text) && (opener === undefined || !opener.test(text))) return true
  return false
}
/**
 * A short line at the article's edges is furniture when it holds a date or a time, a number in
 * a few words (a count: "319 Likes", "Visto 314 veces") or a label's figure, and does not end
 * like a sentence; when it is a trail of sections or mostly links; or when it is a few words
 * that say nothing. A line of a few more words with a figure that is no date ("Dużymi
 * projektami są rozwój sieci 5G (1,4 mld zł)", a fixture "Santos vs Saprissa (7 pm)", a table's
 * row) is the article's, as its lists and tables are.
 */
function isFurniture(text: string, stats: MatchStats): boolean {
  if (isAddress(text) || citesAddresses(text)) return false
  const words = text.split(' ').length
  if (/\p{N}/u.test(text) && !endsLikeSentence(text) && (words <= FURNITURE_WORDS || DATE_OR_TIME.test(text) || LABELLED_FIGURE.test(text))) return true
  if (isTrail(text)) return true
  if (stats.linkShare >= LINK_SHARE) return true
  return words <= FURNITURE_WORDS && !PUNCTUATION.test(text) && !isCjkText(text)
}

/** Lines that Readability keeps inside articles but that are not the article (see the module rules). */
function isArticleNoise(text: string, stats: MatchStats, heading: boolean): boolean {
  if (isAddress(text) || citesAddresses(text)) return false
  const words = text.split(' ').length
  if (stats.linkShare >= LINK_SHARE && isLabelAndLink(text, stats.linkOrder)) {
    const ownWords = Math.round(words * (1 - stats.linkShare))
    if (ownWords >= 1 && ownWords <= LABEL_MAX_WORDS && words <= LINK_LINE_MAX_WORDS) return true
  }
  // An advertisement's label, a loading indicator: Readability's own words for them, and ours.
  return !heading && words <= 3 && (AD_WORDS.test(text) || READABILITY_AD_WORDS.test(text) || READABILITY_LOADING_WORDS.test(text))
}

/**
 * The label of an advertisement slot, in the languages Readability's `adWords` does not cover
 * (it has English, French, German, Chinese, Russian and Spanish).
 */
export const AD_WORDS =
  /^(?:reklama|reklame|reklam|reklamă|annonce|annonse|annons|anzeigen?|publicidade|pubblicità|advertentie|advertenties|mainos|hirdetés|διαφήμιση|إعلان|広告|광고|quảng cáo|iklan|sponsored|gesponsert|sponsorisé|patrocinado|sponsorowane|publicité|pub)\s*[:.]?$/iu

/** A line that is mostly addresses shown as text (a list of references, "[1] https://…"): it cites sources. */
function citesAddresses(text: string): boolean {
  let inAddresses = 0
  for (const word of text.split(' ')) if (isAddress(word)) inAddresses += word.length
  return inAddresses >= LINK_SHARE * text.length
}

/**
 * Whether the article starts with the page's headline (its heading that matches the title), or
 * right after it: with at most {@link LEAD_BLOCKS} paragraphs of running text between them. A
 * short text under the headline is a short article, not a box of the page that Readability
 * picked instead of the article.
 */
function followsHeadline(blocks: readonly SourceBlock[], matched: ReadonlyArray<MatchStats | null>, titles: ReadonlyArray<string | null>): boolean {
  const first = matched.findIndex((m, k) => m !== null && isProse(blocks[k]!))
  if (first < 0) return false
  const headline = findHeadline(blocks, first, titles)
  if (headline < 0) return false
  let prose = 0
  for (let k = headline + 1; k < first; k++) if (isProse(blocks[k]!)) prose++
  return prose <= LEAD_BLOCKS
}

/**
 * The page's heading that carries the headline, when the article does not start with it: the
 * index of the last heading before the article's first block whose text is (part of) one of
 * the titles, or -1.
 */
function findHeadline(blocks: readonly SourceBlock[], first: number, titles: ReadonlyArray<string | null>): number {
  for (let k = first - 1; k >= 0; k--) if (isHeadline(blocks[k]!, titles)) return k
  return -1
}

/** A paragraph of running text: not a heading, at least {@link EDGE_LENGTH} long. */
const isProse = (block: SourceBlock): boolean => !block.heading && measureLength(block.text) >= EDGE_LENGTH

/** A heading whose text is (part of) one of the titles. */
function isHeadline(block: SourceBlock, titles: ReadonlyArray<string | null>): boolean {
  if (!block.heading) return false
  // Folded as paragraphs are compared (case, compatibility forms, quotes, dashes, invisible characters): a title often writes ' and - where the heading has ’ and –.
  const text = foldText(block.text)
  return text.length >= 8 && titles.some((t) => t !== null && t !== '' && (foldText(t).includes(text) || text.includes(foldText(t))))
}
