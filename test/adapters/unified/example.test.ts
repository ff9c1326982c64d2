import rehypeParse from 'rehype-parse'
import { unified } from 'unified'
import type { Element, Root } from 'hast'
import { reporter } from 'vfile-reporter'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { cleanReferenceArticle, referenceArticleHtml } from '../../../examples/rehype-reference-article.js'

function paragraphsOf(html: string): Element[] {
  const tree = unified().use(rehypeParse, { fragment: true }).parse(html) as Root
  const article = tree.children.find((n): n is Element => n.type === 'element')!
  return article.children.filter((n): n is Element => n.type === 'element' && n.tagName === 'p')
}

const textOf = (p: Element): string => p.children.map((c) => (c.type === 'text' ? c.value : '')).join('')

describe('examples/rehype-reference-article.ts', () => {
  it('keeps 4 of the 7 paragraphs and sets lang="fr" on the article', async () => {
    const { html } = await cleanReferenceArticle()
    expect(html.match(/<p>/g)).toHaveLength(4)
    expect(html.match(/<p/g)).toHaveLength(4)
    expect(html.startsWith('<article lang="fr">\n<p>L\'application de messagerie')).toBe(true)
    expect(html.match(/lang=/g)).toHaveLength(1)
    // The kept paragraphs are the first four, unchanged, with no blank lines left behind.
    const input = paragraphsOf(referenceArticleHtml())
    expect(input).toHaveLength(7)
    const kept = paragraphsOf(html)
    expect(kept.map(textOf)).toEqual(input.slice(0, 4).map(textOf))
    expect(html).not.toMatch(/\n\n/)
  })

  it('reports each removed paragraph at its position with ruleId exact-duplicate', async () => {
    const { messages } = await cleanReferenceArticle()
    const input = paragraphsOf(referenceArticleHtml())
    expect(messages).toHaveLength(3)
    expect(messages.map((m) => m.ruleId)).toEqual(['exact-duplicate', 'exact-duplicate', 'exact-duplicate'])
    expect(messages.map((m) => m.source)).toEqual(['news-dedup', 'news-dedup', 'news-dedup'])
    expect(messages.map((m) => m.fatal)).toEqual([false, false, false])
    expect(messages.map((m) => m.place)).toEqual([input[4]!.position, input[5]!.position, input[6]!.position])
    expect(messages.map((m) => m.line)).toEqual([6, 7, 8])
    expect(messages.map((m) => m.reason)).toEqual([
      'Paragraph 5 repeats paragraph 2 (exact, similarity 1)',
      'Paragraph 6 repeats paragraph 3 (exact, similarity 1)',
      'Paragraph 7 repeats paragraph 4 (exact, similarity 1)',
    ])
  })

  it('gives messages that vfile-reporter prints', async () => {
    const { messages } = await cleanReferenceArticle()
    const file = new VFile({ path: 'whatsapp-outage-fr.html' })
    file.messages.push(...messages)
    const printed = reporter(file, { color: false })
    expect(printed).toContain('whatsapp-outage-fr.html')
    expect(printed).toMatch(/6:1-6:\d+\s+warning\s+Paragraph 5 repeats paragraph 2 \(exact, similarity 1\)\s+exact-duplicate\s+news-dedup/)
    expect(printed).toContain('Paragraph 6 repeats paragraph 3')
    expect(printed).toContain('Paragraph 7 repeats paragraph 4')
    expect(printed).toContain('3 warnings')
  })
})
