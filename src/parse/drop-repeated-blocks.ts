/**
 * Parts of the site's template that the article's container holds and that the page shows
 * again elsewhere: a donation appeal, a subscription box, a "about us" blurb printed both in the
 * article column and in a sidebar or the footer. The story's own paragraphs appear once on a
 * page; a run of lines that the page repeats outside the article is the template's.
 *
 * @module
 */
import { dropUnlessMost, type ArticleRule } from './article-rule.js'

/** This many repeated lines in a row make a repeated part of the template; one repeated line may be a pull quote or a teaser of the story itself. */
export const MIN_REPEATED_RUN = 2

/** Repeated runs holding this share of the article's characters or more are the article printed twice: they stay. */
export const MAX_REPEATED_SHARE = 0.5

/**
 * Drops runs of {@link MIN_REPEATED_RUN} or more consecutive article blocks (headings
 * included, the first block, the headline, excepted) whose texts each occur again as a block
 * of the page outside the article, unless they hold {@link MAX_REPEATED_SHARE} of the article or more.
 */
export const dropRepeatedBlocks: ArticleRule = (kept, view) => {
  const inArticle = new Set(kept)
  const outside = new Set<string>()
  view.blocks.forEach((b, k) => {
    if (!inArticle.has(k)) outside.add(b.text)
  })
  const repeated = kept.map((k, i) => i > 0 && outside.has(view.blocks[k]!.text))
  const dropped = new Set<number>()
  for (let i = 0; i < kept.length; ) {
    if (!repeated[i]) {
      i++
      continue
    }
    let j = i
    while (j < kept.length && repeated[j]) j++
    if (j - i >= MIN_REPEATED_RUN) for (let r = i; r < j; r++) dropped.add(kept[r]!)
    i = j
  }
  // A page that prints the article twice (a desktop and a mobile copy, both in the markup) repeats the article itself.
  return dropUnlessMost(kept, dropped, view, MAX_REPEATED_SHARE)
}
