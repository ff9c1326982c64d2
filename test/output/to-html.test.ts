import type { Element, Nodes, Root } from 'hast'
import rehypeParse from 'rehype-parse'
import { unified } from 'unified'
import { describe, expect, it } from 'vitest'
import { clean } from '../../src/clean.js'
import { toHtml } from '../../src/output/to-html.js'
import { paragraph, result } from '../helpers/results.js'

const parse = (html: string): Root => unified().use(rehypeParse, { fragment: true }).parse(html)

/** Every element of the tree, in document order. */
function elements(tree: Root): Element[] {
  const out: Element[] = []
  const walk = (node: Nodes): void => {
    if (node.type === 'element') out.push(node)
    if ('children' in node) for (const child of node.children) walk(child)
  }
  walk(tree)
  return out
}

/** The text of each `p`, as a browser would show it. */
function paragraphTexts(tree: Root): string[] {
  const text = (node: Nodes): string => (node.type === 'text' ? node.value : 'children' in node ? node.children.map(text).join('') : '')
  return elements(tree).filter((e) => e.tagName === 'p').map(text)
}

const LAW = "Le gouvernement a présenté mercredi un projet de loi visant à réduire de moitié les délais d'instruction des permis de construire."

describe('toHtml', () => {
  it('renders an article element with one p per kept paragraph', () => {
    const r = clean([LAW, 'Les maires ont salué l’annonce, tout en réclamant des moyens supplémentaires.', LAW].join('\n\n'))
    expect(toHtml(r)).toBe(
      `<article lang="fr">\n<p>${LAW.replace("'", '&#39;')}</p>\n<p>Les maires ont salué l’annonce, tout en réclamant des moyens supplémentaires.</p>\n</article>\n`,
    )
  })

  it('puts lang only on paragraphs whose language differs from the article', () => {
    const html = toHtml(
      result([paragraph(0, 'Premier paragraphe.'), paragraph(1, 'An English quote.', { language: 'en' }), paragraph(2, 'Troisième.')]),
    )
    const tree = parse(html)
    expect(elements(tree).map((e) => [e.tagName, e.properties.lang ?? null])).toEqual([
      ['article', 'fr'],
      ['p', null],
      ['p', 'en'],
      ['p', null],
    ])
  })

  it('renders the repeated sentences cut and flagged paragraphs left out', () => {
    const text = 'Phrase propre au paragraphe. Phrase répétée plus haut dans l’article.'
    const html = toHtml(
      result([
        paragraph(0, 'Phrase répétée plus haut dans l’article.'),
        paragraph(1, text, { repeatedSentences: [{ start: 29, end: text.length, of: 0, similarity: 1 }] }),
        paragraph(2, 'Copie.', { duplicate: { kind: 'exact', of: 0, similarity: 1 } }),
      ]),
    )
    expect(paragraphTexts(parse(html))).toEqual(['Phrase répétée plus haut dans l’article.', 'Phrase propre au paragraphe.'])
  })

  it('renders an empty article for an empty result', () => {
    expect(toHtml(clean(''))).toBe('<article lang="und">\n</article>\n')
  })

  const hostileHtml = [
    '<p>Premier paragraphe <script>alert(1)</script>sur la panne de la messagerie.</p>',
    '<p>Une image <img src=x onerror=alert(1)> et un lien <a href="javascript:alert(1)" onclick="x()">piégé</a> dans le texte.</p>',
    '<p>Du texte qui montre du code : &lt;script&gt;alert(2)&lt;/script&gt; et &lt;img src=x onerror=alert(3)&gt;.</p>',
    '<p>Une injection d\'attribut " onmouseover="alert(4)" x=" et \' onfocus=\'alert(5)\' dans la phrase.</p>',
    '<p>Fin de texte &amp;lt;b&amp;gt; doublement encodé et un commentaire <!-- <script>x</script> --> ici.</p>',
    '<style>p { background: url(javascript:alert(6)) }</style><iframe src="javascript:alert(7)"></iframe>',
  ].join('\n')
  const hostileText = [
    '<script>alert(1)</script> écrit en clair dans un texte brut, sans balise réelle autour.',
    'Un attribut " onmouseover="alert(4)" et une balise </p><p onclick="x"> au milieu du texte.',
    '</article><article lang="xx" onload="y">Fermeture prématurée de l’élément article.',
  ].join('\n\n')

  it.each([
    ['HTML input with scripts, handlers and encoded markup', () => clean({ html: hostileHtml })],
    ['plain text holding markup', () => clean(hostileText, { format: 'text' })],
    ['a hand-built result with a hostile language tag', () =>
      result([paragraph(0, '<b>gras</b>', { language: 'en" onclick="x' })], { language: 'fr"><script>alert(1)</script>' })],
  ])('%s: the output holds only article and p elements, and no attribute but lang', (_, run) => {
    const r = run()
    const tree = parse(toHtml(r))
    const all = elements(tree)
    expect(all.length).toBeGreaterThan(1)
    expect(new Set(all.map((e) => e.tagName))).toEqual(new Set(['article', 'p']))
    expect(all.filter((e) => e.tagName === 'article')).toHaveLength(1)
    for (const element of all) expect(Object.keys(element.properties).filter((key) => key !== 'lang')).toEqual([])
    expect(tree.children.filter((node) => node.type === 'comment')).toEqual([])
    // What a browser shows is the kept text, character for character.
    expect(paragraphTexts(tree)).toEqual(r.text === '' ? [] : r.text.split('\n\n'))
  })

  it('keeps decoded markup as visible text, and drops real scripts', () => {
    const r = clean({ html: hostileHtml })
    const shown = paragraphTexts(parse(toHtml(r))).join('\n')
    expect(shown).toContain('<script>alert(2)</script>')
    expect(shown).not.toContain('alert(1)')
    expect(shown).not.toContain('alert(6)')
  })
})
