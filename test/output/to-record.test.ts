import { describe, expect, it } from 'vitest'
import { clean } from '../../src/clean.js'
import { toRecord } from '../../src/output/to-record.js'

const LAW = "Le gouvernement a présenté mercredi un projet de loi visant à réduire de moitié les délais d'instruction des permis de construire."
const result = clean(`${LAW}\n\n${LAW}`)

describe('toRecord', () => {
  it('keeps other input fields first, in their order, then id, language, paragraphs, passages, text', () => {
    const record = toRecord(result, { url: 'https://exemple.fr/a', id: 'a-1', source: { name: 'AFP' }, text: 'remplacé', publishedAt: '2024-06-11' })
    expect(Object.keys(record)).toEqual(['url', 'source', 'publishedAt', 'id', 'language', 'confidence', 'paragraphs', 'passages', 'text'])
    expect(record.url).toBe('https://exemple.fr/a')
    expect(record.source).toEqual({ name: 'AFP' })
    expect(record.id).toBe('a-1')
    expect(record.text).toBe(LAW)
  })

  it.each([['text'], ['html'], ['markdown'], ['language'], ['paragraphs'], ['passages'], ['confidence']])(
    'replaces the input field %s with the result rather than carrying it over',
    (field) => {
      const record = toRecord(result, { id: 1, [field]: 'venu de l’entrée' })
      expect(Object.values(record)).not.toContain('venu de l’entrée')
    },
  )

  it('gives id null when the input has none, and keeps falsy ids', () => {
    expect(toRecord(result).id).toBeNull()
    expect(toRecord(result, { id: 0 }).id).toBe(0)
    expect(toRecord(result, { id: '' }).id).toBe('')
  })

  it('lists every paragraph with its verdict, without the index field', () => {
    const record = toRecord(result, { id: 'x' })
    expect(record.paragraphs).toEqual([
      { text: LAW, language: 'fr', confidence: expect.any(Number), start: 0, end: LAW.length, duplicate: null, repeatedSentences: [], heading: true },
      {
        text: LAW,
        language: 'fr',
        confidence: expect.any(Number),
        start: LAW.length + 2,
        end: 2 * LAW.length + 2,
        duplicate: { kind: 'exact', of: 0, similarity: 1 },
        repeatedSentences: [],
      },
    ])
    expect(record.passages).toEqual([{ kind: 'exact', paragraphs: [1, 1], of: [0, 0] }])
  })
})
