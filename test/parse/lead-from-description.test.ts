import { describe, expect, it } from 'vitest'
import { leadFromDescription } from '../../src/parse/lead-from-description.js'
import { HEADLINE, STORY, keptWith, storyPage } from './article-page.js'

const DECK = 'The water board expects the level to fall from Thursday; two school gyms are open for families who had to leave their homes.'
const article = STORY.map((p) => `<p>${p}</p>`).join('')
const related = '<aside><ul><li><a href="/a">Sandbags run out in the lower town</a></li><li><a href="/b">Ferry service suspended</a></li></ul></aside>'

describe('leadFromDescription', () => {
  it('puts back the deck above the article that the page\'s description names', () => {
    // The deck stands in the page header, out of reach of the lead rule (between the headline and the article).
    const html = storyPage(article, '', `<meta name="description" content="${DECK}">`).replace('</nav>', `</nav><div class="intro"><p>${DECK}</p></div>${related}`)
    expect(keptWith(html, [])).not.toContain(DECK)
    expect(keptWith(html, [leadFromDescription])).toEqual([DECK, HEADLINE, ...STORY])
  })

  it('matches a description cut short with an ellipsis', () => {
    const cut = `${DECK.slice(0, 100)}…`
    const html = storyPage(article, '', `<meta name="og:description" content="${cut}">`).replace('</nav>', `</nav><p>${DECK}</p>${related}`)
    expect(keptWith(html, [leadFromDescription])).toContain(DECK)
  })

  it('matches a description that writes its quotes and dashes otherwise than the page (as paragraphs are compared)', () => {
    const page = 'The water board’s forecast – a fall from Thursday – leaves two school gyms open for the families who had to leave their homes.'
    const meta = "The water board's forecast - a fall from Thursday - leaves two school gyms open for the families who had to leave their homes."
    const html = storyPage(article, '', `<meta name="description" content="${meta}">`).replace('</nav>', `</nav><div class="intro"><p>${page}</p></div>${related}`)
    expect(keptWith(html, [leadFromDescription])).toEqual([page, HEADLINE, ...STORY])
  })

  it('puts back nothing for a short description, a description no block holds, or a linked teaser', () => {
    const short = storyPage(article, '', '<meta name="description" content="Floods">').replace('</nav>', `</nav><p>Floods</p>${related}`)
    const elsewhere = storyPage(article, '', `<meta name="description" content="${DECK}">`)
    const linked = storyPage(article, '', `<meta name="description" content="${DECK}">`).replace('</nav>', `</nav><p><a href="/deck">${DECK}</a></p>${related}`)
    for (const html of [short, elsewhere, linked]) expect(keptWith(html, [leadFromDescription])).toEqual(keptWith(html, []))
    expect(keptWith(linked, [leadFromDescription])).not.toContain(DECK)
  })
})
