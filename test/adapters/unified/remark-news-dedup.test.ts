import type { Root as HastRoot } from 'hast'
import type { Root } from 'mdast'
import { toHast } from 'mdast-util-to-hast'
import rehypeStringify from 'rehype-stringify'
import remarkParse from 'remark-parse'
import remarkStringify from 'remark-stringify'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { reporter } from 'vfile-reporter'
import { describe, expect, it } from 'vitest'
import { clean, DedupeError } from '../../../src/index.js'
import { remarkNewsDedup, type NewsDedupPluginOptions } from '../../../src/unified.js'

const TEASER = "Le gouvernement a annoncé mardi un plan de relance de dix milliards d'euros pour soutenir..."
const LEAD =
  "Le gouvernement a annoncé mardi un plan de relance de dix milliards d'euros pour soutenir l'industrie automobile, durement touchée par la hausse des prix de l'énergie."
const MINISTER = "Selon le ministre de l'Économie, les premières aides seront versées **dès le mois de mars** aux constructeurs et à leurs sous-traitants."
const QUOTE = '"We welcome this plan, which will help European carmakers," said a spokesperson for the European Commission.'
const UNIONS = 'Les syndicats saluent une mesure attendue depuis des mois par les salariés du secteur.'

const ARTICLE = [
  "# Le gouvernement dévoile son plan de relance pour l'automobile",
  TEASER,
  LEAD,
  MINISTER,
  `> ${QUOTE}`,
  `- ${UNIONS}\n- ${UNIONS}`,
  MINISTER.replace(/\*\*/g, ''),
].join('\n\n') + '\n'

function run(markdown: string, options?: NewsDedupPluginOptions) {
  const processor = unified().use(remarkParse).use(remarkNewsDedup, options).use(remarkStringify)
  const file = new VFile({ path: 'article.md', value: markdown })
  const tree = processor.runSync(processor.parse(file), file) as Root
  return { markdown: processor.stringify(tree, file), tree, file }
}

