import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fitsAlphabet } from '../../src/language/alphabet.js'

/** The rule as written before its lookup table: the language's letters searched one by one. */
const FORBIDDEN: Record<string, string> = {
  ru: 'іїєґўјљњђћџѓќѕ', uk: 'ыэъёўјљњђћџѓќѕ', be: 'ищъїєґјљњђћџѓќѕ', bg: 'ыэёіїєґўјљњђћџѓќѕ',
  sr: 'йщъыьэюяёіїєґўѓќѕ', mk: 'йщъыьэюяёіїєґўђћ',
  cs: 'äľĺŕôőűąęł', sk: 'ěřůőűąęł', sl: 'ćđ', sv: 'æø', nb: 'äö', nn: 'äö', da: 'äö', tr: 'ə',
  es: 'ãõç', pt: 'ñ', ca: 'ñ', gl: 'ãõç',
}
function reference(tag: string, text: string): boolean {
  const forbidden = FORBIDDEN[tag]
  const required = tag === 'az' ? 'ə' : undefined
  if (forbidden === undefined && required === undefined) return true
  const lower = text.length > 400 ? text.slice(0, 400).toLowerCase() : text.toLowerCase()
  if (forbidden !== undefined) {
    let hits = 0
    for (let i = 0; i < lower.length; i++) if (forbidden.includes(lower[i]!)) hits++
    if (hits > 0 && (hits >= 2 || lower.length < 100)) return false
  }
  if (required !== undefined && lower.length >= 30) {
    let found = false
    for (let i = 0; i < lower.length && !found; i++) found = required.includes(lower[i]!)
    if (!found) return false
  }
  return true
}

describe('fitsAlphabet', () => {
  it('rules out the letters a language never uses, and a long text without ə for Azerbaijani', () => {
    expect(fitsAlphabet('ru', 'Київ — столиця України')).toBe(false)
    expect(fitsAlphabet('uk', 'Київ — столиця України')).toBe(true)
    expect(fitsAlphabet('sv', 'Søren bor i Malmö.')).toBe(false)
    expect(fitsAlphabet('az', 'Bu gün hava çox gözəldir, biz parka getdik.')).toBe(true)
    expect(fitsAlphabet('az', 'Bu gun hava cox gozeldir, biz parka getdik.')).toBe(false)
    expect(fitsAlphabet('en', 'ыэъёўјљњђћџѓќѕ')).toBe(true)
  })

  // The lookup table must say what the search of each language's letters said, on text of the
  // forbidden letters (both cases), other letters, and any code unit, short and long.
  const LANGUAGES = [...Object.keys(FORBIDDEN), 'az', 'en', 'fr']
  const letters = [...new Set(Object.values(FORBIDDEN).join('') + 'əƏ')].flatMap((ch) => [ch, ch.toUpperCase()])
  const unit = fc.oneof(fc.constantFrom(...letters, ...'abcxyz АБВгде '), fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)))
  it('answers as the letter-by-letter search did', () => {
    fc.assert(
      fc.property(fc.constantFrom(...LANGUAGES), fc.array(unit, { maxLength: 500 }), (tag, units) => {
        const text = units.join('')
        expect(fitsAlphabet(tag, text)).toBe(reference(tag, text))
      }),
      { numRuns: 3000 },
    )
  })
})
