import type { Nodes, Root } from 'mdast'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { clean } from '../../src/clean.js'
import { toMarkdown } from '../../src/output/to-markdown.js'
import { markdownRenderers } from '../helpers/render-markdown.js'
import { paragraph, result } from '../helpers/results.js'

/** Parses Markdown (CommonMark) and returns the node types found and the text of each top-level paragraph. */
function read(markdown: string): { types: Set<string>; paragraphs: string[] } {
  const tree: Root = unified().use(remarkParse).parse(markdown)
  const types = new Set<string>()
  const text = (node: Nodes): string => {
    types.add(node.type)
    if (node.type === 'text') return node.value
    return 'children' in node ? node.children.map(text).join('') : ''
  }
  types.add('root')
  const paragraphs = tree.children.map(text)
  return { types, paragraphs }
}

const single = (text: string) => toMarkdown(result([paragraph(0, text)]))

describe('toMarkdown', () => {
  it('joins kept paragraphs with a blank line and ends with a newline', () => {
    const r = result([
      paragraph(0, 'Premier paragraphe.'),
      paragraph(1, 'Copie.', { duplicate: { kind: 'exact', of: 0, similarity: 1 } }),
      paragraph(2, 'Deuxième paragraphe.'),
    ])
    expect(toMarkdown(r)).toBe('Premier paragraphe.\n\nDeuxième paragraphe.\n')
  })

  it('gives "" for an empty article', () => {
    expect(toMarkdown(clean(''))).toBe('')
  })

  it.each([
    ['# at line start', '# Titre de la page', '\\# Titre de la page'],
    ['###### at line start', '###### six', '\\###### six'],
    ['# not followed by a space is no heading and is left', '#hashtag du jour', '#hashtag du jour'],
    ['emphasis stars', 'un *mot* en gras **fort**', 'un \\*mot\\* en gras \\*\\*fort\\*\\*'],
    ['underscores', 'snake_case et __gras__', 'snake\\_case et \\_\\_gras\\_\\_'],
    ['angle brackets', '<script>alert(1)</script>', '\\<script\\>alert(1)\\</script\\>'],
    ['link brackets', '[lien](http://exemple.fr) et ![image](x.png)', '\\[lien\\](http\\://exemple.fr) et !\\[image\\](x.png)'],
    ['backticks and backslashes', '`code` et C:\\dossier', '\\`code\\` et C:\\\\dossier'],
    ['a quote marker', '> cité', '\\> cité'],
    ['a list dash', '- tiret', '\\- tiret'],
    ['a list plus', '+ plus', '\\+ plus'],
    ['a numbered item with a dot', '2024. Une année record', '2024\\. Une année record'],
    ['a numbered item with a parenthesis', '1) un', '1\\) un'],
    ['pipes and tildes', 'a | b ~~c~~', 'a \\| b \\~\\~c\\~\\~'],
    ['ampersands', 'AT&T &amp;', 'AT\\&T \\&amp;'],
    ['a thematic break of hyphens', '---', '\\---'],
  ])('escapes %s', (_, text, expected) => {
    expect(single(text)).toBe(`${expected}\n`)
  })

  it.each([
    ['a heading', '# Titre de la page'],
    ['emphasis', 'un *mot* et _un autre_ et **fort**'],
    ['HTML', '<b>gras</b> <img src=x onerror=alert(1)>'],
    ['a link and an image', '[lien](http://exemple.fr) ![image](x.png)'],
    ['an autolink', '<https://exemple.fr>'],
    ['a block quote', '> une citation'],
    ['a list item', '- un élément'],
    ['a numbered item', '1. premier'],
    ['inline code', 'du `code` ici'],
    ['a star thematic break', '* * *'],
    ['an underscore thematic break', '___'],
  ])('renders %s as a plain paragraph with the text as written', (_, text) => {
    const { types, paragraphs } = read(single(text))
    expect([...types].sort()).toEqual(['paragraph', 'root', 'text'])
    expect(paragraphs).toEqual([text])
  })

  // BUG (src/output/to-markdown.ts, BLOCK_START): "---" (three or more hyphens, no space) is a
  // thematic break in CommonMark; `[-+=](?=\s|$)` does not match it, so the paragraph renders as
  // <hr> and its text is lost. Repro: toMarkdown(clean('---')) === '---\n'.
  it.each([['---'], ['-----'], ['--- ---']])('renders the paragraph %j as text, not a thematic break', (text) => {
    const { types, paragraphs } = read(single(text))
    expect([...types].sort()).toEqual(['paragraph', 'root', 'text'])
    expect(paragraphs).toEqual([text])
  })

  // BUG (src/output/to-markdown.ts, INLINE_SYNTAX): `&` is not escaped, so a paragraph holding an
  // entity-like string (a page quoting HTML source, "AT&amp;T") renders as the decoded character:
  // the Markdown does not show the text as written. Repro: toMarkdown(clean('AT&amp;T')) renders "AT&T".
  it.each([['AT&amp;T et &copy; 2024'], ['Le code &lt;script&gt; est affiché'], ['&#42;']])(
    'renders %j as written, entities included',
    (text) => {
      expect(read(single(text)).paragraphs).toEqual([text])
    },
  )

  it('renders hostile text from HTML input back to the same paragraphs, with no markup', () => {
    const r = clean({
      html: '<p># Titre *gras* _souligné_ [lien](x) <b>vrai gras</b></p><p>&lt;img src=x onerror=alert(1)&gt; 1. point</p>',
    })
    const { types, paragraphs } = read(toMarkdown(r))
    expect([...types].sort()).toEqual(['paragraph', 'root', 'text'])
    expect(paragraphs).toEqual(r.text.split('\n\n'))
  })
})

