import { describe, expect, it } from 'vitest'
import { clean } from '../src/clean.js'

/** mulberry32: a small seeded PRNG, so the generated article is the same on every run. */
function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const SYLLABLES = 'ba ko ri tu me sa lo ne vi da pu ge fa zo mi te ra no li su ka de po vo ju xe ha wi cu by'.split(' ')

describe('a ~50 MB plain-text article', () => {
  it('goes through, and exactly the injected repeats are flagged (exact, pointing at their originals)', () => {
    const rnd = random(20240611)
    const word = (): string => {
      let w = ''
      for (let n = 2 + Math.floor(rnd() * 3); n > 0; n--) w += SYLLABLES[Math.floor(rnd() * SYLLABLES.length)]
      return w
    }
    // ~120 random words a paragraph: distinct paragraphs that share no run of words by design.
    const paragraph = (): string => {
      const words: string[] = []
      for (let k = 0; k < 120; k++) words.push(word())
      return `${words.join(' ')}.`
    }
    const parts: string[] = []
    const expected = new Map<number, number>()
    let size = 0
    while (size < 50_000_000) {
      const index = parts.length
      let text: string
      if (index % 997 === 996) {
        // Every 997th paragraph repeats the one 400 places before it.
        text = parts[index - 400]!
        expected.set(index, index - 400)
      } else {
        text = paragraph()
      }
      parts.push(text)
      size += text.length + 2
    }
    const input = parts.join('\n\n')
    expect(input.length).toBeGreaterThanOrEqual(50_000_000)

    const result = clean(input, { format: 'text' })

    expect(result.paragraphs).toHaveLength(parts.length)
    const found = new Map<number, number>()
    for (const p of result.paragraphs) {
      if (p.duplicate !== null) {
        expect(p.duplicate.kind).toBe('exact')
        found.set(p.index, p.duplicate.of)
      }
    }
    expect(found.size).toBe(expected.size)
    expect(found).toEqual(expected)
    expect(result.passages).toHaveLength(expected.size)
    expect(result.text.length).toBe(input.length - [...expected.keys()].reduce((sum, k) => sum + parts[k]!.length + 2, 0))
  })
})
