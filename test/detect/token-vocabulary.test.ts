import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { TokenVocabulary } from '../../src/detect/token-vocabulary.js'
import { tokenSpans } from '../../src/text/tokenize.js'

/** FNV-1a over the code units of `text[start, end)`, the hash `tokenSpans` gives with each token. */
function fnv(text: string, start = 0, end = text.length): number {
  let h = 0x811c9dc5
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return h
}

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
          expect(vocabulary.idAt(text, at, at + w.length, fnv(w))).toBe(model.get(w))
          at += w.length + 1
        }
        expect(vocabulary.size).toBe(model.size)
      }),
      { numRuns: 100 },
    )
  })

  it('finds a token again in another text, through growths of its table', () => {
    const vocabulary = new TokenVocabulary()
    const idOf = (word: string): number => vocabulary.idAt(word, 0, word.length, fnv(word))
    const ids = Array.from({ length: 5000 }, (_, k) => idOf(`w${k}`)) // grows the table several times
    expect(ids).toEqual(Array.from({ length: 5000 }, (_, k) => k))
    const text = 'the w123 and w4999'
    expect(vocabulary.idAt(text, 4, 8, fnv(text, 4, 8))).toBe(123)
    expect(vocabulary.idAt(text, 13, 18, fnv(text, 13, 18))).toBe(4999)
    expect(idOf('w12')).toBe(12)
    expect(idOf('new')).toBe(5000)
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

  it('gives the ids of the tokens\' own hashes when the caller passes the hashes tokenSpans computed', () => {
    const word = fc.array(fc.constantFrom('a', 'b', 'é', 'e\u0301', 'д', '\u{1d41a}', 'z'), { minLength: 1, maxLength: 4 }).map((parts) => parts.join(''))
    fc.assert(
      fc.property(fc.array(word, { maxLength: 2000 }), (words) => {
        const text = words.join(' ')
        const { spans, hashes, count } = tokenSpans(text)!
        const [given, computed] = [new TokenVocabulary(), new TokenVocabulary()]
        for (let k = 0; k < count; k++) {
          const [start, end] = [spans[2 * k]!, spans[2 * k + 1]!]
          expect(hashes[k]).toBe(fnv(text, start, end))
          expect(given.idAt(text, start, end, hashes[k]!)).toBe(computed.idAt(text, start, end, fnv(text, start, end)))
        }
        expect(given.size).toBe(computed.size)
        expect(given.size).toBe(new Set(words).size)
      }),
      { numRuns: 100 },
    )
  })
})
