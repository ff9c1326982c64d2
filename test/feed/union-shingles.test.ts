import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { unionShingles } from '../../src/feed/shingles.js'

/** A sorted, repeat-free set of 32-bit values, as `shingles()` returns them. */
const set = fc.uniqueArray(fc.integer({ min: 0, max: 0xffffffff }), { maxLength: 40 }).map((xs) => Uint32Array.from(xs.sort((a, b) => a - b)))
/** Sets drawn from a small range, so that they overlap. */
const overlapping = fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 30 }).map((xs) => Uint32Array.from(xs.sort((a, b) => a - b)))

describe('unionShingles', () => {
  it('is the sorted, repeat-free union of any number of sets', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(set, overlapping), { maxLength: 9 }), (sets) => {
        const expected = [...new Set(sets.flatMap((s) => [...s]))].sort((a, b) => a - b)
        expect([...unionShingles(sets)]).toEqual(expected)
      }),
    )
  })
  it('returns a new array, leaving its inputs as they were', () => {
    const a = Uint32Array.from([1, 5, 9])
    const b = Uint32Array.from([2, 5, 0xffffffff])
    const union = unionShingles([a])
    union[0] = 7
    expect([...a]).toEqual([1, 5, 9])
    expect([...unionShingles([a, b, Uint32Array.from([3])])]).toEqual([1, 2, 3, 5, 9, 0xffffffff])
    expect([...b]).toEqual([2, 5, 0xffffffff])
    expect(unionShingles([]).length).toBe(0)
  })
})