describe('toMarkdown with the Markdown source: headings and lists kept', () => {
  /** The blocks of a Markdown document: type (heading level, list kind) and text. */
  function blocks(markdown: string): string[] {
    const tree: Root = unified().use(remarkParse).parse(markdown)
    const text = (node: Nodes): string => (node.type === 'text' ? node.value : 'children' in node ? node.children.map(text).join('') : '')
    return tree.children.flatMap((node) => {
      if (node.type === 'heading') return [`h${node.depth} ${text(node)}`]
      if (node.type === 'list') return node.children.map((item) => `${node.ordered ? `ol(${node.start})` : 'ul'} ${text(item)}`)
      return [`${node.type} ${text(node)}`]
    })
  }

  const source = [
    '# Panne mondiale de *WhatsApp*',
    '',
    'Le service a été interrompu pendant deux heures mardi soir.',
    '',
    '## Ce que l’on sait',
    '',
    '- Les messages ne partaient plus',
    '* Les appels étaient coupés',
    '',
    '3. troisième point, numéroté',
    '4. quatrième point',
    '',
    'Titre souligné',
    '--------------',
    '',
    'Le service a été interrompu pendant deux heures mardi soir.',
    '',
  ].join('\n')

  it('writes headings (same level, setext too) and list items as such, repeats left out', () => {
    const r = clean({ markdown: source })
    const out = toMarkdown(r, { source })
    expect(blocks(out)).toEqual([
      'h1 Panne mondiale de WhatsApp',
      'paragraph Le service a été interrompu pendant deux heures mardi soir.',
      'h2 Ce que l’on sait',
      'ul Les messages ne partaient plus',
      'ul Les appels étaient coupés',
      'ol(3) troisième point, numéroté',
      'ol(3) quatrième point',
      'h2 Titre souligné',
    ])
  })

  it('still escapes the text: a heading or item creates no emphasis, link or HTML', () => {
    // Escaped in the source, so the cleaned text holds the characters themselves.
    const hostile = '## un \\*mot\\* et \\[lien\\](http://x.fr) \\<b>gras\\</b>\n\n- \\# pas un titre\n- 1\\. pas une liste\n'
    const out = toMarkdown(clean({ markdown: hostile }), { source: hostile })
    const { types } = read(out)
    expect([...types].filter((t) => !['root', 'heading', 'list', 'listItem', 'paragraph', 'text'].includes(t))).toEqual([])
    expect(blocks(out)).toEqual(['h2 un *mot* et [lien](http://x.fr) <b>gras</b>', 'ul # pas un titre', 'ul 1. pas une liste'])
  })

  it.each([
    ['an indented code block that reads `# …`', 'Les notes du jour suivent.\n\n    # Tuesday briefing notes\n'],
    ['a line behind a no-break space', 'Les notes du jour suivent.\n\n\u00a0# Not a heading here\n'],
    ['a line behind a zero-width space', 'Les notes du jour suivent.\n\n\u200b# Not a heading here\n'],
    ['a lazy line under a quote, then ===', '> The mayor spoke to reporters on Friday\n===\n'],
    ['a lazy line under a list item, then ===', '- The mayor spoke to reporters on Friday\n===\n'],
    ['an unclosed fence ending in ---', '```\nquoted code line\n---'],
  ])('writes no heading for a block that was none: %s', (_, markdown) => {
    const headings = (md: string): number => blocks(md).filter((b) => /^h\d /.test(b)).length
    expect(headings(markdown)).toBe(0)
    const r = clean({ markdown })
    expect(r.paragraphs.length).toBeGreaterThan(0)
    expect(headings(toMarkdown(r, { source: markdown }))).toBe(0)
  })

  it('keeps a heading ending in ` #` whole: the `#` is no closing sequence', () => {
    // Escaped in the source (a bare ` #` there is the source's own closing sequence).
    const markdown = '# Ten tips for programmers in C \\#\n\nThe tips follow, one by one, with examples.\n'
    expect(blocks(toMarkdown(clean({ markdown }), { source: markdown }))[0]).toBe('h1 Ten tips for programmers in C #')
  })

  it('without the source, every block is a paragraph (as before)', () => {
    const r = clean({ markdown: source })
    expect(blocks(toMarkdown(r)).every((b) => b.startsWith('paragraph '))).toBe(true)
  })
})

