import { unionOfParagraphs } from './shingles.js'
import type { IndexedArticle, IndexedParagraph } from './types.js'

/**
 * The union of an indexed article's paragraphs' shingle sets (some of its paragraphs, those a
 * comparison keeps), remembered: an earlier article is a candidate of many later ones (the first
 * holder of its site's footer is one for every article of the site; a story for each of its
 * copies), and its union was taken again for each. A recorded article's paragraphs never change
 * (an id is recorded once), so its id and the kept paragraphs' indices name the union exactly.
 */
export type UnionCache = (candidate: IndexedArticle, paragraphs: readonly IndexedParagraph[]) => Uint32Array

/**
 * A {@link UnionCache} holding up to `limit` unions (about 2 KB each for news articles), the
 * oldest forgotten first.
 * @param limit Unions kept. @default 2048
 */
export function createUnionCache(limit = 2048): UnionCache {
  const unions = new Map<string, Uint32Array>()
  return (candidate, paragraphs) => {
    // The id's length first: ids are any strings, so "x 1" keeping [2] and "x" keeping [1, 2]
    // must not both read "x 1 2".
    let key = `${candidate.id.length}:${candidate.id}`
    for (const p of paragraphs) key += ` ${p.index}`
    let union = unions.get(key)
    if (union === undefined) {
      union = unionOfParagraphs(paragraphs)
      if (unions.size >= limit) unions.delete(unions.keys().next().value as string)
      unions.set(key, union)
    }
    return union
  }
}
