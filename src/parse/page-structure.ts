/**
 * Where each block of a page sits in its markup: the element around it and that element's
 * ancestors, with their tags and class-and-id names. The extraction rules that judge a part of
 * the page as a whole (a list of links, a box named "share" or "related") read it; the block
 * rules read only each block's own text and marks.
 *
 * One iterative walk over the page's hast tree (the tree its blocks were read from).
 *
 * @module
 */
import type { Element, Root, RootContent, Text } from 'hast'

/** The page's elements, numbered in document order, and the element around each block. */
export interface PageStructure {
  /** Per element: its parent's number, `-1` for the root's children. */
  parent: Int32Array
  /** Per element: its tag name, lower case. */
  tag: string[]
  /** Per element: its class names and id as written, one space between (`''` when it has none). */
  names: string[]
  /** Per element: whether it is a link with an address (`<a href>`; an `<a name>` anchor is not). */
  link: Uint8Array
  /** Per block: the element holding its first text node, `-1` when it has none. */
  element: Int32Array
  /** Per element: its node in the tree. */
  node: Element[]
}

/**
 * Reads where each block of `tree` sits.
 *
 * @param tree The page's hast tree.
 * @param sources For each block, the text nodes (and `<br>`s) it was made of, as `parseHtmlTree` gives them.
 * @returns The page's elements and, per block, the element around it.
 */
export function readPageStructure(tree: Root, sources: ReadonlyArray<ReadonlyArray<Text | Element>>): PageStructure {
  const owner = new Map<Text, number>()
  sources.forEach((nodes, k) => {
    for (const node of nodes) {
      if (node.type === 'text') {
        owner.set(node, k)
        break
      }
    }
  })
  const parent: number[] = []
  const tag: string[] = []
  const names: string[] = []
  const link: number[] = []
  const nodes: Element[] = []
  const element = new Int32Array(sources.length).fill(-1)
  const stack: Array<{ node: RootContent; into: number }> = []
  for (let i = tree.children.length - 1; i >= 0; i--) stack.push({ node: tree.children[i]!, into: -1 })
  while (stack.length > 0) {
    const { node, into } = stack.pop()!
    if (node.type === 'text') {
      const k = owner.get(node)
      if (k !== undefined && element[k] === -1) element[k] = into
      continue
    }
    if (node.type !== 'element') continue
    const id = tag.length
    const name = node.tagName.toLowerCase()
    parent.push(into)
    tag.push(name)
    names.push(namesOf(node))
    link.push(name === 'a' && typeof node.properties.href === 'string' ? 1 : 0)
    nodes.push(node)
    const children = node.children
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, into: id })
  }
  return { parent: Int32Array.from(parent), tag, names, link: Uint8Array.from(link), element, node: nodes }
}

function namesOf(element: Element): string {
  const { className, id } = element.properties
  const classes = Array.isArray(className) ? className.join(' ') : ''
  const own = typeof id === 'string' ? id : ''
  return classes === '' ? own : own === '' ? classes : `${classes} ${own}`
}

/**
 * The nearest element around `block` (the element holding it included) for which `test` is
 * true, or `-1`.
 */
export function findAncestor(structure: PageStructure, block: number, test: (element: number) => boolean): number {
  for (let e = structure.element[block] ?? -1; e >= 0; e = structure.parent[e]!) if (test(e)) return e
  return -1
}

/**
 * Whether block `block` sits inside element `outer`: the element around it is `outer` or one of
 * `outer`'s descendants (a block with no element around it sits inside none).
 */
export function blockInside(structure: PageStructure, outer: number, block: number): boolean {
  for (let e = structure.element[block] ?? -1; e >= 0; e = structure.parent[e]!) if (e === outer) return true
  return false
}
