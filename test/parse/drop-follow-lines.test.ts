import { describe, expect, it } from 'vitest'
import { dropFollowLines, isFollowLine } from '../../src/parse/drop-follow-lines.js'
import { HEADLINE, STORY, keptWith, storyPage, storyWith } from './article-page.js'

describe('isFollowLine', () => {
  it.each([
    // Calls to follow, in several languages: two networks or more.
    ['Puede escribirnos o seguirnos en Facebook, Twitter e Instagram.', true],
    ['Suivez-nous sur Facebook et X.', true],
    ['Folge uns auf Instagram und TikTok!', true],
    // One network, or only names that are also words.
    ['Follow the author on Twitter.', false],
    ['A line of threads, marked x.', false],
  ])('%s → %s', (text, expected) => {
    expect(isFollowLine(text)).toBe(expected)
  })

  it('leaves long paragraphs alone, whatever they name', () => {
    expect(isFollowLine(`${STORY[0]} ${STORY[1]} Facebook and Twitter removed the posts.`)).toBe(false)
  })
})

describe('dropFollowLines', () => {
  it('drops the follow lines that end the article, not a paragraph inside it that names the networks', () => {
    const inside = `<p>The rumour spread on Facebook and WhatsApp before noon.</p>`
    const html = storyPage(storyWith(inside, 2) + '<p>Follow us on Facebook, Instagram and YouTube.</p><p>Or on Telegram and LinkedIn.</p>')
    expect(keptWith(html, [])).toContain('Or on Telegram and LinkedIn.')
    expect(keptWith(html, [dropFollowLines])).toEqual([HEADLINE, ...STORY.slice(0, 2), 'The rumour spread on Facebook and WhatsApp before noon.', ...STORY.slice(2)])
  })
})
