/**
 * Lists of links inside the article: "Read also", "Saiba mais", "Więcej na ten temat", a site's
 * other pages, tags. Readability keeps lists whose text is mostly links (its `isList` exception
 * only removes them from containers it weighs as content); the block rules keep a line that is
 * all link, since alone it may cite a source. Together, the items of one list make the case:
 * every item holds a link and reads as a title, not a sentence.
 *
 * The signals are jusText's and trafilatura's (link density of a list as a whole, short items),
 * read on the list element itself, so they hold in any language.
 *
 * @module
 */
import { dropUnlessMost, linkShareOf, type ArticleRule, type ArticleView } from './article-rule.js'
import { blockInside, findAncestor } from './page-structure.js'
import { measureLength } from '../text/measure-length.js'
import { endsLikeSentence } from './ends-like-sentence.js'
import { hasAddress } from './text-addresses.js'

/** A list of this many items or more can be judged as a list; one item is a line (the block rules judge it). */
export const MIN_LIST_ITEMS = 2
/** Share of a list's visible characters inside links from which it is a list of links (its items may add a word or two: "Eiche Baumbeschreibung"). */
export const LIST_LINK_SHARE = 1 / 3
/** An item longer than this many words is prose that cites a link, and the list is kept. */
export const LIST_ITEM_MAX_WORDS = 20
/** Lists of links holding this share of the article's characters or more are the page's content (a directory), and stay. */
export const MAX_LISTS_SHARE = 0.5
/** A label before the list ("Saiba mais", "Related:") shorter than this (Latin-equivalent characters) goes with it. */
export const LIST_LABEL_MAX_LENGTH = 80

/**
 * Drops the article's lists whose every item holds a link, reads as a title (at most
 * {@link LIST_ITEM_MAX_WORDS} words, not ending as a sentence, no address shown) and whose text
 * is, for {@link LIST_LINK_SHARE} or more, link text; with the short label or heading just
 * before such a list when the two have a box of their own. When such lists hold
 * {@link MAX_LISTS_SHARE} of the article or more, the page is a list of links and stays whole.
 */
export const dropLinkLists: ArticleRule = (kept, view) => {
  const { structure } = view
  // The article's blocks by the list (`ul`, `ol`, `menu`) holding their item.
  const lists = new Map<number, number[]>()
  for (const k of kept) {
    const item = findAncestor(structure, k, (e) => structure.tag[e] === 'li')
    if (item < 0) continue
    const list = structure.parent[item]!
    if (list < 0) continue
    const members = lists.get(list)
    if (members === undefined) lists.set(list, [k])
    else members.push(k)
  }
  const dropped = new Set<number>()
  // Where each kept block stands, made for the first list of links (most pages have none).
  let positions: Map<number, number> | null = null
  for (const [list, members] of lists) {
    if (!isLinkList(members, view)) continue
    for (const k of members) dropped.add(k)
    positions ??= new Map(kept.map((k, i) => [k, i]))
    const label = labelBefore(list, members, kept, positions, view)
    if (label >= 0) dropped.add(label)
  }
  // A page that is mostly lists of links (a directory, a list of resources) is what the reader came for.
  return dropUnlessMost(kept, dropped, view, MAX_LISTS_SHARE)
}

function isLinkList(members: readonly number[], view: ArticleView): boolean {
  if (members.length < MIN_LIST_ITEMS) return false
  let visible = 0
  let link = 0
  for (const k of members) {
    const text = view.blocks[k]!.text
    // An item that ends like a sentence is prose; a URL or an e-mail address shown as text cites a source.
    if (view.marks.link[k]! === 0 || endsLikeSentence(text) || hasAddress(text)) return false
    if (text.split(' ').length > LIST_ITEM_MAX_WORDS) return false
    visible += view.marks.visible[k]!
    link += view.marks.link[k]!
  }
  return visible > 0 && link >= LIST_LINK_SHARE * visible
}

/**
 * The kept block just before the list's first item when it labels the list: short, not a
 * sentence, not mostly a link itself, and in a box that holds the list and nothing else of the
 * article (a heading over the list in its own box; a subhead of the article over a list in the
 * article's flow stays).
 */
function labelBefore(list: number, members: readonly number[], kept: readonly number[], positions: ReadonlyMap<number, number>, view: ArticleView): number {
  const first = positions.get(members[0]!)!
  if (first <= 0) return -1
  const label = kept[first - 1]!
  const { structure } = view
  const box = structure.parent[list]!
  if (box < 0) return -1
  const inBox = (k: number): boolean => blockInside(structure, box, k)
  if (!inBox(label)) return -1
  // Nothing else of the article in the box. The blocks inside an element follow each other in
  // document order, as the kept blocks do: so the box holds another block only if one sits among
  // the items, or just before the label, or just after the last item. (Looking through every kept
  // block for each list cost lists × blocks: seconds on a page of thousands of small lists.)
  const last = positions.get(members[members.length - 1]!)!
  if (last - first + 1 !== members.length) return -1
  if (first >= 2 && inBox(kept[first - 2]!)) return -1
  if (last + 1 < kept.length && inBox(kept[last + 1]!)) return -1
  const text = view.blocks[label]!.text
  if (measureLength(text) >= LIST_LABEL_MAX_LENGTH || endsLikeSentence(text) || linkShareOf(view, label) >= 0.5) return -1
  return label
}
