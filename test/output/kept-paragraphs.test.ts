import { describe, expect, it } from 'vitest'
import { cleanedText, keptParagraphs } from '../../src/output/kept-paragraphs.js'
import { paragraph, result } from '../helpers/results.js'

describe('keptParagraphs', () => {
  it('leaves flagged paragraphs out, cuts repeated sentences, keeps each language', () => {
    const text = 'Une phrase répétée ailleurs dans l’article. Ce qui est propre.'
    const r = result([
      paragraph(0, 'Premier.'),
      paragraph(1, 'Premier.', { duplicate: { kind: 'exact', of: 0, similarity: 1 } }),
      paragraph(2, text, { language: 'en', repeatedSentences: [{ start: 0, end: 43, of: 0, similarity: 1 }] }),
    ])
    // With each paragraph's offsets in the input (toMarkdown looks up its Markdown block).
    expect(keptParagraphs(r.paragraphs).map(({ text, language, start, end }) => [text, language, start, end])).toEqual([
      ['Premier.', 'fr', r.paragraphs[0]!.start, r.paragraphs[0]!.end],
      ['Ce qui est propre.', 'en', r.paragraphs[2]!.start, r.paragraphs[2]!.end],
    ])
    expect(cleanedText(r.paragraphs)).toBe('Premier.\n\nCe qui est propre.')
  })

  it('leaves out a paragraph another article of a feed already has (crossDuplicate)', () => {
    const r = result([paragraph(0, 'Premier.'), paragraph(1, 'Second.')])
    const feed = r.paragraphs.map((p, k) => ({ ...p, crossDuplicate: k === 0 ? { kind: 'copy', article: 'a', paragraph: 3 } : null }))
    expect(keptParagraphs(feed)).toEqual([{ text: 'Second.', language: 'fr', start: r.paragraphs[1]!.start, end: r.paragraphs[1]!.end }])
    expect(cleanedText(feed)).toBe('Second.')
  })

  it('gives [] when every paragraph is flagged', () => {
    const r = result([paragraph(0, 'x', { duplicate: { kind: 'exact', of: 0, similarity: 1 } })])
    expect(keptParagraphs(r.paragraphs)).toEqual([])
    expect(cleanedText(r.paragraphs)).toBe('')
  })
})
