import { describe, expect, it } from 'vitest'
import { dropRepeatedBlocks } from '../../src/parse/drop-repeated-blocks.js'
import { HEADLINE, STORY, keptWith, storyPage, storyWith } from './article-page.js'

const APPEAL = ['Journalism costs money', 'Good reporting takes time, and people who check every fact before it goes online: support us with a monthly gift.']
const appeal = `<div class="box"><h3>${APPEAL[0]}</h3><p>${APPEAL[1]}</p></div>`

describe('dropRepeatedBlocks', () => {
  it('drops a run of lines the page shows again outside the article (a box in the column and in the sidebar)', () => {
    const html = storyPage(storyWith(appeal), `<aside>${appeal}</aside>`)
    expect(keptWith(html, [])).toContain(APPEAL[1])
    expect(keptWith(html, [dropRepeatedBlocks])).toEqual([HEADLINE, ...STORY])
  })

  it('keeps the article when the page prints it twice (a second copy outside the article\'s container)', () => {
    const copy = STORY.map((p) => `<p>${p}</p>`).join('')
    // The copy in the footer, which Readability never takes.
    const html = storyPage(storyWith('')).replace('</footer>', `<div class="print-copy">${copy}</div></footer>`)
    const kept = keptWith(html, [dropRepeatedBlocks])
    expect(kept).toEqual(keptWith(html, []))
    expect(kept).toContain(STORY[3])
  })

  it('keeps a single line the page repeats (a pull quote, the headline in a breadcrumb)', () => {
    const quote = '<blockquote><p>We have never seen the water this high, not even in 1998.</p></blockquote>'
    const html = storyPage(storyWith(quote, 2), `<aside><p>We have never seen the water this high, not even in 1998.</p><p>${HEADLINE}</p></aside>`)
    const kept = keptWith(html, [dropRepeatedBlocks])
    expect(kept).toEqual(keptWith(html, []))
    expect(kept).toContain('We have never seen the water this high, not even in 1998.')
  })
})
