/**
 * The standfirst that the page's metadata names: news sites write their deck into
 * `<meta name="description">` (or `og:description`), and show it above the article, often
 * beside the headline in a header that Readability does not read, or above a related list that
 * keeps it out of the lead the headline rule looks for. A block above the article whose text is
 * that description is the article's lead.
 *
 * @module
 */
import { linkShareOf, type ArticleRule } from './article-rule.js'
import { measureLength } from '../text/measure-length.js'
import { foldText } from '../text/normalize-text.js'

/**
 * A description shorter than this (Latin-equivalent characters) is a site's tagline, a few
 * keywords or a subtitle, not a deck: the length from which the lead rule of `extractArticle`
 * takes a block for a paragraph of running text.
 */
export const MIN_DESCRIPTION_LENGTH = 80

/** An ellipsis or "..." that cuts a description short. */
const CUT = /\s*(?:…|\.\.\.)$/u

/**
 * Puts back the block above the article's first paragraph whose text is the page's
 * description, or its start when the description is cut short (at least
 * {@link MIN_DESCRIPTION_LENGTH} characters, not mostly a link: a teaser of the same story in a
 * list is a link).
 */
export const leadFromDescription: ArticleRule = (kept, view) => {
  if (view.description === null || kept.length === 0) return [...kept]
  const description = foldText(view.description).replace(CUT, '')
  if (measureLength(description) < MIN_DESCRIPTION_LENGTH) return [...kept]
  const firstText = kept.find((k) => !view.blocks[k]!.heading) ?? kept[0]!
  const keptSet = new Set(kept)
  for (let k = firstText - 1; k >= 0; k--) {
    if (keptSet.has(k)) continue
    const text = foldText(view.blocks[k]!.text)
    if (text.length < description.length || linkShareOf(view, k) >= 0.5) continue
    if (text === description || text.startsWith(description)) return [...kept, k].sort((a, b) => a - b)
  }
  return [...kept]
}
