import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { TokenVocabulary } from '../../src/detect/token-vocabulary.js'
import { tokenSpans } from '../../src/text/tokenize.js'

describe('TokenVocabulary', () => {
  it('numbers tokens in order of first sight, as a Map filled with its size would', () => {
    // Short words over a small alphabet (many repeats) and a few astral and combining characters.
    const word = fc.array(fc.constantFrom('a', 'b', 'é', 'e\u0301', '中', '\u{1d41a}', 'z'), { minLength: 1, maxLength: 4 }).map((parts) => parts.join(''))
    fc.assert(
      fc.property(fc.array(word, { maxLength: 3000 }), (words) => {
        const vocabulary = new TokenVocabulary()
        const model = new Map<string, number>()
        const text = words.join(' ')
        let at = 0
        for (const w of words) {
          if (!model.has(w)) model.set(w, model.size)
          expect(vocabulary.idAt(text, at, at + w.length)).toBe(model.get(w))
          at += w.length + 1
        }
        expect(vocabulary.size).toBe(model.size)
      }),
      { numRuns: 100 },
    )
  })

  it('gives the same id to a token found by place and by string', () => {
    const vocabulary = new TokenVocabulary()
    const ids = Array.from({ length: 5000 }, (_, k) => vocabulary.idOf(`w${k}`)) // grows the table several times
    expect(ids).toEqual(Array.from({ length: 5000 }, (_, k) => k))
    expect(vocabulary.idAt('the w123 and w4999', 4, 8)).toBe(123)
    expect(vocabulary.idAt('the w123 and w4999', 13, 18)).toBe(4999)
    expect(vocabulary.idOf('w12')).toBe(12)
    expect(vocabulary.idOf('new')).toBe(5000)
  })

  it('keeps two tokens apart when they arrive with the same hash', () => {
    const vocabulary = new TokenVocabulary()
    // The hash is given, so the two collide in the table for sure: only the comparison of their
    // code units can tell them apart.
    expect(vocabulary.idAt('ab cd', 0, 2, 7)).toBe(0)
    expect(vocabulary.idAt('ab cd', 3, 5, 7)).toBe(1)
    expect(vocabulary.idAt('xx ab', 3, 5, 7)).toBe(0)
    expect(vocabulary.idAt('cd', 0, 2, 7)).toBe(1)
  })

  it('gives the same ids when the caller passes the hashes tokenSpans computed', () => {
    const word = fc.array(fc.constantFrom('a', 'b', 'é', 'e\u0301', 'д', '\u{1d41a}', 'z'), { minLength: 1, maxLength: 4 }).map((parts) => parts.join(''))
    fc.assert(
      fc.property(fc.array(word, { maxLength: 2000 }), (words) => {
        const text = words.join(' ')
        const { spans, hashes, count } = tokenSpans(text)!
        const [given, computed] = [new TokenVocabulary(), new TokenVocabulary()]
        for (let k = 0; k < count; k++) {
          const [start, end] = [spans[2 * k]!, spans[2 * k + 1]!]
          expect(given.idAt(text, start, end, hashes[k]!)).toBe(computed.idAt(text, start, end))
        }
        expect(given.size).toBe(computed.size)
        expect(given.size).toBe(new Set(words).size)
      }),
      { numRuns: 100 },
    )
  })
})