/** The text of a rendered single paragraph, or `null` when the renderer made anything but one `<p>` of text. */
function renderedText(html: string): string | null {
  const match = /^<p>([^<]*)<\/p>\n?$/.exec(html)
  if (match === null) return null
  return match[1]!.replace(/&(lt|gt|quot|amp|#39|#x27);/g, (_, name: string) => ({ lt: '<', gt: '>', quot: '"', amp: '&', '#39': "'", '#x27': "'" })[name]!)
}

describe('toMarkdown under CommonMark and GFM renderers', () => {
  const adversarial = [
    'Voir https://evil.example/x?a=1 et http://evil.example',
    'Visitez www.evil.example ou WWW.EVIL.EXAMPLE, ou xwww.evil.example',
    'Écrire à mail@evil.example ou à prénom.nom+tag@evil-site.example.',
    'mailto:mail@evil.example et xmpp:moi@evil.example/chat',
    'ftp://files.evil.example/a et (https://evil.example/paren)',
    '<https://evil.example> <mail@evil.example> <b>gras</b> <!-- commentaire -->',
    '[lien](https://evil.example) ![image](https://evil.example/x.png) [ref]: https://evil.example',
    '~~barré~~ *em* __fort__ `code` &lt;b&gt; &#60;script&#62;',
    '* point', '1. un', '# titre', '> citation', '| a | b |', '[^1] note',
  ]
  it.each(markdownRenderers)('%s renders each adversarial paragraph as one paragraph of its own text', (_, render) => {
    for (const text of adversarial) expect(renderedText(render(single(text)))).toBe(text)
  })

  it.each(markdownRenderers)('%s renders generated URL, e-mail and markup mixes as their own text', (_, render) => {
    const pieces = ['https', 'http', 'ftp', ':', '//', 'www', '.', '@', 'mail', 'evil', 'example', '/', '<', '>', '[', ']', '(', ')', '!', '*', '_', '~', '`', '&', '#', 'lt;', '|', '-', '+', '\\', '"', "'", 'é', '1']
    const text = fc
      .array(fc.oneof(fc.constantFrom(...pieces), fc.constant(' ')), { minLength: 1, maxLength: 24 })
      .map((parts) => parts.join('').replace(/\s+/g, ' ').trim())
      .filter((t) => t !== '')
    fc.assert(
      fc.property(text, (t) => {
        expect(renderedText(render(single(t)))).toBe(t)
      }),
      { seed: 20261201, numRuns: 500 },
    )
  })
})
