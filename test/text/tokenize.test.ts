import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { normalizeText } from '../../src/text/normalize-text.js'
import { SPACELESS_CLASS } from '../../src/text/scripts.js'
import { FNV_OFFSET, FNV_PRIME } from '../../src/text/hash.js'
import { tokenize, tokenSpans } from '../../src/text/tokenize.js'
import { matchRuns } from './match-runs.js'

/**
 * The reference the tokenizer's scans must agree with, its former regular expression: one letter
 * or digit of a script without spaces with the combining marks after it, or a run of letters,
 * marks and digits of other scripts, in pieces of at most 1,024 code points joined again (a piece
 * starting with a spaceless letter is never the rest of a cut run).
 */
const TOKEN = new RegExp(`[[${SPACELESS_CLASS}]&&[\\p{L}\\p{N}]]\\p{M}{0,1024}|[[\\p{L}\\p{M}\\p{N}]--[${SPACELESS_CLASS}]]{1,1024}`, 'gv')
const STARTS_SPACELESS = new RegExp(`^[${SPACELESS_CLASS}]`, 'v')
const boundedReference = (text: string): string[] => matchRuns(text, TOKEN, 1024, (piece) => !STARTS_SPACELESS.test(piece))

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

  // A word of millions of letters used to overflow V8's regexp backtracking stack (RangeError).
  it.each([
    ['9 M Cyrillic letters', 'д'.repeat(9_000_000), ['д'.repeat(9_000_000)]],
    ['a + 6 M combining accents', `a${'\u0301'.repeat(6_000_000)}`, [`a${'\u0301'.repeat(6_000_000)}`]],
    ['中 and 4 M Latin letters', `中 ${'a'.repeat(4_000_000)}`, ['中', 'a'.repeat(4_000_000)]],
  ])('keeps a huge word whole: %s', (_, input, expected) => {
    const tokens = tokenize(input)
    expect(tokens.length).toBe(expected.length)
    expect(tokens.every((token, i) => token === expected[i])).toBe(true)
  })

  it('joins the pieces of a long word but not a no-space character glued to it', () => {
    const a = 'a'.repeat(2048)
    const b = `b${'\u{1d41a}'.repeat(1500)}` // astral letters: pieces are cut in code points
    expect(tokenize(`${a}中${b} ${'c'.repeat(1024)} d`)).toEqual([a, '中', b, 'c'.repeat(1024), 'd'])
    expect(tokenize(`${a}${b} x`)).toEqual([a + b, 'x'])
  })

  it('gives the tokens of the unbounded patterns on mixed scripts and marks', () => {
    const unboundedToken = new RegExp(`[[${SPACELESS_CLASS}]&&[\\p{L}\\p{N}]]\\p{M}*|[[\\p{L}\\p{M}\\p{N}]--[${SPACELESS_CLASS}]]+`, 'gv')
    const unboundedWord = /[\p{L}\p{M}\p{N}]+/gu
    const reference = (text: string): string[] => text.match(new RegExp(`[${SPACELESS_CLASS}]`, 'v').test(text) ? unboundedToken : unboundedWord) ?? []
    const pieces = ['中', 'ข', '\u0e48', 'a', '\u0301', ' ', '.', '1', '\u{20000}', 'д', 'ा', '་']
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((parts) => parts.join('')), (text) => {
        expect(tokenize(text)).toEqual(reference(text))
      }),
      { seed: 20261201, numRuns: 3000 },
    )
  })

  // Text without a spaceless script is split by a table-driven loop, not the pattern: it must
  // give the pattern's runs on letters outside the BMP, emoji, lone surrogates and marks.
  it('gives the word pattern\'s runs on text without a spaceless script', () => {
    const unboundedWord = /[\p{L}\p{M}\p{N}]+/gu
    const pieces = ['a', 'É', '\u0301', ' ', '-', '1', '\u0663', '\u{1d41a}', '\u{1F600}', '\ud800', '\udc00', 'д', 'ा', 'ß', '\u00ad', '\u{10400}', '\u{1e900}']
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((parts) => parts.join('')), (text) => {
        expect(tokenize(text)).toEqual(text.match(unboundedWord) ?? [])
      }),
      { seed: 20261201, numRuns: 3000 },
    )
  })

  it('tokenSpans gives the places of tokenize\'s tokens', () => {
    const piece = fc.constantFrom('a', 'É', 'é', 'e\u0301', ' ', '-', "'", '7', 'д', 'ق', '\u{1d41a}', '\u{1f600}', '\ud800', '.')
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = normalizeText(pieces.join(''))
        const { spans, hashes, count } = tokenSpans(text)
        const tokens = Array.from({ length: count }, (_, k) => text.slice(spans[2 * k]!, spans[2 * k + 1]!))
        expect(tokens).toEqual(tokenize(text))
        // Each token's hash is FNV-1a over its code units, as the vocabulary would compute it.
        const fnv = (token: string): number => Array.from({ length: token.length }, (_, i) => token.charCodeAt(i)).reduce((h, u) => Math.imul(h ^ u, FNV_PRIME), FNV_OFFSET)
        expect([...hashes.subarray(0, count)]).toEqual(tokens.map(fnv))
      }),
      { numRuns: 500 },
    )
  })

  // The word scan reads a classed unit without a branch on its kind (`k` moved by the change of
  // kind, offsets and the run's hash written at every unit): it must give the reference's runs and
  // FNV-1a hashes for every code unit, at a text's start, inside and at its end, and on text longer
  // than the scratch it starts with.
  it('tokenSpans gives the reference\'s tokens and their hashes for every code unit, and on long text', () => {
    const fnv = (token: string): number => Array.from({ length: token.length }, (_, i) => token.charCodeAt(i)).reduce((h, u) => Math.imul(h ^ u, FNV_PRIME), FNV_OFFSET)
    const wrong: string[] = []
    const check = (text: string): void => {
      const { spans, hashes, count } = tokenSpans(text)
      const tokens = Array.from({ length: count }, (_, k) => text.slice(spans[2 * k]!, spans[2 * k + 1]!))
      const expected = boundedReference(text)
      if (JSON.stringify(tokens) !== JSON.stringify(expected) || JSON.stringify([...hashes.subarray(0, count)]) !== JSON.stringify(expected.map(fnv))) wrong.push(JSON.stringify(text))
    }
    for (let c = 0; c < 0x10000; c++) {
      const unit = String.fromCharCode(c)
      check(`${unit}a ${unit}${unit} b${unit}`)
    }
    for (const text of ['word '.repeat(400), 'д'.repeat(700), 'a-'.repeat(600), `${'x'.repeat(3000)} y`, '\u{1d41a}\u{1d41b} '.repeat(300), ' '.repeat(500),
      'ab '.repeat(30_000), `${'a'.repeat(70_000)}\u{1d41a}b c`]) check(text)
    // A scratch grown for a huge paragraph is let go, and the next, short one still scans right.
    check('après la pluie, le beau temps')
    expect(wrong).toEqual([])
  })

  // In text with a script without spaces tokenize runs its set-subtraction pattern (in pieces of
  // at most 1,024 code points, joined again); tokenSpans scans a table instead and must find the
  // same tokens, the joins of pieces cut by the bound included (runs of marks and letters past it).
  it('tokenSpans gives tokenize\'s tokens on text with a script without spaces, past the 1,024 bound too', () => {
    const fnv = (token: string): number => Array.from({ length: token.length }, (_, i) => token.charCodeAt(i)).reduce((h, u) => Math.imul(h ^ u, FNV_PRIME), FNV_OFFSET)
    const piece = fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom('中', 'が', 'ข', '\u0e48', '\u0e32', 'a', 'é', '\u0301', ' ', '.', '1', '\u{20000}', 'д', 'ा', '་', 'ཡ', '\ud800', '\u{1F600}', '\u{1d41a}') },
      { weight: 1, arbitrary: fc.constantFrom('\u0e48'.repeat(1030), '\u0301'.repeat(1023), '\u0301'.repeat(1025), 'b'.repeat(1024), 'c'.repeat(2050), '\u{1d41a}'.repeat(1030)) },
    )
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }).map((parts) => `中${parts.join('')}`), (text) => {
        const { spans, hashes, count } = tokenSpans(text)
        const tokens = Array.from({ length: count }, (_, k) => text.slice(spans[2 * k]!, spans[2 * k + 1]!))
        expect(tokens).toEqual(boundedReference(text))
        expect(tokenize(text)).toEqual(tokens)
        expect([...hashes.subarray(0, count)]).toEqual(tokens.map(fnv))
      }),
      { seed: 20261201, numRuns: 2000 },
    )
    expect(tokenSpans('iphone发布').count).toBe(3)
    expect(tokenSpans('ข่าว').count).toBe(3)
  })
})
