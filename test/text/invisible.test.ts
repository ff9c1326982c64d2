import { describe, expect, it } from 'vitest'
import { INVISIBLE_CLASS, isBlankCode, SPACE_CLASS } from '../../src/text/invisible.js'

describe('isBlankCode', () => {
  // The character-by-character test and the classes the regular expressions use are one set.
  it('is SPACE_CLASS and INVISIBLE_CLASS, on every UTF-16 code unit', () => {
    const blank = new RegExp(`^[${SPACE_CLASS}${INVISIBLE_CLASS}]$`)
    const disagreeing = Array.from({ length: 0x10000 }, (_, c) => c).filter((c) => isBlankCode(c) !== blank.test(String.fromCharCode(c)))
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
