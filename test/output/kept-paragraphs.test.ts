import { describe, expect, it } from 'vitest'
import { keptParagraphs } from '../../src/output/kept-paragraphs.js'
import { paragraph, result } from '../helpers/results.js'

describe('keptParagraphs', () => {
  it('leaves flagged paragraphs out, cuts repeated sentences, keeps each language', () => {
    const text = 'Une phrase répétée ailleurs dans l’article. Ce qui est propre.'
    const r = result([
      paragraph(0, 'Premier.'),
      paragraph(1, 'Premier.', { duplicate: { kind: 'exact', of: 0, similarity: 1 } }),
      paragraph(2, text, { language: 'en', repeatedSentences: [{ start: 0, end: 43, of: 0, similarity: 1 }] }),
    ])
    expect(keptParagraphs(r)).toEqual([
      { text: 'Premier.', language: 'fr' },
      { text: 'Ce qui est propre.', language: 'en' },
    ])
  })

  it('gives [] when every paragraph is flagged', () => {
    const r = result([paragraph(0, 'x', { duplicate: { kind: 'exact', of: 0, similarity: 1 } })])
    expect(keptParagraphs(r)).toEqual([])
  })
})
