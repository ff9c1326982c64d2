import type { Root } from 'mdast'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { describe, expect, it } from 'vitest'
import { fromMdast } from '../../src/parse/from-mdast.js'
import { parseMarkdown } from '../../src/parse/from-markdown.js'

const mdast = (markdown: string): Root => unified().use(remarkParse).parse(markdown)

describe('fromMdast: blocks that keep their source', () => {
  it('gives each paragraph, heading and code block as its source node; code has no pieces', () => {
    const tree = mdast('# Titre\n\nUn *deux*.\n\n```\ncode\n```\n')
    const blocks = fromMdast(tree)
    expect(blocks.map((b) => [b.source.type, b.text, b.pieces === null])).toEqual([
      ['heading', 'Titre', false],
      ['paragraph', 'Un deux.', false],
      ['code', 'code', true],
    ])
    expect(blocks[1]!.source).toBe(tree.children[1])
  })

  it('gives parseMarkdown its paragraphs and offsets', () => {
    const markdown = '\uFEFF# Titre\n\n> Cité.\n\n<p>Un.</p><p>Deux.</p>\n'
    expect(parseMarkdown(markdown)).toEqual(fromMdast(mdast(markdown), { input: markdown }).map(({ text, start, end, heading }) => (heading ? { text, start, end, heading } : { text, start, end })))
    expect(parseMarkdown(markdown)[0]!.heading).toBe(true)
    expect(parseMarkdown(markdown).map((b) => markdown.slice(b.start, b.end))).toEqual(['# Titre', 'Cité.', '<p>Un.</p>', '<p>Deux.</p>'])
  })
})
