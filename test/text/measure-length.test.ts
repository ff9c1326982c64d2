import { describe, expect, it } from 'vitest'
import { measureLength } from '../../src/text/measure-length.js'

describe('measureLength', () => {
  it('counts Latin, Cyrillic and Arabic text character for character', () => {
    expect(measureLength('Le chat dort.')).toBe(13)
    expect(measureLength('Кот спит.')).toBe(9)
    expect(measureLength('القط نائم.')).toBe(10)
  })

  it('counts Han, kana, Hangul and CJK punctuation three each, spaces one', () => {
    expect(measureLength('市议会批准了预算。')).toBe(9 * 3)
    expect(measureLength('ひらがなカタカナ')).toBe(8 * 3)
    expect(measureLength('새 예산')).toBe(3 * 3 + 1)
  })

  it('measures a range of the text', () => {
    const text = 'Paris 巴黎 Paris'
    expect(measureLength(text, 6, 8)).toBe(6)
    expect(measureLength(text, 0, 5)).toBe(5)
  })
})
