import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'
import { foldGuillemets, foldText, normalizeText } from '../../src/text/normalize-text.js'
import { INVISIBLE_CLASS } from '../../src/text/invisible.js'
import { exposedGc } from '../helpers/collect-garbage.js'

describe('normalizeText', () => {
  it.each([
    ['the documented example', 'L’été  —  «Oui»', "l'été - \"oui\""],
    ['curly apostrophe', 'l’été', "l'été"],
    ['modifier-letter apostrophe and prime', 'lʼété l′été', "l'été l'été"],
    ['low-9 and reversed quotes', '‚a‛ „b‟', "'a' \"b\""],
    ['guillemets', '« Oui »', '" oui "'],
    ['single guillemets', '‹ Oui ›', '" oui "'],
    ['CJK corner brackets', '「はい」『いいえ』', '"はい""いいえ"'],
    ['full-width quote and apostrophe', '＂Ｏｕｉ＂ ＇ｘ＇', '"oui" \'x\''],
    ['em dash', 'a — b', 'a - b'],
    ['en dash', '2020–2024', '2020-2024'],
    ['minus sign', '−5 °C', '-5 °c'],
    ['hyphen U+2010', 'porte‐parole', 'porte-parole'],
    ['no-break space', 'a\u00a0b', 'a b'],
    ['narrow no-break space', '10\u202f%', '10 %'],
    ['ideographic space', '東京\u3000大阪', '東京 大阪'],
    ['tabs, newlines and runs of spaces', ' a \t\n b  c ', 'a b c'],
    ['zero-width space', 'Whats\u200bApp', 'whatsapp'],
    ['word joiner and BOM', '\ufeffa\u2060b', 'ab'],
    ['soft hyphen', 'inter\u00adnational', 'international'],
    ['full-width letters and digits (NFKC)', 'ＷｈａｔｓＡｐｐ １２３', 'whatsapp 123'],
    ['ligature (NFKC)', 'ﬁnance', 'finance'],
    ['decomposed accents (NFKC composes)', 'e\u0301te\u0301', 'été'],
    ['ellipsis', 'la suite…', 'la suite...'],
    ['upper case', 'ÉTÉ À PARIS', 'été à paris'],
    ['German sharp s', 'Straße STRASSE', 'strasse strasse'],
    ['Greek final sigma', 'ΛΌΓΟΣ λόγος', 'λόγοσ λόγοσ'],
  ])('%s', (_, input, expected) => {
    expect(normalizeText(input)).toBe(expected)
  })

  it.each([
    ['accents are kept', 'été', 'ete'],
    ['ZWNJ is kept (it changes Persian words)', 'می\u200cخواهم', 'میخواهم'],
    ['ZWJ is kept', 'क्\u200dष', 'क्ष'],
    ['punctuation other than quotes and dashes is kept', 'Photo: AFP', 'Photo : AFP.'],
    ['digits are kept apart', '0,7 %', '0.7 %'],
  ])('%s: the two forms stay different', (_, a, b) => {
    expect(normalizeText(a)).not.toBe(normalizeText(b))
  })

  it.each([['L’été  —  «Oui»'], ['ＷｈａｔｓＡｐｐ\u200b'], ['Straße…'], ['  '], ['ΣΊΣΥΦΟΣ'], ['ﬃ']])('is idempotent on %j', (input) => {
    const once = normalizeText(input)
    expect(normalizeText(once)).toBe(once)
  })

  // The folds skip the work they would not change (lone spaces, absent ß and ς): the result must
  // be the plain chain of replacements the normalization is defined by.
  it('equals the plain chain of folds on mixed white space, marks and case', () => {
    const reference = (text: string): string => text.normalize('NFKC').replace(/[\u00AD\u200B\u2060\uFEFF\u180E]/g, '')
      .replace(/[\u2018\u2019\u201A\u201B\u2032\u02BC\u02B9\u0060\u00B4\uFF07]/g, "'").replace(/[\u201C\u201D\u201E\u201F\u2033\u300C\u300D\u300E\u300F\uFF02]/g, '"')
      .replace(/[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g, '-').replace(/\u2026/g, '...').replace(/[\s\u00A0\u202F\u3000]+/g, ' ').trim()
      .toLowerCase().replace(/ß/g, 'ss').replace(/ς/g, 'σ').replace(/[\u00AB\u00BB\u2039\u203A]/g, '"')
    // With the characters the text-only fast path must leave to NFKC: combining marks (which
    // compose with the letter before), conjoining jamo (which compose with a syllable), and
    // characters NFKC maps to others (Kelvin sign, ohm sign, half-width kana, Devanagari qa).
    const pieces = ['a', 'Σ', 'ß', 'ẞ', ' ', '  ', '\t', '\n', '\u00a0', '\u3000', '\u2028', '\u200b', '\u00ad', '’', '“', '—', '…', '«', 'ﬃ', 'Ｗ', '.',
      'e', '\u0301', '\u0308', 'é', '\u1100', '\u1161', '\u11a8', '가', '\u212a', '\u2126', 'ﾊ', '\u0958', 'क', '\u093c', 'ก', '中', 'Ж', '\u180e', '`', '´', '\ud83d\ude00']
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 24 }).map((parts) => parts.join('')), (text) => {
        expect(normalizeText(text)).toBe(reference(text))
      }),
      { seed: 20261201, numRuns: 3000 },
    )
  })

  it('returns "" for white space only', () => {
    expect(normalizeText(' \u00a0\u3000\t\n')).toBe('')
  })
})

