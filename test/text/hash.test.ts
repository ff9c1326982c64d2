import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { paragraphFingerprint } from '../../src/feed/fingerprint.js'
import { FNV_OFFSET, FNV_PRIME, hash32, hash32Pair, mix32 } from '../../src/text/hash.js'

describe('hash32Pair', () => {
  it('gives hash32 of each seed, in one pass', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.integer(), fc.integer(), (text, seedA, seedB) => {
        const out = hash32Pair(text, seedA, seedB)
        expect([out[0], out[1]]).toEqual([hash32(text, seedA), hash32(text, seedB)])
      }),
      { numRuns: 200 },
    )
  })

  it('writes into the array it is given and returns it', () => {
    const out = new Uint32Array([7, 7])
    expect(hash32Pair('abc', 0, 1, out)).toBe(out)
    expect([...out]).toEqual([hash32('abc'), hash32('abc', 1)])
  })
})

describe('FNV constants', () => {
  it('are FNV-1a 32-bit', () => {
    expect([FNV_OFFSET, FNV_PRIME]).toEqual([2166136261, 16777619])
  })

  // hash32 and hash32Pair write them out as literals (see FNV_OFFSET): they must be these.
  it('are the ones hash32 and hash32Pair start from and multiply by', () => {
    const fnv = (text: string): number => {
      let h = FNV_OFFSET
      for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME)
      return mix32(h)
    }
    for (const text of ['', 'a', 'été', 'un texte plus long, 😀']) {
      expect(hash32(text)).toBe(fnv(text))
      expect(hash32Pair(text, 0, 0)[1]).toBe(fnv(text))
    }
  })
})

describe('paragraphFingerprint', () => {
  // Stored in every index (first occurrences, site counts): values written before hash32Pair
  // (two hash32 passes, seeds 1 and 2) must be found again.
  it('keeps the stored values', () => {
    expect(paragraphFingerprint('L’été  —  «Oui»')).toBe('209bab1b7cd9c02c')
    expect(paragraphFingerprint('Un paragraphe de nouvelles, assez long pour compter.')).toBe('b596fcd5e52cfb37')
    expect(paragraphFingerprint('北京时间 12 月 1 日')).toBe('6b10ab5c6da63bc1')
    expect(paragraphFingerprint('😀 x\u0000y')).toBe('aff45030de19c344')
  })
})
