import { describe, expect, it } from 'vitest'
import { cleanWhitespace, tightenRange } from '../../src/parse/clean-whitespace.js'
import { classOfUnits, INVISIBLE_CLASS, INVISIBLE_UNITS, isBlankCode, SPACE_CLASS } from '../../src/text/invisible.js'
import { isSpace, SPACE_UNITS } from '../../src/text/is-space.js'
import { foldText } from '../../src/text/normalize-text.js'

const EVERY_UNIT = Array.from({ length: 0x10000 }, (_, c) => c)

describe('isBlankCode', () => {
  // The character-by-character test and the classes the regular expressions use are one set.
  it('is SPACE_CLASS and INVISIBLE_CLASS, on every UTF-16 code unit', () => {
    const blank = new RegExp(`^[${SPACE_CLASS}${INVISIBLE_CLASS}]$`)
    const disagreeing = EVERY_UNIT.filter((c) => isBlankCode(c) !== blank.test(String.fromCharCode(c)))
    expect(disagreeing).toEqual([])
  })

  it.each([
    [' ', true],
    ['\u0085', true],
    ['\u3000', true],
    ['\u00AD', true],
    ['\uFEFF', true],
    // zero-width (non-)joiners change how scripts are written: not blank
    ['\u200C', false],
    ['\u200D', false],
    ['a', false],
  ])('%j → %s', (char, expected) => {
    expect(isBlankCode(char.charCodeAt(0))).toBe(expected)
  })
})

// Every form of the invisible set is built from INVISIBLE_UNITS: each must hold exactly its members.
describe('INVISIBLE_UNITS and the forms built from it', () => {
  const invisible = new Set(INVISIBLE_UNITS)

  it('INVISIBLE_CLASS matches exactly the listed units', () => {
    const cls = new RegExp(`^[${INVISIBLE_CLASS}]$`)
    expect(EVERY_UNIT.filter((c) => cls.test(String.fromCharCode(c)) !== invisible.has(c))).toEqual([])
  })

  it('isBlankCode holds exactly white space (JavaScript `\\s`, NEL) and the listed units', () => {
    expect(EVERY_UNIT.filter((c) => isBlankCode(c) !== (isSpace(c) || c === 0x85 || invisible.has(c)))).toEqual([])
  })

  it("a block's text drops exactly the listed units among visible letters (cleanWhitespace, tightenRange)", () => {
    for (const c of INVISIBLE_UNITS) {
      const unit = String.fromCharCode(c)
      expect(cleanWhitespace(`a${unit}b`)).toBe('ab')
      expect(tightenRange(`${unit}ab${unit}`, 0, 4)).toEqual([1, 3])
    }
    // Not in the set: zero-width (non-)joiners stay.
    expect(cleanWhitespace('a\u200cb\u200db')).toBe('a\u200cb\u200db')
  })

  it('the comparison form drops exactly the listed units and the Mongolian vowel separator, nothing else', () => {
    const dropped = EVERY_UNIT.filter((c) => c < 0xd800 || c > 0xdfff).filter((c) => foldText(`x${String.fromCharCode(c)}y`) === 'xy')
    expect(dropped).toEqual([...INVISIBLE_UNITS, 0x180e].sort((a, b) => a - b))
  })
})

describe('classOfUnits', () => {
  it('writes units as escapes and runs as ranges, matching exactly the units given', () => {
    expect(classOfUnits([0x41, 0x42, 0x43, 0x45, 0x2000, 0x2001])).toBe('\\u0041-\\u0043\\u0045\\u2000\\u2001')
    const cls = new RegExp(`^[${classOfUnits(SPACE_UNITS)}]$`)
    expect(EVERY_UNIT.filter((c) => cls.test(String.fromCharCode(c)) !== isSpace(c))).toEqual([])
  })
})
