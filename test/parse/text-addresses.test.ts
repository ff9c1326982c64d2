import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { hasAddress, hasEmailAddress, isAddress } from '../../src/parse/text-addresses.js'

describe('addresses written out as text', () => {
  it('finds an e-mail address anywhere in a line, and not an @ handle or a word with @', () => {
    expect(hasEmailAddress('Redaktion: redaktion@example.org, Tel. 030 1234 5678')).toBe(true)
    expect(hasEmailAddress('Follow @riverdaily for updates')).toBe(false)
    expect(hasEmailAddress('Meet us @ the quay at 5')).toBe(false)
    expect(hasEmailAddress('Source: https://example.org/report')).toBe(false)
  })

  it('finds a web or e-mail address anywhere in a line', () => {
    expect(hasAddress('Quelle: www.example.org/bericht')).toBe(true)
    expect(hasAddress('[1] https://example.org/report')).toBe(true)
    expect(hasAddress('Write to tips@example.org')).toBe(true)
    expect(hasAddress('The river at its highest since 1998')).toBe(false)
  })

  it('tells a line that is one address from a line that holds one', () => {
    expect(isAddress('https://example.org/report')).toBe(true)
    expect(isAddress('www.example.org')).toBe(true)
    expect(isAddress('tips@example.org')).toBe(true)
    expect(isAddress('see https://example.org')).toBe(false)
    expect(isAddress('https://example.org and more')).toBe(false)
  })

  it('answers as an address searched from every position would (the search starts only where a run of address characters starts)', () => {
    const fromEverywhere = /[^\s@]+@[^\s@]+\.\p{L}{2,}/u
    const text = fc.string({ unit: fc.constantFrom('a', 'é', '.', '@', ' ', '\n', '(', ':', 'x', '1'), maxLength: 30 })
    fc.assert(fc.property(text, (t) => {
      expect(hasEmailAddress(t)).toBe(fromEverywhere.test(t))
    }), { seed: 20261202, numRuns: 2000 })
  })

  it('finds an address after a long run of characters that holds none', () => {
    expect(hasEmailAddress(`${'a'.repeat(100_000)}@${'b'.repeat(100_000)} mail@example.org`)).toBe(true)
    expect(hasAddress(`${'x@'.repeat(50_000)} see www.example.org`)).toBe(true)
  })
})
