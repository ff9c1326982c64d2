import { describe, expect, it } from 'vitest'
import { scriptProfile } from '../../src/language/script.js'
import { isCjkCode } from '../../src/text/cjk.js'
import { measureLength } from '../../src/text/measure-length.js'
import { DENSE, EAST_ASIAN_BLOCKS, eastAsianTraits, JOINED, WIDE } from '../../src/text/scripts.js'

const codeOf = (char: string): number => char.charCodeAt(0)
const letterScriptOf = (code: number): string | null => EAST_ASIAN_BLOCKS.find(([first, last]) => code >= first && code <= last)?.[4] ?? null

describe('the East Asian table', () => {
  it('lists disjoint blocks in ascending order', () => {
    for (const [k, [first, last]] of EAST_ASIAN_BLOCKS.entries()) {
      expect(first).toBeLessThanOrEqual(last)
      if (k > 0) expect(first).toBeGreaterThan(EAST_ASIAN_BLOCKS[k - 1]![1])
    }
  })

  it.each([
    // ideographs and kana: joined without spaces, dense, wide, a letter script
    ['中', JOINED | DENSE | WIDE, 'Han'],
    ['の', JOINED | DENSE | WIDE, 'Kana'],
    ['カ', JOINED | DENSE | WIDE, 'Kana'],
    // Hangul: dense and wide, but written with spaces
    ['한', DENSE | WIDE, 'Hangul'],
    // punctuation and symbols: traits, no letter script
    ['。', JOINED | DENSE | WIDE, null],
    ['・', JOINED | DENSE | WIDE, null],
    // halfwidth forms: one column
    ['ｶ', JOINED | DENSE, 'Kana'],
    ['｡', JOINED | DENSE, null],
    // fullwidth Latin: a Latin letter, drawn and weighed as CJK
    ['Ａ', JOINED | DENSE | WIDE, 'Latin'],
    // Yi: wide only (language/script.ts names its letters itself)
    ['ꀀ', WIDE, null],
    // outside the table
    ['a', 0, null],
    ['ก', 0, null],
  ])('%s has traits %i and letter script %s', (char, traits, script) => {
    expect(eastAsianTraits(codeOf(char))).toBe(traits)
    expect(letterScriptOf(codeOf(char))).toBe(script)
  })

  it('has no traits past the end of a string (charCodeAt gives NaN)', () => {
    expect(eastAsianTraits(''.charCodeAt(0))).toBe(0)
  })
})

// Every "is this CJK" check reads the table: none may answer otherwise for any code unit.
describe('every CJK check follows the table, on every UTF-16 code unit', () => {
  const codes = Array.from({ length: 0x10000 }, (_, c) => c)

  it('line joining (isCjkCode) is JOINED', () => {
    expect(codes.filter((c) => isCjkCode(c) !== ((eastAsianTraits(c) & JOINED) !== 0))).toEqual([])
  })

  it('length (measureLength) counts DENSE code units three', () => {
    expect(codes.filter((c) => measureLength(String.fromCharCode(c)) !== ((eastAsianTraits(c) & DENSE) !== 0 ? 3 : 1))).toEqual([])
  })

  it('language identification takes Han, Kana and Hangul letters from the table, and only from it', () => {
    const cjkLetters = new Set(['Han', 'Kana', 'Hangul'])
    const disagreeing = codes.filter((c) => {
      const script = scriptProfile(String.fromCharCode(c)).script
      const fromTable = letterScriptOf(c)
      return fromTable === null ? script !== null && cjkLetters.has(script) : script !== fromTable
    })
    expect(disagreeing).toEqual([])
  })
})