describe('remarkNewsDedup', () => {
  it('removes the teaser and the repeated paragraphs, with a message for each', () => {
    const { markdown, file } = run(ARTICLE)
    expect(markdown).toBe(
      [`# Le gouvernement dévoile son plan de relance pour l'automobile`, LEAD, MINISTER, `> ${QUOTE}`, `* ${UNIONS}`].join('\n\n') + '\n',
    )
    expect(file.messages.map((m) => [m.ruleId, m.line, m.column, m.fatal, m.source])).toEqual([
      ['contained-duplicate', 3, 1, false, 'news-dedup'],
      ['exact-duplicate', 12, 3, false, 'news-dedup'],
      ['exact-duplicate', 14, 1, false, 'news-dedup'],
    ])
    expect(file.messages.map((m) => m.reason)).toEqual([
      'Paragraph 2 is contained in paragraph 3 (contained, similarity 1)',
      'Paragraph 7 repeats paragraph 6 (exact, similarity 1)',
      'Paragraph 8 repeats paragraph 4 (exact, similarity 1)',
    ])
    const printed = reporter(file, { color: false })
    expect(printed).toMatch(/^article\.md\n/)
    expect(printed).toMatch(/3:1-3:\d+\s+warning\s+Paragraph 2 is contained in paragraph 3/)
    expect(printed).toContain('3 warnings')
  })

  it('reports what clean() finds in the same Markdown, and the languages', () => {
    const { file, tree } = run(ARTICLE)
    const expected = clean({ markdown: ARTICLE })
    const report = file.data.newsDedup!
    expect(report.paragraphs.map((p) => [p.text, p.language, p.duplicate])).toEqual(expected.paragraphs.map((p) => [p.text, p.language, p.duplicate]))
    expect(report.passages).toEqual(expected.passages)
    expect(report.language).toBe('fr')
    expect(tree.data?.lang).toBe('fr')
    const quote = tree.children.find((n) => n.type === 'blockquote')!
    expect(quote.type === 'blockquote' && quote.children[0]!.data).toEqual({ lang: 'en', hProperties: { lang: 'en' } })
    const langs = tree.children.filter((n) => n.data?.lang !== undefined)
    expect(langs).toEqual([])
  })

  it('marks instead of removing in mark mode, and remark-rehype carries the marks', () => {
    const { markdown, tree, file } = run(ARTICLE, { mode: 'mark' })
    expect(markdown).toBe(ARTICLE.replace(/^- /gm, '* '))
    const teaser = tree.children[1]!
    expect(teaser.data).toEqual({
      newsDedup: { kind: 'contained', of: 2, similarity: 1 },
      hProperties: { dataNewsDedup: 'contained', dataNewsDedupOf: 2 },
    })
    expect(file.messages.map((m) => m.ruleId)).toEqual(['contained-duplicate', 'exact-duplicate', 'exact-duplicate'])
    const html = unified().use(rehypeStringify).stringify(toHast(tree) as HastRoot)
    expect(html.match(/data-news-dedup="exact"/g)).toHaveLength(2)
    expect(html).toContain('<p data-news-dedup="contained" data-news-dedup-of="2">')
    expect(html).toContain(`<p lang="en">${QUOTE.replace(/"/g, '"')}</p>`)
  })

  it('gives a marked repeat its own lang when its language differs from the article', () => {
    const input = [LEAD, QUOTE, MINISTER, UNIONS, QUOTE].join('\n\n') + '\n'
    const { tree } = run(input, { mode: 'mark' })
    expect(tree.data?.lang).toBe('fr')
    expect(tree.children[4]!.data).toEqual({
      lang: 'en',
      newsDedup: { kind: 'exact', of: 1, similarity: 1 },
      hProperties: { lang: 'en', dataNewsDedup: 'exact', dataNewsDedupOf: 1 },
    })
    const html = unified().use(rehypeStringify).stringify(toHast(tree) as HastRoot)
    expect(html).toContain(`<p lang="en" data-news-dedup="exact" data-news-dedup-of="1">${QUOTE}</p>`)
  })

  it('cuts a repeated sentence in one text node, leaves one in code', () => {
    const s = 'Les premières aides seront versées dès le mois de mars aux constructeurs.'
    const input = `${s} ${UNIONS}\n\nLe texte sera examiné au printemps par le Parlement. ${s}\n\n    ${s} Et ceci est du code, jamais coupé.\n`
    const { markdown, file } = run(input)
    expect(markdown).toBe(`${s} ${UNIONS}\n\nLe texte sera examiné au printemps par le Parlement.\n\n\`\`\`\n${s} Et ceci est du code, jamais coupé.\n\`\`\`\n`)
    expect(file.messages.map((m) => [m.ruleId, m.line])).toEqual([
      ['repeated-sentence', 3],
      ['repeated-sentence', 5],
    ])
    expect(file.messages[1]!.reason).toMatch(/; not cut: it is inside code$/)
  })

  it('removes a block of HTML only when all of its paragraphs repeat', () => {
    const input = `${LEAD}\n\n<div><p>${UNIONS}</p></div>\n\n<div><p>${LEAD}</p><p>${UNIONS}</p></div>\n\n<div><p>${LEAD}</p><p>Un paragraphe tout à fait nouveau sur la suite des événements.</p></div>\n`
    const { markdown, file } = run(input)
    expect(markdown).toBe(`${LEAD}\n\n<div><p>${UNIONS}</p></div>\n\n<div><p>${LEAD}</p><p>Un paragraphe tout à fait nouveau sur la suite des événements.</p></div>\n`)
    expect(file.messages.map((m) => m.reason)).toEqual([
      'Paragraph 3 repeats paragraph 1 (exact, similarity 1)',
      'Paragraph 4 repeats paragraph 2 (exact, similarity 1)',
      'Paragraph 5 repeats paragraph 1 (exact, similarity 1); not removed: the rest of its block of HTML is kept',
    ])
  })

  it('rejects bad options with E_INVALID_OPTION', () => {
    for (const options of [{ detect: { nearThreshold: 1.5 } }, { detect: { minSentenceLength: -1 } }, { language: { only: 'fr' } }, { mode: 'strip' }]) {
      expect(() => run('Bonjour.', options as unknown as NewsDedupPluginOptions)).toThrow(
        expect.objectContaining({ name: 'DedupeError', code: 'E_INVALID_OPTION' }),
      )
    }
    expect(() => run('x', { detect: { nearThreshold: 2 } })).toThrow(DedupeError)
  })
})
