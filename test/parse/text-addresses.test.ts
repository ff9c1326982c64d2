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
})
