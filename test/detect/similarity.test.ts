import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { commonSubsequenceLength, compareTokens } from '../../src/detect/similarity.js'

describe('commonSubsequenceLength', () => {
  it.each([
    ['both empty', [], [], 0],
    ['one empty', [1, 2, 3], [], 0],
    ['equal', [1, 2, 3], [1, 2, 3], 3],
    ['reversed: shared words in another order do not count', [1, 2, 3], [3, 2, 1], 1],
    ['one word deleted', [1, 2, 3, 4], [1, 3, 4], 3],
    ['one word changed', [1, 2, 3, 4], [1, 9, 3, 4], 3],
    ['words inserted', [1, 2, 3], [1, 7, 2, 8, 3], 3],
    ['repeated tokens', [5, 5, 5], [5, 5], 2],
    ['a classic LCS case', [1, 2, 3, 2, 4, 1, 2], [2, 4, 3, 1, 2, 1], 4],
    ['nothing shared', [1, 2], [3, 4], 0],
    ['token id 0 is a token like any other', [0, 0, 1], [0, 1], 2],
  ])('%s', (_, a, b, expected) => {
    expect(commonSubsequenceLength(a, b)).toBe(expected)
    expect(commonSubsequenceLength(b, a)).toBe(expected)
  })

  it('accepts typed arrays', () => {
    expect(commonSubsequenceLength(Int32Array.from([1, 2, 3]), Int32Array.from([2, 3]))).toBe(2)
  })

  it('is exact up to 4 M cells: two 2,000-token sequences in reverse order share 1', () => {
    const a = Array.from({ length: 2000 }, (_, k) => k)
    expect(commonSubsequenceLength(a, [...a].reverse())).toBe(1)
  })

  it('past 4 M cells falls back to the multiset overlap, an upper bound (documented)', () => {
    const a = Array.from({ length: 2001 }, (_, k) => k)
    // Exact LCS would be 1; the linear fallback counts shared tokens regardless of order.
    expect(commonSubsequenceLength(a, [...a].reverse())).toBe(2001)
    expect(commonSubsequenceLength(a, a.map((k) => k + 5000))).toBe(0)
  })

  it('is symmetric, bounded by the shorter length, and equal to the length against itself', () => {
    const tokens = fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 30 })
    fc.assert(
      fc.property(tokens, tokens, (a, b) => {
        const l = commonSubsequenceLength(a, b)
        expect(l).toBe(commonSubsequenceLength(b, a))
        expect(l).toBeLessThanOrEqual(Math.min(a.length, b.length))
        expect(commonSubsequenceLength(a, a)).toBe(a.length)
        // Appending a shared token adds exactly one.
        expect(commonSubsequenceLength([...a, 99], [...b, 99])).toBe(l + 1)
      }),
      { numRuns: 200 },
    )
  })
})

describe('compareTokens', () => {
  it.each([
    ['equal', [1, 2, 3, 4], [1, 2, 3, 4], { ratio: 1, aInB: 1, bInA: 1 }],
    ['one of ten changed', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [1, 2, 3, 4, 5, 6, 7, 8, 9, 11], { ratio: 0.9, aInB: 0.9, bInA: 0.9 }],
    ['a wholly inside b', [2, 3], [1, 2, 3, 4], { ratio: 4 / 6, aInB: 1, bInA: 0.5 }],
    ['disjoint', [1, 2], [3, 4], { ratio: 0, aInB: 0, bInA: 0 }],
    ['both empty', [], [], { ratio: 0, aInB: 0, bInA: 0 }],
    ['a empty', [], [1], { ratio: 0, aInB: 0, bInA: 0 }],
  ])('%s', (_, a, b, expected) => {
    const result = compareTokens(a, b)
    expect(result.ratio).toBeCloseTo(expected.ratio, 10)
    expect(result.aInB).toBeCloseTo(expected.aInB, 10)
    expect(result.bInA).toBeCloseTo(expected.bInA, 10)
  })
})
