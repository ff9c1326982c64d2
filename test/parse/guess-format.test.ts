import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { guessFormat } from '../../src/parse/guess-format.js'

describe('guessFormat without a file name', () => {
  // The definition the `<` shortcut must keep: markup at the start, or a block tag anywhere in the first 64 KiB.
  const reference = (text: string): 'html' | 'text' => {
    const head = text.slice(0, 65536)
    return /^[\s\uFEFF]*<[a-zA-Z!?/]/.test(head) || /<(?:p|div|html|body|br|article)[\s>/]/i.test(head) ? 'html' : 'text'
  }

  it('reads text with and without `<` as the two tests do', () => {
    const piece = fc.constantFrom('<', '<p>', '<P ', '<br/', '<div\t', '<article>', '<a', '< p>', '<!--', '<?xml', '</', 'p>', ' ', '\ufeff', '\n', 'texte', '中文', 'a < b', '<b>')
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }).map((parts) => parts.join('')), (text) => {
        expect(guessFormat(null, text)).toBe(reference(text))
      }),
      { seed: 20261202, numRuns: 3000 },
    )
  })

  it('looks only at the first 64 KiB, with or without a `<` after them', () => {
    const long = 'x'.repeat(65536)
    expect(guessFormat(null, `${long}<p>late</p>`)).toBe('text')
    expect(guessFormat(null, `${'y'.repeat(100)}<p>early</p>${long}`)).toBe('html')
    expect(guessFormat(null, long)).toBe('text')
  })
})
