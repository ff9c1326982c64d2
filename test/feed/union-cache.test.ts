import { describe, expect, it } from 'vitest'
import { unionShingles } from '../../src/feed/shingles.js'
import type { IndexedArticle, IndexedParagraph } from '../../src/feed/types.js'
import { createUnionCache } from '../../src/feed/union-cache.js'

/** An indexed article of `n` paragraphs whose shingle sets overlap their neighbours'. */
function article(id: string, n: number, offset: number): IndexedArticle {
  const paragraphs: IndexedParagraph[] = Array.from({ length: n }, (_, index) => ({
    index,
    fingerprint: `${id}-${index}`,
    shingles: Uint32Array.from({ length: 20 }, (_, k) => offset + index * 15 + k * 3),
  }))
  return { id, seq: 0, of: null, site: null, paragraphs }
}

const plain = (paragraphs: readonly IndexedParagraph[]): number[] => [...unionShingles(paragraphs.map((p) => p.shingles))]

describe('createUnionCache', () => {
  it('gives the union of the paragraphs asked for, for each article and each choice of its paragraphs', () => {
    const unionOf = createUnionCache()
    const a = article('a', 4, 0)
    const b = article('b', 4, 1000)
    const choices = (x: IndexedArticle) => [x.paragraphs, x.paragraphs.slice(1), x.paragraphs.slice(0, 2), [x.paragraphs[0]!, x.paragraphs[3]!]]
    // Twice over: the second time from the cache, which must not mix articles or choices up.
    for (let round = 0; round < 2; round++) {
      for (const x of [a, b]) for (const kept of choices(x)) expect([...unionOf(x, kept)]).toEqual(plain(kept))
    }
    expect(unionOf(a, a.paragraphs)).toBe(unionOf(a, a.paragraphs))
  })

  it('forgets the oldest beyond its limit, and still answers right', () => {
    const unionOf = createUnionCache(2)
    const xs = ['a', 'b', 'c'].map((id, i) => article(id, 3, i * 500))
    const first = unionOf(xs[0]!, xs[0]!.paragraphs)
    for (const x of xs.slice(1)) unionOf(x, x.paragraphs)
    const again = unionOf(xs[0]!, xs[0]!.paragraphs)
    expect(again).not.toBe(first)
    expect([...again]).toEqual(plain(xs[0]!.paragraphs))
  })

  it('does not mix up an id with spaces and another id whose kept paragraphs spell the same key', () => {
    const unionOf = createUnionCache()
    const a = article('x 1', 3, 0)
    const b = article('x', 3, 700)
    // Without the id's length in the key both read "x 1 2".
    expect([...unionOf(a, [a.paragraphs[2]!])]).toEqual(plain([a.paragraphs[2]!]))
    expect([...unionOf(b, [b.paragraphs[1]!, b.paragraphs[2]!])]).toEqual(plain([b.paragraphs[1]!, b.paragraphs[2]!]))
  })
})
