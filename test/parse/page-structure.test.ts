import { describe, expect, it } from 'vitest'
import { parseHtmlTree } from '../../src/parse/from-html.js'
import { blockInside, findAncestor, readPageStructure } from '../../src/parse/page-structure.js'

describe('readPageStructure', () => {
  const html = '<body><div class="post Body" id="main"><p>One <a href="/x">link</a></p><ul><li><a name="n">Anchor</a> item</li></ul></div><p>After</p></body>'
  const { page, tree } = parseHtmlTree(html)
  const structure = readPageStructure(tree.tree, tree.sources)

  it('gives each block the element around its first text node, and each element its parent, tag and names as written', () => {
    expect(page.blocks.map((b) => b.text)).toEqual(['One link', 'Anchor item', 'After'])
    const [p, anchor, after] = [0, 1, 2].map((k) => structure.element[k]!)
    expect(structure.tag[p!]).toBe('p')
    expect(structure.tag[anchor!]).toBe('a')
    expect(structure.tag[structure.parent[anchor!]!]).toBe('li')
    expect(structure.tag[after!]).toBe('p')
    const div = structure.parent[p!]!
    expect(structure.names[div]).toBe('post Body main')
  })

  it('keeps each element\'s node, so a rule can name an element of the tree (the form the extraction hides)', () => {
    const div = structure.parent[structure.element[0]!]!
    const node = structure.node[div]!
    expect(node.tagName).toBe('div')
    expect(node.properties.id).toBe('main')
    expect(structure.node).toHaveLength(structure.tag.length)
  })

  it('tells links with an address from anchors', () => {
    const link = structure.tag.findIndex((t, e) => t === 'a' && structure.link[e] === 1)
    const anchor = structure.element[1]!
    expect(link).toBeGreaterThanOrEqual(0)
    expect(structure.link[anchor]).toBe(0)
  })

  it('finds ancestors and containment', () => {
    const div = findAncestor(structure, 0, (e) => structure.tag[e] === 'div')
    expect(div).toBeGreaterThanOrEqual(0)
    expect(findAncestor(structure, 1, (e) => e === div)).toBe(div)
    expect(findAncestor(structure, 2, (e) => e === div)).toBe(-1)
    expect(blockInside(structure, div, 1)).toBe(true)
    expect(blockInside(structure, div, 2)).toBe(false)
    // A block sits inside the element around it itself (the anchor), not inside another's.
    expect(blockInside(structure, structure.element[1]!, 1)).toBe(true)
    expect(blockInside(structure, structure.element[1]!, 0)).toBe(false)
    // A block with no element around it sits inside none.
    expect(blockInside(structure, div, structure.element.length)).toBe(false)
  })
})
