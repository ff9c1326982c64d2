import type { Element, Root, Text } from 'hast'
import rehypeParse from 'rehype-parse'
import { unified } from 'unified'
import { describe, expect, it } from 'vitest'
import { fromHast } from '../../src/parse/from-hast.js'
import { parseHtml } from '../../src/parse/from-html.js'

const hast = (html: string): Root => unified().use(rehypeParse, { fragment: true }).parse(html)

describe('fromHast: blocks that keep their source', () => {
  it('gives a whole element as its source, and pieces that are its text nodes', () => {
    const tree = hast('<div><p>Un <b>deux</b> trois.</p>Texte libre.</div>')
    const [p, loose] = fromHast(tree)
    const element = (tree.children[0] as Element).children[0] as Element
    expect(p!.text).toBe('Un deux trois.')
    expect(p!.source.element).toBe(element)
    expect(p!.pieces!.map((piece) => piece.value)).toEqual(['Un ', 'deux', ' trois.'])
    expect(p!.pieces!.every((piece) => piece.node?.type === 'text')).toBe(true)
    // Text beside blocks is a run: no element of its own, its text node kept.
    expect(loose!.source.element).toBeNull()
    expect((loose!.source.nodes[0] as Text).value).toBe('Texte libre.')
  })

  it('puts the <br>s of a <br><br> split in the next run\'s gap', () => {
    const [first, second] = fromHast(hast('<p>Premier.<br><br>Second.</p>'))
    expect([first!.text, second!.text]).toEqual(['Premier.', 'Second.'])
    expect(second!.source.gap.map((n) => (n.type === 'element' ? n.tagName : 'text'))).toEqual(['br', 'br'])
  })

  it('gives parseHtml its paragraphs and offsets', () => {
    const html = '<p>Un.</p>\n<div>Deux <i>et</i> trois.</div>'
    expect(parseHtml(html)).toEqual(fromHast(unified().use(rehypeParse).parse(html), { input: html }).map(({ text, start, end }) => ({ text, start, end })))
  })
})
