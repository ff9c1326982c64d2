import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CHANGED_BY_CLEANING, cleanPlainWhitespace, cleanWhitespace, joinLines, tightenRange } from '../../src/parse/clean-whitespace.js'
import { CONTROL_CLASS, INVISIBLE_CLASS, SPACE_CLASS } from '../../src/text/invisible.js'

const DROPPED = new RegExp(`[${INVISIBLE_CLASS}${CONTROL_CLASS}]`, 'g')
const SPACES = new RegExp(`[${SPACE_CLASS}]+`, 'g')

describe('cleanWhitespace', () => {
  it.each([
    ['  a \t b\n\nc  ', 'a b c'],
    ['a\u00A0\u202F\u2007b', 'a b'],
    ['\uFEFFa\u200Bb\u2060c\u00ADd', 'abcd'],
    ['ن\u200Cم 👩\u200D💻', 'ن\u200Cم 👩\u200D💻'],
    ['a\u0000\u0007b\u0085c', 'ab c'],
    ['\u3000東京\u3000', '東京'],
    [' \u200B ', ''],
  ])('%j → %j', (input, expected) => {
    expect(cleanWhitespace(input)).toBe(expected)
  })

  it('folds white space exactly as replacing every run by one space would, whether or not a block has anything to fold', () => {
    // The fast path keeps a block with nothing to fold as it is; the answer must be the one of the plain definition.
    const piece = fc.constantFrom('a', 'é', '中', ' ', '  ', '\t', '\n', '\u00a0', '\u3000', '\u2028', '\u0085', '\u200b', '\u00ad', '\u0007', '.')
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join('')
        const plain = text.replace(/[\u00ad\u200b\u0007]/g, '').replace(/[\s\u0085]+/g, ' ').trim()
        expect(cleanWhitespace(text)).toBe(plain)
      }),
      { numRuns: 500 },
    )
  })

  it('folds every code unit between two letters as the plain definition does (the fast test knows every white space)', () => {
    const wrong: string[] = []
    for (let c = 0; c < 0x10000; c++) {
      const unit = String.fromCharCode(c)
      for (const text of [`a${unit}b`, `a ${unit}b`]) {
        // From the library's own classes, so a character added to them is tested here too.
        const plain = text.replace(DROPPED, '').replace(SPACES, ' ').trim()
        if (cleanWhitespace(text) !== plain) wrong.push(c.toString(16))
      }
    }
    expect(wrong).toEqual([])
  })

  // The fold replaces only the white space it changes (runs of two or more, a lone unit other
  // than the plain space), not every run: the same string as replacing every run, on any unit.
  it('folds runs and lone units of every code unit as replacing every run by one space does', () => {
    const wrong: string[] = []
    for (let c = 0; c < 0x10000; c++) {
      const u = String.fromCharCode(c)
      for (const text of [`a${u}${u}b`, `a ${u} b`, `${u}a${u}`, `a${u} ${u}\nb`, u]) {
        const plain = text.replace(DROPPED, '').replace(SPACES, ' ').trim()
        if (cleanWhitespace(text) !== plain) wrong.push(c.toString(16))
      }
    }
    expect(wrong).toEqual([])
  })

  it('folds random strings of any code units and white space as the plain definition does', () => {
    const unit = fc.oneof(
      fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
      fc.constantFrom(' ', ' ', '\t', '\n', '\r', '\u00a0', '\u0085', '\u2028', '\u3000', '\u200b', 'a'),
    )
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 40 }), (units) => {
        const text = units.join('')
        expect(cleanWhitespace(text)).toBe(text.replace(DROPPED, '').replace(SPACES, ' ').trim())
      }),
      { numRuns: 2000 },
    )
  })
})

describe('cleanPlainWhitespace', () => {
  // The text parser cleans a line without a character of CHANGED_BY_CLEANING by it: the class must
  // hold every code unit cleaning changes but the plain space, and the two cleanings agree on text without one.
  it('is cleanWhitespace on text without a character of CHANGED_BY_CLEANING, which are the units cleaning changes', () => {
    const changed = new RegExp(`[${CHANGED_BY_CLEANING}]`)
    const wrong: string[] = []
    for (let c = 0; c < 0x10000; c++) {
      const unit = String.fromCharCode(c)
      const changes = cleanWhitespace(`a${unit}b`) !== `a${unit}b`
      if (changes !== (changed.test(unit) && c !== 0x20)) wrong.push(c.toString(16))
      if (!changed.test(unit) && cleanPlainWhitespace(` ${unit}  x${unit} `) !== cleanWhitespace(` ${unit}  x${unit} `)) wrong.push(`plain ${c.toString(16)}`)
    }
    expect(wrong).toEqual([])
    const piece = fc.constantFrom('a', 'é', '中', ' ', '  ', '.', 'x'.repeat(40))
    fc.assert(fc.property(fc.array(piece, { maxLength: 20 }).map((p) => p.join('')), (text) => {
      expect(cleanPlainWhitespace(text)).toBe(cleanWhitespace(text))
    }), { numRuns: 500 })
  })
})

describe('joinLines', () => {
  it.each([
    ['one\ntwo', 'one two'],
    ['one  \r\n  two', 'one two'],
    ['中文\n段落', '中文段落'],
    ['中文\nABC', '中文 ABC'],
    ['東京。\r\n「大阪」', '東京。「大阪」'],
    ['anti-\ninflation', 'anti-inflation'],
    ['Paris -\nLondres', 'Paris - Londres'],
    ['Jean-\nPierre', 'Jean- Pierre'],
    ['co\u00AD\noperation', 'co\u00ADoperation'],
  ])('%j → %j', (input, expected) => {
    expect(joinLines(input)).toBe(expected)
  })
})

describe('tightenRange', () => {
  it('skips blanks and a BOM at both ends', () => {
    expect(tightenRange('\uFEFF  ab c \n', 0, 9)).toEqual([3, 7])
    expect(tightenRange('   ', 0, 3)).toEqual([0, 3])
  })
})
