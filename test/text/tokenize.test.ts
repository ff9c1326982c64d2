import { describe, expect, it } from 'vitest'
import { normalizeText } from '../../src/text/normalize-text.js'
import { tokenize } from '../../src/text/tokenize.js'

describe('tokenize', () => {
  it.each([
    ['the documented example', "l'été 2024 中文", ['l', 'été', '2024', '中', '文']],
    ['punctuation is not a token', 'a, b; c! (d) « e »', ['a', 'b', 'c', 'd', 'e']],
    ['a decimal number splits at the comma', '0,7 %', ['0', '7']],
    ['hyphenated words split', 'plates-formes', ['plates', 'formes']],
    ['symbols are not tokens', '128,85 $ + 5 € = ?', ['128', '85', '5']],
    ['letters and digits stay together', 'covid19 a320neo', ['covid19', 'a320neo']],
    ['Chinese: one token per character', '经济增长。', ['经', '济', '增', '长']],
    ['Japanese kana and kanji: one token per character', '台風が来る', ['台', '風', 'が', '来', 'る']],
    // A base letter keeps the combining marks after it (tone mark, vowel sign): a lone mark is no unit of text.
    ['Thai: one token per character, with its marks', 'ข่าว', ['ข่', 'า', 'ว']],
    ['Khmer: one token per character, with its marks', 'ខ្មែរ', ['ខ្', 'មែ', 'រ']],
    ['Tibetan: one token per character, the tsheg is punctuation', 'བོད་ཡིག', ['བོ', 'ད', 'ཡི', 'ག']],
    ['Cyrillic words', 'в москве прошёл марафон', ['в', 'москве', 'прошёл', 'марафон']],
    ['Arabic words', 'وزارة الصحة', ['وزارة', 'الصحة']],
    ['Devanagari words keep their vowel signs (marks)', 'मौसम विभाग', ['मौसम', 'विभाग']],
    ['a Latin word glued to CJK splits at the script change', 'iphone发布', ['iphone', '发', '布']],
    ['empty input', '', []],
    ['only punctuation', '... — !!!', []],
  ])('%s', (_, input, expected) => {
    expect(tokenize(input)).toEqual(expected)
  })

  it('gives the same tokens for two spellings that normalize alike', () => {
    expect(tokenize(normalizeText('L’ÉTÉ — ＷｈａｔｓＡｐｐ'))).toEqual(tokenize(normalizeText("l'été - whatsapp")))
  })
})