describe('foldText', () => {
  // The folds as they were first written: six global replacements in a row, guillemets kept. The
  // one-pass fold must give the same string, on every code unit and on runs of them.
  const chain = (text: string): string => text.normalize('NFKC').replace(new RegExp(`[${INVISIBLE_CLASS}\u180E]`, 'g'), '')
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u02BC\u02B9\u0060\u00B4\uFF07]/g, "'").replace(/[\u201C\u201D\u201E\u201F\u2033\u300C\u300D\u300E\u300F\uFF02]/g, '"')
    .replace(/[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g, '-').replace(/\u2026/g, '...').replace(/\s{2,}|[^\S ]/g, ' ').trim()
    .toLowerCase().replace(/ß/g, 'ss').replace(/ς/g, 'σ')

  it('folds every code unit as the chain of replacements does (white space as `\\s` has it, the invisible set dropped)', () => {
    const wrong: string[] = []
    for (let c = 0; c < 0x10000; c++) {
      const unit = String.fromCharCode(c)
      for (const text of [`a${unit}b`, `a ${unit} b`, `${unit}${unit}x`]) if (foldText(text) !== chain(text)) wrong.push(`U+${c.toString(16)} in ${JSON.stringify(text)}`)
    }
    expect(wrong).toEqual([])
  })

  it('equals the chain of replacements on mixed folds, runs of white space, invisible characters between spaces and lone surrogates', () => {
    const pieces = ['a', 'É', ' ', '  ', '\t', '\u00a0', '\u3000', '\u2028', '\ufeff', '\u200b', '\u00ad', '\u2060', '\u180e', '’', '`', '“', '「', '—', '\u2212',
      '…', '«', '»', 'ﬃ', 'e', '\u0301', 'ß', 'ẞ', 'Σ', 'ς', 'İ', 'I', '中', '\ud83d\ude00', '\ud83d', '\ude00', '.',
      // Astral letters with a lower case (Deseret, Adlam), and a lone high surrogate before one.
      '\u{10400}', '\u{1E900}', '\ud801']
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((parts) => parts.join('')), (text) => {
        expect(foldText(text)).toBe(chain(text))
      }),
      { seed: 20261201, numRuns: 5000 },
    )
  })

  // NFKC runs only on text with a unit it could change: every unit next to a mark and to
  // conjoining jamo (what composes with a unit before it), and random text, must still fold as
  // the chain does, NFKC first.
  it('folds every code unit before a combining mark, after a leading jamo and before a trailing one as the chain does', () => {
    const wrong: string[] = []
    for (let c = 0; c < 0x10000; c++) {
      const unit = String.fromCharCode(c)
      for (const text of [`${unit}\u0301`, `\u1100${unit}`, `${unit}\u11a8`, `x${unit}\u0334\u0301`]) if (foldText(text) !== chain(text)) wrong.push(`U+${c.toString(16)} in ${JSON.stringify(text)}`)
    }
    expect(wrong).toEqual([])
  })

  it('equals the chain on random text of any code units', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }), (a, b) => {
        expect(foldText(a + b)).toBe(chain(a + b))
      }),
      { seed: 20261202, numRuns: 5000 },
    )
  })

  // Which astral letters have a lower case depends on the Unicode version of the machine's ICU:
  // every astral code point, whatever plane it is in, must fold as the chain does.
  it('folds every astral code point as the chain does', () => {
    const wrong: string[] = []
    for (let cp = 0x10000; cp <= 0x10ffff; cp++) {
      const text = `a${String.fromCodePoint(cp)}`
      if (foldText(text) !== chain(text)) wrong.push(`U+${cp.toString(16)}`)
    }
    expect(wrong).toEqual([])
  })

  it('lower-cases what toLowerCase() lower-cases, with the text around it: İ to two units, astral capitals, final sigma', () => {
    for (const text of ['İstanbul', 'ΟΔΥΣΣΕΥΣ', 'ΣΑ Σ', '\u{10400}\u{10401} x', 'Ａ\u{1E900}', 'STRAẞE']) expect(foldText(text)).toBe(chain(text))
  })

  it('tells foldGuillemets whether its last result holds a guillemet, whatever was folded in between', () => {
    const texts = fc.array(fc.constantFrom('« Oui »', 'Non', 'a ‹b› c', 'A’B', '»', '', ' x '), { minLength: 1, maxLength: 6 })
    fc.assert(
      fc.property(texts, (list) => {
        const folded = list.map((t) => foldText(t))
        // The last one right after its fold (the memo's case), the others after later folds.
        expect(foldGuillemets(foldText(list.at(-1)!))).toBe(chain(list.at(-1)!).replace(/[«»‹›]/g, '"'))
        folded.forEach((f) => expect(foldGuillemets(f)).toBe(f.replace(/[«»‹›]/g, '"')))
      }),
      { seed: 20261202, numRuns: 500 },
    )
  })

  it('folds a paragraph far longer than its scratch buffer, ellipses growing it threefold', () => {
    const text = `${'A’b…  '.repeat(50_000)}x`
    expect(foldText(text)).toBe(chain(text))
  })
})

