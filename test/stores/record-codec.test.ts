import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compactShingles, SHINGLE_BITS } from '../../src/feed/compact-shingles.js'
import { decodeLegacyParagraphs, decodeParagraphs, encodeParagraphs, recordParagraphBytes } from '../../src/stores/record-codec.js'

/** A sorted, repeat-free set of values below 2^SHINGLE_BITS. */
const reducedSet = fc
  .uniqueArray(fc.integer({ min: 0, max: 2 ** SHINGLE_BITS - 1 }), { maxLength: 3000 })
  .map((values) => Uint32Array.from(values.sort((a, b) => a - b)))

describe('encodeParagraphs', () => {
  it('gives back every paragraph index and shingle set, whatever their sizes', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ index: fc.nat({ max: 1_000_000 }), shingles: reducedSet }), { maxLength: 12 }), (paragraphs) => {
        const decoded = decodeParagraphs(encodeParagraphs(paragraphs))
        expect(decoded.map((p) => ({ index: p.index, shingles: [...p.shingles] }))).toEqual(
          paragraphs.map((p) => ({ index: p.index, shingles: [...p.shingles] })),
        )
      }),
      { numRuns: 200 },
    )
  })

  it('codes sets of full 32-bit hashes too (what a store given unreduced shingles holds)', () => {
    const wide = fc.uniqueArray(fc.integer({ min: 0, max: 2 ** 32 - 1 }), { maxLength: 500 }).map((v) => Uint32Array.from(v.sort((a, b) => a - b)))
    fc.assert(
      fc.property(fc.array(wide, { maxLength: 5 }), (sets) => {
        const decoded = decodeParagraphs(encodeParagraphs(sets.map((shingles, index) => ({ index, shingles }))))
        expect(decoded.map((p) => [...p.shingles])).toEqual(sets.map((set) => [...set]))
      }),
      { numRuns: 100 },
    )
  })

  it('keeps the extremes: 0, 2^16 − 1, a full universe, an empty set', () => {
    const full = Uint32Array.from({ length: 2 ** SHINGLE_BITS }, (_, i) => i)
    const paragraphs = [
      { index: 0, shingles: Uint32Array.of(0) },
      { index: 3, shingles: Uint32Array.of(2 ** SHINGLE_BITS - 1) },
      { index: 4, shingles: new Uint32Array(0) },
      { index: 9, shingles: full },
    ]
    const decoded = decodeParagraphs(encodeParagraphs(paragraphs))
    expect(decoded.map((p) => [p.index, p.shingles.length, p.shingles[0], p.shingles.at(-1)])).toEqual([
      [0, 1, 0, 0], [3, 1, 65535, 65535], [4, 0, undefined, undefined], [9, 65536, 0, 65535],
    ])
  })

  it('takes under 1.8 bytes per shingle for paragraphs of news size (40 shingles)', () => {
    const random = fc.sample(fc.uniqueArray(fc.integer({ min: 0, max: 2 ** 32 - 1 }), { minLength: 40, maxLength: 40 }), { numRuns: 50, seed: 7 })
    const paragraphs = random.map((values, index) => ({ index, shingles: compactShingles(Uint32Array.from(values.sort((a, b) => a - b))) }))
    const count = paragraphs.reduce((n, p) => n + p.shingles.length, 0)
    expect(encodeParagraphs(paragraphs).byteLength / count).toBeLessThan(1.8)
  })
})

describe('compactShingles', () => {
  it('keeps the high 16 bits of each hash, sorted and without repeats', () => {
    expect([...compactShingles(Uint32Array.of(0x0000ffff, 0x00010000, 0x0001ffff, 0xffff0000))]).toEqual([0, 1, 0xffff])
  })
})

describe('decodeLegacyParagraphs', () => {
  it('reads the 32-bit layout of SQLite layouts 1 and 2', () => {
    const legacy = new Uint8Array(Uint32Array.of(2, 5, 2, 10, 0xfffffff0, 7, 0).buffer)
    expect(decodeLegacyParagraphs(legacy).map((p) => [p.index, [...p.shingles]])).toEqual([[5, [10, 0xfffffff0]], [7, []]])
  })
})

describe('recordParagraphBytes', () => {
  const paragraphs = [{ index: 1, shingles: Uint32Array.from([3, 8, 20]) }]
  it('takes the bytes a record brings as they are', () => {
    const encoded = Uint8Array.of(1, 2, 3)
    expect(recordParagraphBytes({ paragraphs, encodedParagraphs: encoded })).toBe(encoded)
  })
  it('encodes the paragraphs of a record that brings none', () => {
    expect([...recordParagraphBytes({ paragraphs })]).toEqual([...encodeParagraphs(paragraphs)])
  })
})
