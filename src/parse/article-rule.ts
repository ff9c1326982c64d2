/**
 * The shape of the extraction rules that judge the article Readability found as a whole (a
 * list, a box, its tail), each in a file of its own: what they read of the page, and what they
 * return.
 *
 * @module
 */
import type { SourceBlock } from '../types.js'
import type { BlockMarks } from './build-dom.js'
import type { PageStructure } from './page-structure.js'

/** What a rule reads of the page: its blocks, what the markup says of each, and where each sits. */
export interface ArticleView {
  /** The page's blocks, in page order. */
  blocks: readonly SourceBlock[]
  /** Per block, its visible characters, and those inside links, a `<time>`, a caption… (see `buildDom`). */
  marks: BlockMarks
  /** The page's elements and the element around each block. */
  structure: PageStructure
  /** The page's description (`<meta name="description">`, `og:description`…, as Readability reads it), or `null`. */
  description: string | null
}

/**
 * A rule: from the indices of the page blocks kept as the article (ascending), the indices it
 * keeps (ascending; a rule may add blocks of the page as well as drop some).
 */
export type ArticleRule = (kept: readonly number[], view: ArticleView) => number[]

/** Share of a block's visible characters inside links (0 for a block with none). */
export function linkShareOf(view: ArticleView, block: number): number {
  const visible = view.marks.visible[block]!
  return visible === 0 ? 0 : view.marks.link[block]! / visible
}

/**
 * `kept` without `dropped`, unless the dropped blocks hold `maxShare` or more of the kept
 * blocks' visible characters: then the rule has found the page's own content (a directory of
 * links, an article printed twice) rather than something around it, and everything is kept.
 */
export function dropUnlessMost(kept: readonly number[], dropped: ReadonlySet<number>, view: ArticleView, maxShare: number): number[] {
  if (dropped.size === 0) return [...kept]
  let total = 0
  let droppedChars = 0
  for (const k of kept) {
    total += view.marks.visible[k]!
    if (dropped.has(k)) droppedChars += view.marks.visible[k]!
  }
  return droppedChars >= maxShare * total ? [...kept] : kept.filter((k) => !dropped.has(k))
}

/**
 * `kept` without its trailing blocks whose text `isLine` accepts (a tail of notices, of follow
 * buttons…), never dropping the first `keepFirst` blocks.
 */
export function dropTrailingLines(kept: readonly number[], view: ArticleView, isLine: (text: string) => boolean, keepFirst = 0): number[] {
  let end = kept.length
  while (end > keepFirst && isLine(view.blocks[kept[end - 1]!]!.text)) end--
  return kept.slice(0, end)
}
