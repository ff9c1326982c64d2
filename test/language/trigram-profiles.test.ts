import { data } from 'franc/data.js'
import { isDeepStrictEqual } from 'node:util'
import { describe, expect, it, vi } from 'vitest'
import { decodeScript, encodeTrigramProfiles, readProfiles, trigramProfiles, type TrigramProfiles } from '../../src/language/trigram-profiles.js'

const scripts = Object.keys(data)
const read: Record<string, TrigramProfiles> = Object.fromEntries(scripts.map((script) => [script, readProfiles(data[script]!)]))

describe('readProfiles: franc profiles as numbers', () => {
  it('gives a profile letter and its upper-case form one index, other letters 1, the rest 0', () => {
    const latin = read.Latin!
    const index = (ch: string) => latin.letterIndex[ch.charCodeAt(0)]!
    expect(index('é')).toBeGreaterThanOrEqual(2)
    expect(index('É')).toBe(index('é'))
    expect(index('t')).not.toBe(index('h'))
    expect(index('中')).toBe(1) // a letter no Latin profile uses
    expect(index('7')).toBe(0)
    expect(index(' ')).toBe(0)
    expect(latin.radix).toBe(Math.max(...latin.letterIndex) + 1)
  })

  it('numbers each distinct trigram once, in order of first appearance, and counts its profiles', () => {
    for (const p of Object.values(read)) {
      expect(p.gramCounts.reduce((a, b) => a + b, 0)).toBe(p.gramRow.length)
      expect(new Set(p.rowKeys).size).toBe(p.rowKeys.length)
      let rows = 0
      const size = new Int32Array(p.rowKeys.length)
      for (const row of p.gramRow) {
        if (row < 0) continue
        if (row === rows) rows++
        expect(row).toBeLessThan(rows) // a new row is always the next number
        size[row]!++
      }
      expect(rows).toBe(p.rowKeys.length)
      expect([...p.rowSize]).toEqual([...size])
    }
  })

  it("keys a trigram by its letters' indexes, so the first English trigram is found where it should be", () => {
    const latin = read.Latin!
    const en = latin.languages.indexOf('en')
    const first = latin.gramCounts.slice(0, en).reduce((a, b) => a + b, 0)
    const gram = data.Latin!.eng!.split('|')[0]!
    const key = [...gram].reduce((k, ch) => k * latin.radix + (ch === ' ' ? 0 : latin.letterIndex[ch.charCodeAt(0)]!), 0)
    expect(latin.rowKeys[latin.gramRow[first]!]).toBe(key)
  })
})

describe('the build encoding (tsup.config.ts embeds it)', () => {
  it('decodes to exactly what reading the profiles gives, for every script', () => {
    const encoded = JSON.parse(JSON.stringify(encodeTrigramProfiles(read)))
    // (isDeepStrictEqual: the same typed arrays, element by element, much faster than toEqual on 65,536 letters.)
    for (const script of scripts) expect(isDeepStrictEqual(decodeScript(encoded, encoded.scripts[script]), read[script]), script).toBe(true)
  })

  it('decodes the same without Node\'s Buffer (atob, as in a browser)', async () => {
    const encoded = encodeTrigramProfiles(read)
    const saved = globalThis.Buffer
    vi.resetModules()
    let module: typeof import('../../src/language/trigram-profiles.js')
    try {
      // The module reads Buffer when it loads: without it, it falls back to atob/btoa.
      Reflect.deleteProperty(globalThis, 'Buffer')
      module = await import('../../src/language/trigram-profiles.js')
    } finally {
      globalThis.Buffer = saved
    }
    expect(module.encodeTrigramProfiles({ Cyrillic: read.Cyrillic! }).scripts.Cyrillic).toEqual(encoded.scripts.Cyrillic)
    for (const script of scripts) expect(isDeepStrictEqual(module.decodeScript(encoded, encoded.scripts[script]!), read[script]), script).toBe(true)
  })

  it('reads the profiles when run from source (no build encoding), and knows no other script', () => {
    expect(isDeepStrictEqual(trigramProfiles('Latin'), read.Latin)).toBe(true)
    expect(trigramProfiles('Han')).toBeUndefined()
  })
})
