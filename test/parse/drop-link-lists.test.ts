import { describe, expect, it } from 'vitest'
import { dropLinkLists } from '../../src/parse/drop-link-lists.js'
import { HEADLINE, STORY, keptWith, storyPage, storyWith } from './article-page.js'

const related = (items: string[]): string => `<ul>${items.map((t, k) => `<li><a href="/story/${k}">${t}</a></li>`).join('')}</ul>`
const TITLES = ['Sandbags run out in the lower town', 'Ferry service suspended until Friday', 'When the river froze in 1963']

describe('dropLinkLists', () => {
  it('drops a list of links inside the article, with the label of its own box', () => {
    const box = `<div class="more"><h4>Read also</h4>${related(TITLES)}</div>`
    const html = storyPage(storyWith(box, 3))
    // Readability keeps the list (it is a list, mostly links, in a container it weighs as content).
    const before = keptWith(html, [])
    for (const t of ['Read also', ...TITLES]) expect(before).toContain(t)
    expect(keptWith(html, [dropLinkLists])).toEqual([HEADLINE, ...STORY])
  })

  it('keeps the label when its box holds more of the article: before the label, after the list, or among its items', () => {
    // Ten commas: Readability keeps the box (it spares text with ten commas).
    const note = 'The water board, which measures the level at the bridge, the quay, the ferry landing, the market, the school, the church, the hall, the gyms, the roads and the banks, will publish new readings every hour.'
    const boxes = [
      `<div class="more"><p>${note}</p><h4>Read also</h4>${related(TITLES)}</div>`,
      `<div class="more"><h4>Read also</h4>${related(TITLES)}<p>${note}</p></div>`,
      `<div class="more"><h4>Read also</h4><ul><li><a href="/story/0">${TITLES[0]}</a></li><p>${note}</p><li><a href="/story/1">${TITLES[1]}</a></li></ul></div>`,
    ]
    for (const box of boxes) {
      const kept = keptWith(storyPage(storyWith(box, 3)), [dropLinkLists])
      expect(kept).toContain('Read also')
      expect(kept).toContain(note)
      expect(kept).not.toContain(TITLES[1])
    }
  })

  it('drops a list whose items add a word or two to their link ("Oak description")', () => {
    const items = ['Oak', 'Birch', 'Beech', 'Lime'].map((t) => `<li><a href="/${t}">${t}</a> description</li>`).join('')
    const html = storyPage(`${storyWith('')}<ul>${items}</ul>`)
    expect(keptWith(html, [dropLinkLists])).toEqual([HEADLINE, ...STORY])
  })

  it('keeps a subhead of the article over a list in the article\'s flow: only the list goes', () => {
    const html = storyPage(`${storyWith('')}<h2>Further reading</h2>${related(TITLES)}`)
    expect(keptWith(html, [dropLinkLists])).toEqual([HEADLINE, ...STORY, 'Further reading'])
  })

  it('keeps a page that is mostly lists of links (a directory of resources)', () => {
    const places = ['the old stone bridge', 'the ferry landing', 'the market square', 'the lower town', 'the school gyms', 'the church hall', 'the quay', 'the sports centre']
    const directory = places.flatMap((p) => [`Live water levels and closures around ${p}`, `Volunteer rota and sandbag points near ${p}`])
    const html = storyPage(`<p>${STORY[0]}</p>${related(directory)}<p>${STORY[1]}</p>`)
    const kept = keptWith(html, [dropLinkLists])
    expect(kept).toContain('Volunteer rota and sandbag points near the quay')
    expect(kept).toEqual(keptWith(html, []))
  })

  it('keeps lists that are text: items that are sentences, plain items, cited addresses, a single item', () => {
    const sentences = `<ul><li>The <a href="/board">water board</a> measured the level every hour.</li><li>The <a href="/mayor">mayor</a> visited the quay at noon.</li></ul>`
    const plain = '<ul><li>Two school gyms</li><li>One church hall</li><li>The sports centre</li></ul>'
    const addresses = '<ul><li><a href="https://example.org/levels">https://example.org/levels</a></li><li><a href="https://example.org/map">https://example.org/map</a></li></ul>'
    const single = related(['Sandbags run out in the lower town'])
    const cases: Array<[string, string]> = [
      [sentences, 'The mayor visited the quay at noon.'],
      [plain, 'One church hall'],
      [addresses, 'https://example.org/map'],
      [single, 'Sandbags run out in the lower town'],
    ]
    for (const [list, item] of cases) {
      const html = storyPage(storyWith(list, 3))
      const kept = keptWith(html, [dropLinkLists])
      expect(kept).toContain(item)
      expect(kept).toEqual(keptWith(html, []))
    }
  })
})