describe('foldGuillemets', () => {
  it('turns every guillemet into `"` and changes nothing else, in any text (BOM, astral characters and lone surrogates included)', () => {
    const piece = fc.oneof(fc.constantFrom('«', '»', '‹', '›', '"', '\ufeff', '\ud83d\ude00', '\ud800', '\udc00', 'é', '中', ' '), fc.string({ maxLength: 3, unit: 'binary' }))
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join('')
        expect(foldGuillemets(text)).toBe(text.replace(/[«»‹›]/g, '"'))
      }),
      { numRuns: 1000 },
    )
  })

  it('folds a run of millions of guillemets', () => {
    expect(foldGuillemets(`a${'»'.repeat(2_000_000)}b`)).toBe(`a${'"'.repeat(2_000_000)}b`)
  })
})

// In Node the folded units are read back as a string by a Buffer view (`toString('utf16le')`), in
// a browser by the UTF-16 TextDecoder: both must give the same strings, of short and long texts
// (past the size where Node's Buffer path hands over to the decoder) and of one-byte and two-byte ones.
describe('the folds without Node\'s Buffer (as in a browser)', () => {
  it('give the strings they give with it', async () => {
    const texts = ['L’été  —  «Oui»', 'ÉTÉ À PARIS', 'Москва — «Спартак»', '東京\u3000大阪「はい」', `${'Ab’ '.repeat(30_000)}»`, '\ufeffA\u00a0b', 'Straße…']
    const withBuffer = texts.map((t) => [foldText(t), normalizeText(t)])
    const saved = globalThis.Buffer
    vi.resetModules()
    try {
      // @ts-expect-error -- taken away for the fresh import, as a browser has none
      globalThis.Buffer = undefined
      const browser = await import('../../src/text/normalize-text.js')
      expect(texts.map((t) => [browser.foldText(t), browser.normalizeText(t)])).toEqual(withBuffer)
    } finally {
      globalThis.Buffer = saved
    }
  })
})

// A huge text grows the fold's scratch array, which is released after the call; nothing of the
// module may keep it alive (a cached Buffer view of it did, until the next fold that decoded).
describe('the fold after a huge text', () => {
  it('keeps no view of the released scratch array', async () => {
    const gc = await exposedGc()
    foldText('already folded text 0123456789 x')
    gc()
    const before = process.memoryUsage().arrayBuffers
    // 10 M units: a 60 MB scratch; the folded text is one unit.
    expect(foldText(`Q${'\u200b'.repeat(10_000_000)}`)).toBe('q')
    for (let k = 0; k < 100; k++) foldText(`already folded text ${k} x`)
    // A collected array's bytes are freed by a background thread, later on a busy machine: wait
    // for them (up to 2 s); an array still referenced is never freed.
    let held = Infinity
    for (let attempt = 0; attempt < 40 && held >= 8_000_000; attempt++) {
      gc()
      await new Promise((resolve) => setTimeout(resolve, 50))
      held = process.memoryUsage().arrayBuffers - before
    }
    expect(held).toBeLessThan(8_000_000)
  })
})
