import { describe, expect, it } from 'vitest'
import { dropTeaserTail } from '../../src/parse/drop-teaser-tail.js'
import { HEADLINE, STORY, keptWith, storyPage } from './article-page.js'

const teaser = (title: string, k: number): string =>
  // A section, long teaser text with commas: what Readability keeps (it cleans only divs, lists and tables by their links, and spares text with ten commas).
  `<section><h2><a href="/story/${k}">${title}</a></h2><p>A teaser of that other story, long enough, and with commas enough, to read as text: the ferry, the quay, the bridge, the market, the school, the church, the hall, the gyms, the roads, the banks.</p><h3><a href="/story/${k}">Read the rest</a></h3></section>`

describe('dropTeaserTail', () => {
  it('drops the teasers of other stories that share the article\'s parent', () => {
    const html = storyPage(`${STORY.map((p) => `<p>${p}</p>`).join('')}${teaser('Sandbags run out in the lower town', 1)}${teaser('Ferry service suspended until Friday', 2)}`)
    expect(keptWith(html, [])).toContain('Ferry service suspended until Friday')
    expect(keptWith(html, [dropTeaserTail])).toEqual([HEADLINE, ...STORY])
  })

  it('keeps subheads that are not links, a single linked heading, and anchors without an address', () => {
    const subheads = storyPage(`<p>${STORY[0]}</p><h2>On the quay</h2><p>${STORY[1]}</p><p>${STORY[2]}</p><h2>In the town</h2><p>${STORY[3]}</p><p>${STORY[4]}</p>`)
    const single = storyPage(`${STORY.map((p) => `<p>${p}</p>`).join('')}${teaser('Sandbags run out in the lower town', 1).replace('<h3><a href="/story/1">Read the rest</a></h3>', '')}`)
    const anchors = storyPage(`<p>${STORY[0]}</p><h2><a name="quay">On the quay</a></h2><p>${STORY[1]}</p><p>${STORY[2]}</p><h2><a name="town">In the town</a></h2><p>${STORY[3]}</p><p>${STORY[4]}</p>`)
    // A listicle: its subheads link to what they review, in the article's own flow.
    const listicle = storyPage(`<p>${STORY[0]}</p><h2><a href="https://ferry.example">The ferry</a></h2><p>${STORY[1]}</p><p>${STORY[2]}</p><h2><a href="https://gyms.example">The gyms</a></h2><p>${STORY[3]}</p><p>${STORY[4]}</p>`)
    for (const html of [subheads, single, anchors, listicle]) expect(keptWith(html, [dropTeaserTail])).toEqual(keptWith(html, []))
    expect(keptWith(listicle, [dropTeaserTail])).toContain('The gyms')
    expect(keptWith(anchors, [dropTeaserTail])).toContain('In the town')
    expect(keptWith(single, [dropTeaserTail])).toContain('Sandbags run out in the lower town')
  })
})
