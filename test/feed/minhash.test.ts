import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compareSets } from '../../src/feed/compare-sets.js'
import { paragraphFingerprint } from '../../src/feed/fingerprint.js'
import { hash32, mix32 } from '../../src/text/hash.js'
import { bandKeys, candidateProbability } from '../../src/feed/lsh.js'
import { createMinHash } from '../../src/feed/minhash.js'
import { parseDuration } from '../../src/feed/parse-duration.js'
import { shingles, unionShingles } from '../../src/feed/shingles.js'
import { tokenize } from '../../src/text/tokenize.js'
import { siteOf } from '../../src/feed/site-of.js'
import { contentId } from '../../src/feed/content-id.js'

describe('hashing', () => {
  it('is deterministic 32-bit', () => {
    expect(hash32('abc')).toBe(hash32('abc'))
    expect(hash32('abc')).not.toBe(hash32('abc', 1))
    expect(hash32('abc')).toBeGreaterThanOrEqual(0)
    expect(hash32('abc')).toBeLessThan(2 ** 32)
  })
  it('fingerprints normalized paragraphs', () => {
    expect(paragraphFingerprint('L’été  —  «Oui»')).toBe(paragraphFingerprint("l'été - \"oui\""))
    expect(paragraphFingerprint('a')).toMatch(/^[0-9a-f]{16}$/)
    expect(paragraphFingerprint('  ')).toBe('')
  })
  it('makes content ids from normalized paragraphs', () => {
    expect(contentId(['Hello  World'])).toBe(contentId(['hello world']))
    expect(contentId(['a'])).toMatch(/^murmur3-[0-9a-f]{24}$/)
  })
  it('makes content ids that tell urls and sites apart, and are content-only without them', () => {
    expect(contentId(['a'], {})).toBe(contentId(['a']))
    expect(contentId(['a'], { url: null, site: null })).toBe(contentId(['a']))
    const ids = [
      contentId(['a']),
      contentId(['a'], { url: 'https://x.example/1' }),
      contentId(['a'], { url: 'https://x.example/2' }),
      contentId(['a'], { site: 's.example' }),
      contentId(['a'], { site: 't.example' }),
      contentId(['a'], { url: 'https://x.example/1', site: 'x.example' }),
    ]
    expect(new Set(ids).size).toBe(ids.length)
    expect(contentId(['Hello  World'], { url: 'u' })).toBe(contentId(['hello world'], { url: 'u' }))
    expect(ids[1]).toMatch(/^murmur3-[0-9a-f]{24}$/)
  })
})

describe('shingles', () => {
  it('tokenizes spaced scripts by word and spaceless scripts by character', () => {
    expect(tokenize('le chat, noir!')).toEqual(['le', 'chat', 'noir'])
    expect(tokenize('東京で会議')).toEqual(['東', '京', 'で', '会', '議'])
    expect(tokenize('iphone发布')).toEqual(['iphone', '发', '布'])
    expect(tokenize('ภาษาไทย')).toHaveLength(7)
    expect(tokenize('ที่')).toEqual(['ที่']) // a base letter keeps its marks
  })
  it('hashes word 3-grams, sorted and unique', () => {
    const s = shingles('a b c a b c')
    expect(s.length).toBe(3) // abc, bca, cab
    expect([...s]).toEqual([...s].sort((x, y) => x - y))
    expect(shingles('one two').length).toBe(1)
    expect(shingles('').length).toBe(0)
  })
  it('hashes the tokens of tokenize() with hash32, whatever the script (stored sets must not change)', () => {
    // The definition, written out the slow way: slice the tokens, hash each, 3-grams, sorted, unique.
    const reference = (text: string): number[] => {
      const hashes = tokenize(text).map((token) => hash32(token) | 0)
      if (hashes.length === 0) return []
      const out: number[] = []
      for (let i = 0; i < Math.max(1, hashes.length - 2); i++) {
        let h = 3
        for (let j = i; j < Math.min(i + 3, hashes.length); j++) h = Math.imul(h ^ hashes[j]!, 0x9e3779b1) ^ (h >>> 15)
        out.push(mix32(h))
      }
      return [...new Set(out)].sort((x, y) => x - y)
    }
    const pieces = fc.constantFrom('l’été', 'de', '2024', '中文', 'ภาษาไทย', 'ที่', 'iphone发布', '😀', 'naïve', 'x', ' ', '  ', '-', "'", 'Ωμέγα', 'a\u0301', 'b'.repeat(1500))
    fc.assert(fc.property(fc.array(pieces, { maxLength: 40 }), (parts) => {
      const text = parts.join(' ')
      expect([...shingles(text)]).toEqual(reference(text))
    }), { numRuns: 300 })
  })
  it('compares sets exactly', () => {
    const a = Uint32Array.from([1, 2, 3, 4])
    const b = Uint32Array.from([3, 4, 5])
    expect(compareSets(a, b)).toEqual({ shared: 2, jaccard: 2 / 5, containment: 2 / 3 })
    expect([...unionShingles([a, b])]).toEqual([1, 2, 3, 4, 5])
  })
})

describe('MinHash LSH', () => {
  it('estimates Jaccard similarity and is deterministic', () => {
    const minhash = createMinHash({ permutations: 256 })
    const a = Uint32Array.from({ length: 400 }, (_, i) => hash32(String(i))).sort()
    const b = Uint32Array.from({ length: 400 }, (_, i) => hash32(String(i + 100))).sort() // J = 300/500
    const sa = minhash(a)
    const sb = minhash(b)
    let equal = 0
    for (let i = 0; i < 256; i++) if (sa[i] === sb[i]) equal++
    expect(equal / 256).toBeGreaterThan(0.5)
    expect(equal / 256).toBeLessThan(0.7)
    expect([...createMinHash({ permutations: 256 })(a)]).toEqual([...sa])
    expect(bandKeys(sa, { bands: 64, rows: 4 })).toEqual(bandKeys(minhash(a), { bands: 64, rows: 4 }))
  })
  it('follows the S-curve', () => {
    const banding = { bands: 16, rows: 4 }
    expect(candidateProbability(0.5, banding)).toBeCloseTo(0.644, 3)
    expect(candidateProbability(0.9, banding)).toBeGreaterThan(0.999)
    expect(candidateProbability(0.1, banding)).toBeLessThan(0.002)
  })
})

describe('small helpers', () => {
  it('parses durations', () => {
    expect(parseDuration('7d')).toBe(7 * 86_400_000)
    expect(parseDuration('1.5h')).toBe(5_400_000)
    expect(parseDuration(250)).toBe(250)
    expect(() => parseDuration('soon')).toThrow(/ttl/)
  })
  it('finds the site', () => {
    expect(siteOf({ site: ' LeMonde.fr ' })).toBe('lemonde.fr')
    expect(siteOf({ url: 'https://www.bbc.co.uk/news/1' })).toBe('bbc.co.uk')
    expect(siteOf({ url: 'not a url' })).toBeNull()
    expect(siteOf({})).toBeNull()
  })
})
