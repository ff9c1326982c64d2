import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { data } from 'franc/data.js'
import { toBcp47 } from '../../src/language/iso639.js'
import { trigramModel, trigramScorer } from '../../src/language/trigram-model.js'

describe('trigramScorer', () => {
  // A few columns are summed from the dense table, many (or all) by walking the sparse rows: the
  // two must give the same floating-point scores, or a confidence would depend on the path.
  it.each([
    ['Latin', ['en', 'fr', 'de', 'es', 'pt', 'it', 'nl', 'pl', 'cs'], 'The government said on Tuesday that the new law, adopted by parliament, will apply from June. Le gouvernement a dit mardi que la loi entrera en vigueur en juin.'],
    ['Cyrillic', ['ru', 'uk', 'bg', 'sr'], 'Правительство заявило во вторник, что новый закон вступит в силу в июне. Уряд заявив, що закон набуде чинності.'],
  ])('scores a few %s columns exactly as the walk over all columns does', (script, tags, text) => {
    const model = trigramModel(script)!
    const few = tags.map((tag) => model.column.get(tag)).filter((c) => c !== undefined)
    const all = model.languages.map((_, i) => i)
    const everyColumn = trigramScorer(model, all)
    const someColumns = trigramScorer(model, [...few, ...all.filter((c) => !few.includes(c)).slice(0, 30)]) // > 24: the sparse walk with a slot lookup
    const fewColumns = trigramScorer(model, few)
    fc.assert(
      fc.property(fc.integer({ min: 0, max: text.length }), fc.integer({ min: 1, max: 200 }), (start, limit) => {
        const sample = text.slice(start)
        const a = everyColumn(sample, limit)
        const expected = few.map((c) => a.scores[c]!)
        const b = fewColumns(sample, limit)
        const c = someColumns(sample, limit)
        expect([...b.scores]).toEqual(expected)
        expect([...c.scores.slice(0, few.length)]).toEqual(expected)
        expect(b.trigrams).toBe(a.trigrams)
      }),
      { numRuns: 100 },
    )
    // The text is in these languages: the scores compared are not all zero.
    expect(fewColumns(text, 200).scores.every((s) => s > 0)).toBe(true)
  })

  // tagArticleLanguages scores a paragraph's start first and goes on only when that does not
  // decide: the two steps must add up to exactly what one call gives, on every path, wherever the
  // first step stops (inside a word, in a run of spaces, at the text's end or past it).
  it.each([
    ['Latin', ['en', 'fr', 'de', 'es', 'pt', 'it', 'nl', 'pl', 'cs'], 'The government said on Tuesday that the new law, adopted by parliament, will apply from June.  Le gouvernement a dit mardi que la loi entrera en vigueur.'],
    ['Cyrillic', ['ru', 'uk', 'bg', 'sr'], 'Правительство заявило во вторник, что новый закон вступит в силу в июне. Уряд заявив, що закон набуде чинності.'],
  ])('scores a %s text in two steps (prefix, then extend) exactly as in one', (script, tags, text) => {
    const model = trigramModel(script)!
    const few = tags.map((tag) => model.column.get(tag)).filter((c) => c !== undefined)
    const all = model.languages.map((_, i) => i)
    const scorers = [trigramScorer(model, few), trigramScorer(model, all), trigramScorer(model, [...few, ...all.filter((c) => !few.includes(c)).slice(0, 30)])]
    const once = scorers.map((_, i) => trigramScorer(model, i === 0 ? few : i === 1 ? all : [...few, ...all.filter((c) => !few.includes(c)).slice(0, 30)]))
    fc.assert(
      fc.property(fc.integer({ min: 0, max: text.length }), fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 200 }), (start, cut, limit) => {
        const sample = text.slice(start)
        scorers.forEach((scorer, i) => {
          const expected = once[i]!(sample, limit)
          scorer.prefix(sample, Math.min(cut, limit))
          const got = scorer.extend(limit)
          expect([...got.scores]).toEqual([...expected.scores])
          expect(got.trigrams).toBe(expected.trigrams)
        })
      }),
      { numRuns: 300 },
    )
    // A prefix cut inside a word leaves it open: one trigram fewer than the cut text alone has
    // (whose last word is closed by a space).
    expect(scorers[0]!.prefix(text, 2).trigrams).toBe(once[0]!(text, 2).trigrams - 1)
  })
})

// The scanner finds a trigram's row in a direct table when its letters are among the model's 30
// most used, else in a hash: both must give what the profiles say. The reference here is franc's
// profile text itself: each trigram of the padded, lower-cased text, its rank in each language's
// profile, the weight of that rank, summed in text order.
describe('trigramScorer against the profiles themselves', () => {
  const weight = (rank: number): number => Math.fround(Math.log(310 / (rank + 10)) + 1)
  const reference = (script: string, text: string): Map<string, number> => {
    const padded = ` ${text.toLowerCase().replace(/[^\p{L}\p{M}]+/gu, ' ')} `.replace(/ +/g, ' ')
    const sums = new Map<string, number>()
    for (const [code, profile] of Object.entries((data as Record<string, Record<string, string>>)[script]!)) {
      const tag = toBcp47(code)
      if (sums.has(tag)) continue
      const rank = new Map(profile.split('|').filter((g) => g.length === 3).map((g, i) => [g, i]))
      let sum = 0
      for (let i = 0; i + 3 <= padded.length; i++) {
        const r = rank.get(padded.slice(i, i + 3))
        if (r !== undefined) sum += weight(r)
      }
      sums.set(tag, sum)
    }
    return sums
  }
  it.each([
    ['Latin', 'The government said on Tuesday that the law will apply from June.'],
    // Letters past the direct table's: Turkish, Polish, Hungarian, Icelandic, Vietnamese, Danish.
    ['Latin', 'Şehirdeki köprü yıkıldı; Łódź, Wrocław i Gdańsk; ő és ű betűk; Þingvellir og ðæ; Tiếng Việt rất đẹp; Ørsted og Ærø.'],
    ['Cyrillic', 'Уряд заявив, що закон набуде чинності; Правительство заявило во вторник; Ђорђе и Љиљана.'],
  ])('scores %s text as its profiles do: %s', (script, text) => {
    const model = trigramModel(script)!
    const expected = reference(script, text)
    const { scores } = trigramScorer(model)(text, text.length)
    model.languages.forEach((tag, c) => { expect(scores[c]).toBe(expected.get(tag)) })
    // The text has trigrams in the profiles, with letters on both sides of the direct table's limit.
    expect(Math.max(...scores)).toBeGreaterThan(20)
  })

  // A scorer keeps room for 1,024 trigrams; a longer text read at once, or in two steps, grows it.
  it('scores a text longer than its room for trigrams, at once and in two steps', () => {
    const model = trigramModel('Latin')!
    const text = 'Le gouvernement a annoncé mardi une réforme des retraites. '.repeat(60)
    const expected = reference('Latin', text)
    const columns = ['fr', 'en', 'de', 'es'].map((tag) => model.column.get(tag)!)
    const few = trigramScorer(model, columns)
    expect([...few(text, text.length).scores]).toEqual(columns.map((c) => expected.get(model.languages[c]!)))
    few.prefix(text, 1500)
    expect([...few.extend(text.length).scores]).toEqual(columns.map((c) => expected.get(model.languages[c]!)))
    const all = trigramScorer(model)(text, text.length)
    expect(all.trigrams).toBeGreaterThan(3000)
    model.languages.forEach((tag, c) => { expect(all.scores[c]).toBe(expected.get(tag)) })
  })
})
