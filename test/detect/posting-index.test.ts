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

  it('is empty after clear() when it never grew, and counts lists from zero again', () => {
    const index = new PostingIndex(2)
    for (let k = 0; k < 3; k++) index.add(7, k) // key 7 is now past maxList
    index.add(8, 0)
    index.clear()
    const seen: number[] = []
    index.forEach(7, (p) => seen.push(p))
    index.forEach(8, (p) => seen.push(p))
    expect(seen).toEqual([])
    index.add(7, 10)
    index.add(7, 11)
    const again: number[] = []
    index.forEach(7, (p) => again.push(p))
    expect(again).toEqual([11, 10])
  })

  it('keeps every list through growths past the size whose old arrays are let go at once, and after clear()', () => {
    // 600,000 entries: the pool and the table grow past 1 MB, the size from which the arrays a
    // growth replaces are detached (their memory given back) rather than left to the collector.
    const index = new PostingIndex(4)
    const keyOf = (k: number): number => (k * 7919) % 200_003
    for (let k = 0; k < 600_000; k++) index.add(keyOf(k), k)
    for (const key of [0, 1, 5, 77_777, 200_002]) {
      const seen: number[] = []
      index.forEach(key, (p) => seen.push(p))
      const added = Array.from({ length: 600_000 }, (_, k) => k).filter((k) => keyOf(k) === key)
      expect(seen.reverse()).toEqual(added.length > 4 ? [] : added)
      expect(added.length).toBeGreaterThan(0)
    }
    index.clear()
    const after: number[] = []
    index.forEach(keyOf(1), (p) => after.push(p))
    expect(after).toEqual([])
    index.add(3, 9)
    const again: number[] = []
    index.forEach(3, (p) => again.push(p))
    expect(again).toEqual([9])
  })

  it('walks a list with first/next/paragraphOf as forEach does', () => {
    const index = new PostingIndex(8)
    for (const [key, paragraph] of [[1, 0], [2, 0], [1, 3], [1, 5]] as const) index.add(key, paragraph)
    const walked: number[] = []
    for (let entry = index.first(1); entry !== -1; entry = index.next(entry)) walked.push(index.paragraphOf(entry))
    expect(walked).toEqual([5, 3, 0])
    expect(index.first(99)).toBe(-1)
  })
})
