import { describe, expect, it } from 'vitest'
import { dropColophonLines, isColophonLine } from '../../src/parse/drop-colophon-lines.js'
import { HEADLINE, STORY, keptWith, storyPage, storyWith } from './article-page.js'

describe('isColophonLine', () => {
  it.each([
    // Notices and addresses, in several languages.
    ['© 2026 Harbour Press. All rights reserved.', true],
    ['Texte unter Creative Commons Namensnennung 3.0', true],
    ['Photo: Jan Novák, CC BY-SA 4.0', true],
    ['Studio Nord * Hafenstraße 6 * 27580 Bremerhaven Tel.: 0471 80 60 745 * info@studio-nord.example', true],
    // An address without a telephone, a date with an e-mail, plain lines.
    ['Write to us: letters@daily.example', false],
    ['Updated 12.03.2026, letters@daily.example', false],
    ['Updated 2026-03-12, letters@daily.example', false],
    ['The copyists worked by candlelight.', false],
  ])('%s → %s', (text, expected) => {
    expect(isColophonLine(text)).toBe(expected)
  })
})

describe('dropColophonLines', () => {
  it('drops the notices that end the article, not one inside it', () => {
    const inside = '<p>The photo agency, which holds the © on the pictures, lent them for free.</p>'
    const html = storyPage(storyWith(inside, 2) + '<hr><p>Picture of the old bridge, taken at dawn from the ferry by Jan Novák, licence <a href="/cc">Creative Commons BY</a></p>')
    expect(keptWith(html, [])).toContain('Picture of the old bridge, taken at dawn from the ferry by Jan Novák, licence Creative Commons BY')
    expect(keptWith(html, [dropColophonLines])).toEqual([HEADLINE, ...STORY.slice(0, 2), 'The photo agency, which holds the © on the pictures, lent them for free.', ...STORY.slice(2)])
  })
})
