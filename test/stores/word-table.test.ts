import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { WordTable } from '../../src/stores/word-table.js'

describe('WordTable', () => {
  it('holds what a Map of arrays holds, through inserts, updates and deletes, across growth', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('insert' as const), key: fc.nat({ max: 40 }), value: fc.integer({ min: 1, max: 2 ** 32 - 2 }) }),
      fc.record({ kind: fc.constant('delete' as const), key: fc.nat({ max: 40 }) }),
      fc.record({ kind: fc.constant('update' as const), key: fc.nat({ max: 40 }), value: fc.integer({ min: 1, max: 2 ** 32 - 2 }) }),
    )
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const table = new WordTable(2, 1, 4)
        const model = new Map<number, number[]>()
        for (const o of ops) {
          const key = [o.key, o.key * 7]
          const list = model.get(o.key) ?? []
          if (o.kind === 'insert') {
            table.insert(key, [o.value])
            model.set(o.key, [...list, o.value])
          } else if (o.kind === 'delete') {
            // Deletes the first record whose value is odd, as a predicate does.
            const at = list.findIndex((v) => v % 2 === 1)
            expect(table.delete(key, (v) => (v[0] as number) % 2 === 1)).toBe(at >= 0)
            if (at >= 0) model.set(o.key, list.filter((_, i) => i !== at))
          } else {
            expect(table.update(key, 0, o.value)).toBe(list.length > 0)
            if (list.length > 0) expect(table.get(key)![0]).toBe(o.value)
            model.set(o.key, table.getAll(key).map((v) => v[0] as number))
          }
        }
        let size = 0
        for (const [k, values] of model) {
          size += values.length
          expect(table.getAll([k, k * 7]).map((v) => v[0]).sort()).toEqual([...values].sort())
        }
        expect(table.size).toBe(size)
      }),
      { numRuns: 200 },
    )
  })

  it('tells apart keys that differ in one word only', () => {
    const table = new WordTable(3, 2)
    table.insert([0, 1, 2], [10, 11])
    table.insert([1, 1, 2], [20, 21])
    expect([...table.get([0, 1, 2])!]).toEqual([10, 11])
    expect([...table.get([1, 1, 2])!]).toEqual([20, 21])
    expect(table.get([0, 1, 3])).toBeNull()
  })

  it('refuses a first value word that marks empty or deleted slots', () => {
    const table = new WordTable(1, 2)
    expect(() => table.insert([5], [0, 1])).toThrow(RangeError)
    expect(() => table.insert([5], [2 ** 32 - 1, 1])).toThrow(RangeError)
    table.insert([5], [1, 0])
    expect(() => table.update([5], 0, 0)).toThrow(RangeError)
    expect(table.update([5], 1, 0)).toBe(true)
    expect([...table.get([5])!]).toEqual([1, 0])
  })

  it('stays bounded under churn: tombstones are cleared in place', () => {
    const table = new WordTable(1, 1, 64)
    for (let i = 0; i < 40; i++) table.insert([i], [i + 1])
    const start = table.bytes
    for (let round = 1; round <= 50; round++) {
      for (let i = 0; i < 40; i++) expect(table.delete([(round - 1) * 40 + i])).toBe(true)
      for (let i = 0; i < 40; i++) table.insert([round * 40 + i], [i + 1])
    }
    expect(table.size).toBe(40)
    // 2,040 records went through it: it grew by a quarter once or twice at most, tombstones
    // were cleared in place after that (a table that kept them would hold 2,040 slots).
    expect(table.bytes).toBeLessThanOrEqual(start * 2)
    for (let i = 0; i < 40; i++) expect(table.get([50 * 40 + i])?.[0]).toBe(i + 1)
    expect(table.get([49 * 40])).toBeNull()
  })
})
