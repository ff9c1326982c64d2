import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { PostingIndex } from '../../src/detect/posting-index.js'

describe('PostingIndex', () => {
  it('gives each key the paragraphs added with it, as a map of lists would, and skips keys in more than maxList', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 3000 }), fc.nat(100)), { maxLength: 3000 }), fc.integer({ min: 1, max: 6 }), (adds, maxList) => {
        const index = new PostingIndex(maxList)
        const model = new Map<number, number[]>()
        for (const [key, paragraph] of adds) {
          index.add(key, paragraph)
          const list = model.get(key) ?? []
          if (list.length <= maxList) list.push(paragraph) // lists stop growing at maxList + 1
          model.set(key, list)
        }
        for (const key of [...model.keys(), 5000]) {
          const seen: number[] = []
          index.forEach(key, (p) => seen.push(p))
          const list = model.get(key) ?? []
          expect(seen.reverse()).toEqual(list.length > maxList ? [] : list)
        }
      }),
      { numRuns: 200 },
    )
  })

  it('is empty after clear()', () => {
    const index = new PostingIndex(4)
    for (let k = 0; k < 5000; k++) index.add(k, k)
    index.clear()
    const seen: number[] = []
    for (let k = 0; k < 5000; k++) index.forEach(k, (p) => seen.push(p))
    expect(seen).toEqual([])
  })
})
