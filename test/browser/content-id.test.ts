import { describe, expect, it } from 'vitest'
import { contentId } from '../../src/feed/content-id.js'
import { murmur3x86128Hex } from '../../src/text/hash.js'

const hex = (text: string, seed = 0) => murmur3x86128Hex(new TextEncoder().encode(text), seed)

describe('content ids without node:crypto', () => {
  it('MurmurHash3 x86_128 matches the reference implementation', () => {
    expect(hex('')).toBe('00000000000000000000000000000000')
    expect(hex('hello')).toBe('2b2444a0db91def79adb31b69adb31b6')
    expect(hex('The quick brown fox jumps over the lazy dog')).toBe('2f1583c3ecee2c675d7bf66ce5e91d2c')
    // Every tail length (0–15 bytes after the 16-byte blocks) gives a distinct hash.
    const tails = Array.from({ length: 33 }, (_, n) => hex('x'.repeat(n)))
    expect(new Set(tails).size).toBe(33)
  })

  it('ids are `murmur3-` + 24 hex digits of the normalized paragraphs, stable across runs and runtimes', () => {
    expect(contentId(['Hello  World'])).toBe(contentId(['hello world']))
    expect(contentId(['a', 'b'])).not.toBe(contentId(['a b']))
    expect(contentId(['Le chat dort.', 'Der Hund schläft.', '猫が寝ている。'])).toMatch(/^murmur3-[0-9a-f]{24}$/)
    expect(contentId(['hello'])).toBe(`murmur3-${hex('hello').slice(0, 24)}`)
  })
})
