/**
 * Teasers of other stories after the article's end: when the article and the "next stories"
 * below it share a parent, Readability takes both. Each teaser is a headline that is a link
 * to its story, with a few lines under it ("READ THE REST"); the article's own subheads are
 * not links. So when, from some heading on to the end of the article, every heading is a link
 * and there are two or more of them, each in a box of its own (a card: the heading's parent
 * holds none of the article before them), that part is a list of teasers. A listicle whose
 * subheads link to what they review keeps them: they stand in the article's own flow.
 *
 * @module
 */
import { linkShareOf, type ArticleRule, type ArticleView } from './article-rule.js'
import { findAncestor } from './page-structure.js'

/** Teasers start only after this many of the article's blocks: a story opens with its text. */
export const MIN_ARTICLE_BLOCKS = 2
/** This many link headings in a row of headings make a list of teasers. */
export const MIN_TEASERS = 2
/** Share of a heading's characters inside a link for it to be a teaser's headline. */
export const TEASER_LINK_SHARE = 0.8

/**
 * Drops the tail of the article from the first of {@link MIN_TEASERS} or more headings that are
 * all links, each in a card of its own, with nothing but such headings among the headings after it.
 */
export const dropTeaserTail: ArticleRule = (kept, view) => {
  let start = -1
  let teasers = 0
  const cards: number[] = []
  for (let i = kept.length - 1; i >= MIN_ARTICLE_BLOCKS; i--) {
    const k = kept[i]!
    if (!view.blocks[k]!.heading) continue
    if (!isLinkHeading(k, view)) break
    start = i
    teasers++
    cards.push(cardOf(k, view))
  }
  if (teasers < MIN_TEASERS) return [...kept]
  // A card holds none of the article before the teasers (a subhead in the article's flow has the article's container for parent).
  // The elements around the article's blocks before the teasers, each walked once (a walk stops
  // at an element already there, whose own ancestors are): a card per teaser checked against
  // every block before them cost cards × blocks × depth, seconds on a page of thousands of cards.
  const { structure } = view
  const aroundArticle = new Set<number>()
  for (let i = 0; i < start; i++) {
    for (let e = structure.element[kept[i]!] ?? -1; e >= 0 && !aroundArticle.has(e); e = structure.parent[e]!) aroundArticle.add(e)
  }
  for (const card of cards) if (card < 0 || aroundArticle.has(card)) return [...kept]
  return kept.slice(0, start)
}

const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'])

/** The element holding a heading block's heading element (its card, or the article's container), or `-1`. */
function cardOf(k: number, view: ArticleView): number {
  const { structure } = view
  const heading = findAncestor(structure, k, (e) => HEADINGS.has(structure.tag[e]!))
  return heading < 0 ? -1 : structure.parent[heading]!
}

/** A heading that is a link with an address (an `<a name>` anchor around a subhead is not). */
function isLinkHeading(k: number, view: ArticleView): boolean {
  if (linkShareOf(view, k) < TEASER_LINK_SHARE) return false
  const { structure } = view
  return findAncestor(structure, k, (e) => structure.link[e] === 1) >= 0
}
