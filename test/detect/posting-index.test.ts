import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { PostingIndex, REPEAT } from '../../src/detect/posting-index.js'

/** The earlier paragraphs a visit returns, newest first (or REPEAT). */
function walk(index: PostingIndex, head: number): number[] | typeof REPEAT {
  if (head === REPEAT) return REPEAT
  const seen: number[] = []
  for (let entry = head; entry !== -1; entry = index.next(entry)) seen.push(index.paragraphOf(entry))
  return seen
}

/** A visit with room made for it first. */
function visit(index: PostingIndex, key: number, paragraph: number): number {
  index.reserve(1)
  return index.visit(key, paragraph)
}

/** A map of lists with the index's rules: lists stop at maxList + 1, a longer one is not read, a paragraph counts once per key. */
class Model {
  readonly lists = new Map<number, number[]>()
  constructor(readonly maxList: number) {}
  visit(key: number, paragraph: number): number[] | typeof REPEAT {
    const list = this.lists.get(key) ?? []
    if (list.includes(paragraph) || this.visited.get(key) === paragraph) return REPEAT
    this.visited.set(key, paragraph)
    const earlier = list.length > this.maxList ? [] : [...list].reverse()
    if (list.length <= this.maxList) list.push(paragraph)
    this.lists.set(key, list)
    return earlier
  }
  withdraw(key: number, paragraph: number): void {
    if (this.visited.get(key) !== paragraph) return
    this.visited.delete(key)
    const list = this.lists.get(key)!
    if (list[list.length - 1] === paragraph) list.pop()
  }
  readonly visited = new Map<number, number>()
}

describe('PostingIndex', () => {
  it('gives each visit the earlier paragraphs with the key, as a map of lists would; a repeat visit, or a key in more than maxList paragraphs, gives none', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 60 }), { maxLength: 80 }),
        fc.array(fc.boolean(), { maxLength: 80 }),
        fc.integer({ min: 1, max: 6 }),
        (paragraphs, withdrawn, maxList) => {
          const index = new PostingIndex(maxList)
          const model = new Model(maxList)
          paragraphs.forEach((keys, p) => {
            index.reserve(keys.length)
            for (const key of keys) expect(walk(index, index.visit(key, p))).toEqual(model.visit(key, p))
            if (withdrawn[p] === true) {
              for (let k = keys.length - 1; k >= 0; k--) {
                index.withdraw(keys[k]!, p)
                model.withdraw(keys[k]!, p)
              }
            }
          })
          // A last paragraph reads every list as the model holds it.
          const last = paragraphs.length
          index.reserve(model.lists.size + 1)
          for (const key of [...model.lists.keys(), 5000]) expect(walk(index, index.visit(key, last))).toEqual(model.visit(key, last))
        },
      ),
      { numRuns: 200 },
    )
  })

  it('forgets a withdrawn paragraph: its keys are as before it visited them, past maxList included', () => {
    const index = new PostingIndex(2)
    visit(index, 7, 0)
    visit(index, 7, 1) // key 7 now has maxList paragraphs
    visit(index, 7, 2) // and is now past it
    visit(index, 8, 2)
    index.withdraw(7, 2)
    index.withdraw(8, 2)
    expect(walk(index, visit(index, 7, 3))).toEqual([1, 0])
    expect(walk(index, visit(index, 8, 3))).toEqual([])
    expect(walk(index, visit(index, 7, 4))).toEqual([]) // past maxList again, with paragraph 3
  })

  it('is empty after clear(), whether it grew or not, and counts lists from zero again', () => {
    for (const n of [3, 5000]) {
      const index = new PostingIndex(2)
      for (let k = 0; k < n; k++) visit(index, k % 1000, k)
      index.clear()
      for (let k = 0; k < 1000; k++) expect(walk(index, visit(index, k, 0))).toEqual([])
      index.clear()
      visit(index, 7, 10)
      visit(index, 7, 11)
      expect(walk(index, visit(index, 7, 12))).toEqual([11, 10])
    }
  })

  it('keeps every list through growths past the size whose old arrays are let go at once, and after clear()', () => {
    // 600,000 entries: the pool and the table grow past 1 MB, the size from which the arrays a
    // growth replaces are detached (their memory given back) rather than left to the collector.
    const index = new PostingIndex(4)
    const keyOf = (k: number): number => (k * 7919) % 200_003
    for (let k = 0; k < 600_000; k++) visit(index, keyOf(k), k)
    for (const key of [0, 1, 5, 77_777, 200_002]) {
      const added = Array.from({ length: 600_000 }, (_, k) => k).filter((k) => keyOf(k) === key)
      expect(walk(index, visit(index, key, 600_000))).toEqual(added.length > 4 ? [] : added.reverse())
      expect(added.length).toBeGreaterThan(0)
    }
    index.clear()
    expect(walk(index, visit(index, keyOf(1), 0))).toEqual([])
    visit(index, 3, 9)
    expect(walk(index, visit(index, 3, 10))).toEqual([9])
  })
})
