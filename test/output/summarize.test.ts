import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { clean } from '../../src/clean.js'
import { summarize } from '../../src/output/summarize.js'
import { paragraph, result } from '../helpers/results.js'

describe('summarize', () => {
  it('reports the reference article: counts, language and the repeated passage (1-based)', () => {
    const r = clean(readFileSync(resolve(import.meta.dirname, '..', '..', 'fixtures', 'whatsapp-outage-fr.txt'), 'utf8'))
    expect(summarize(r)).toBe(`7 paragraphs, 4 kept, language fr (${r.confidence.toFixed(2)})\n- paragraphs 5–7: exact repeat of 2–4\n`)
  })

  it('says "paragraph" for a one-paragraph passage and reports cut sentences', () => {
    const text = 'Phrase à soi. Phrase déjà vue plus haut dans l’article.'
    const r = result(
      [
        paragraph(0, 'Phrase déjà vue plus haut dans l’article.'),
        paragraph(1, text, { repeatedSentences: [{ start: 14, end: text.length, of: 0, similarity: 1 }] }),
        paragraph(2, 'Teaser…', { duplicate: { kind: 'contained', of: 0, similarity: 0.95 } }),
      ],
      { passages: [{ kind: 'contained', paragraphs: [2, 2], of: [0, 0] }], confidence: 0.5 },
    )
    expect(summarize(r)).toBe(
      [
        '3 paragraphs, 2 kept, language fr (0.50)',
        '- paragraph 3: contained repeat of 1',
        `- paragraph 2, characters 14–${text.length}: sentence repeated from 1`,
        '',
      ].join('\n'),
    )
  })

  it('says "1 paragraph" for a one-paragraph article', () => {
    expect(summarize(result([paragraph(0, 'Une seule phrase dans cet article.')], { confidence: 0.9 }))).toBe('1 paragraph, 1 kept, language fr (0.90)\n')
  })

  it('reports an empty article', () => {
    expect(summarize(clean(''))).toBe('0 paragraphs, 0 kept, language und (0.00)\n')
  })
})
