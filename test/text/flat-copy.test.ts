import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { flatCopy } from '../../src/text/flat-copy.js'

describe('flatCopy', () => {
  it('gives back the same text, for any string and any slice of one (surrogate pairs cut at the copy point included)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), fc.nat(60), fc.nat(60), (text, a, b) => {
        expect(flatCopy(text)).toBe(text)
        const slice = text.slice(Math.min(a, b), Math.max(a, b))
        expect(flatCopy(slice)).toBe(slice)
      }),
      { seed: 20261202, numRuns: 2000 },
    )
    expect(flatCopy('\ud83d\ude00 and more text after the pair')).toBe('\ud83d\ude00 and more text after the pair')
  })
})
