import { describe, expect, it } from 'vitest'
import { dropNamedBoxes, namesBox } from '../../src/parse/drop-named-boxes.js'
import { HEADLINE, STORY, keptWith, storyPage, storyWith } from './article-page.js'

describe('namesBox', () => {
  it.each([
    // Class names and ids that name a box, read as words.
    ['article-share__buttons', true],
    ['relatedPosts', true],
    ['c-newsletter c-newsletter--promo', true],
    ['content-form-account-paywall', true],
    ['kommentare', true],
    ['more-stories', true],
    // Words inside other words, and names of the text itself.
    ['shareholders-report', false],
    ['commentary', false],
    ['article-body entry-content', false],
    ['read-more-content', false],
    ['', false],
  ])('%s → %s', (names, expected) => {
    expect(namesBox(names)).toBe(expected)
  })
})

describe('dropNamedBoxes', () => {
  it('drops the boxes inside the article that the markup names as share, newsletter or comments boxes', () => {
    const newsletter = '<div class="newsletter-signup"><h3>Get the morning briefing</h3><p>Every weekday at seven, in your inbox. You can unsubscribe at any time with one click.</p></div>'
    // Readability keeps these: "article" in the name saves the box from its unlikely-candidate test, and it does not clean `section`s conditionally.
    const comments = '<section class="article-comments"><h2>0 comments</h2><p>Be the first to say what you think about this story.</p></section>'
    const html = storyPage(storyWith(newsletter, 2) + comments)
    const before = keptWith(html, [])
    expect(before).toContain('Get the morning briefing')
    expect(before).toContain('0 comments')
    expect(keptWith(html, [dropNamedBoxes])).toEqual([HEADLINE, ...STORY])
  })

  it('keeps the article when its own wrapper, or each of its paragraphs, carries such a name', () => {
    const wrapped = storyPage(`<div class="post has-comments">${storyWith('')}</div>`)
    expect(keptWith(wrapped, [dropNamedBoxes])).toEqual([HEADLINE, ...STORY])
    const paywalled = storyPage(STORY.map((p) => `<p class="paywall">${p}</p>`).join(''))
    expect(keptWith(paywalled, [dropNamedBoxes])).toEqual([HEADLINE, ...STORY])
  })
})
