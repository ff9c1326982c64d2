import { describe, expect, it } from 'vitest'
import { DedupeError } from '../../src/errors.js'
import { splitParagraphs } from '../../src/parse/split-paragraphs.js'

describe('splitParagraphs', () => {
  it.each([
    ['the documented example', 'Un.\n\nDeux.', undefined, [{ text: 'Un.', start: 0, end: 3, heading: true }, { text: 'Deux.', start: 5, end: 10 }]],
    ['HTML guessed from content', '<p>Un.</p><p>Deux.</p>', undefined, [{ text: 'Un.', start: 0, end: 10 }, { text: 'Deux.', start: 10, end: 22 }]],
    ['Markdown when asked', '# Titre\n\n*Deux.*', { format: 'markdown' as const }, [{ text: 'Titre', start: 0, end: 7, heading: true }, { text: 'Deux.', start: 9, end: 16 }]],
    ['one paragraph per line without blank lines', 'Un.\nDeux.', undefined, [{ text: 'Un.', start: 0, end: 3, heading: true }, { text: 'Deux.', start: 4, end: 9 }]],
    ['lines joined when asked', 'Un.\nDeux.', { split: { lineBreaks: 'join' as const } }, [{ text: 'Un. Deux.', start: 0, end: 9 }]],
    ['nothing in white space', ' \n\n ', undefined, []],
  ])('%s', (_, input, options, expected) => {
    expect(splitParagraphs(input, options)).toEqual(expected)
  })

  it('validates the format option', () => {
    expect(() => splitParagraphs('x', { format: 'rtf' as never })).toThrow(DedupeError)
  })
})
