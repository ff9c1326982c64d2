import fc from 'fast-check'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { describe, expect, it } from 'vitest'
import { parseMarkdown } from '../../src/parse/from-markdown.js'
import { fromMdast } from '../../src/parse/from-mdast.js'
import { MAX_PART_DELIMITERS, MAX_PART_LINES, markdownPieces } from '../../src/parse/markdown-parts.js'
import type { SourceBlock, Warning } from '../../src/types.js'

/** Our own lines of every kind of block, each as a document may hold it. */
const LINES = [
  'Un paragraphe *important* avec [un lien](https://x.fr) et `du code`.',
  'la suite du paragraphe, sur une autre ligne',
  '**Gras** et _italique_ dans une phrase.',
  'Voir [la référence][ref] et [Direct] plus bas.',
  '# Titre',
  '## Sous-titre ##',
  '===',
  '---',
  '***',
  '- - -',
  '- un élément',
  '* un autre',
  '+ encore un',
  '-',
  '1. premier',
  '2. second',
  '3) troisième',
  '1986. Une année',
  '  - imbriqué',
  '  suite indentée',
  '    code indenté',
  '> une citation',
  '> > imbriquée',
  '>',
  '```',
  '```js',
  '~~~',
  '    ```',
  'appel(); // *pas* une emphase',
  '<div>',
  '</div>',
  '<!-- un commentaire',
  'fin du commentaire -->',
  '<script>',
  '</script>',
  '<pre>',
  '</pre>',
  '<p>Un paragraphe <b>HTML</b>.</p>',
  '[ref]: https://ref.example "Titre"',
  '[direct]: https://direct.example',
  '> # titre cité',
  '> ```',
  '  ```',
  '- # titre dans un élément',
  '<custom-tag>',
  '<b>gras</b> en tête de ligne',
  '<div class="x">du HTML</div>',
  '1.',
  '10) dix',
  '\tcode tabulé',
  '> [cité]: /c',
  '[SS]: /s "Titre"',
  'Voir [ß], [Cité] et [ref].',
  '',
  '',
  '',
]

const document = fc.array(fc.constantFrom(...LINES), { minLength: 1, maxLength: 50 }).map((lines) => lines.join('\n'))

/** The blocks of `input` parsed as one document. */
function parsedWhole(input: string): SourceBlock[] {
  return [...fromMdast(unified().use(remarkParse).parse(input), { input })]
    .filter((b) => b.start >= 0)
    .map((b) => (b.heading ? { text: b.text, start: b.start, end: b.end, heading: true as const } : { text: b.text, start: b.start, end: b.end }))
}

describe('markdownPieces', () => {
  it('cuts a document where each piece parses alone as it parses in the document', () => {
    fc.assert(
      fc.property(document, (input) => {
        const warnings: Warning[] = []
        expect(parseMarkdown(input, warnings, { lines: Number.POSITIVE_INFINITY, delimiters: Number.POSITIVE_INFINITY, together: false })).toEqual(parsedWhole(input))
        expect(warnings).toEqual([])
      }),
      { seed: Number(process.env.PROPERTY_SEED ?? 20261202), numRuns: Number(process.env.PROPERTY_RUNS ?? 600) },
    )
  })

  it('covers the input, in order, with pieces that start where a line starts', () => {
    fc.assert(
      fc.property(document, (input) => {
        const pieces = markdownPieces(input)
        expect(pieces[0]!.start).toBe(0)
        expect(pieces.at(-1)!.end).toBe(input.length)
        for (let k = 1; k < pieces.length; k++) {
          expect(pieces[k]!.start).toBe(pieces[k - 1]!.end)
          expect(input[pieces[k]!.start - 1]).toBe('\n')
        }
      }),
      { seed: 20261202, numRuns: 300 },
    )
  })

  it('reads lines of millions of markers without overflowing the stack (the rules read a line\'s start)', () => {
    // 5 M characters: a rule's regular expression over the whole line overflowed V8's backtracking stack there.
    for (const line of ['- '.repeat(2_600_000), `${'* '.repeat(2_600_000)}mot`, `${'> '.repeat(2_600_000)}texte`]) {
      const pieces = markdownPieces(`${line}\n\nAprès.`)
      expect(pieces.map((p) => p.start)).toEqual([0, line.length + 2])
    }
  })

  it('cuts a long tight list between its items, and never inside a fenced code block', () => {
    const list = Array.from({ length: 1000 }, (_, k) => `- élément ${k}`).join('\n')
    expect(markdownPieces(list)).toHaveLength(1000)
    const fenced = `\`\`\`\n${Array.from({ length: 100 }, (_, k) => `- ${k}\n\n# ${k}`).join('\n')}\n\`\`\`\nAprès.`
    expect(markdownPieces(fenced)).toHaveLength(1)
  })
})

describe('parseMarkdown in parts', () => {
  it('reads a long document as one document would, the parts put together up to the limits', () => {
    const paragraphs = Array.from({ length: 400 }, (_, k) => `Paragraphe ${k} avec *un mot* et [un lien](https://x.fr/${k}).\n\n- un élément ${k}\n- un autre ${k}\n\n> une citation ${k}\n> qui continue`)
    const input = `${paragraphs.join('\n\n')}\n\n[ref]: https://ref.example\n`
    const warnings: Warning[] = []
    expect(parseMarkdown(input, warnings)).toEqual(parsedWhole(input))
    expect(warnings).toEqual([])
  })

  it('reads only the part past the limits as plain text, and says where', () => {
    const setext = 'a\n=\n'.repeat(MAX_PART_LINES)
    const stars = '*a_ '.repeat(MAX_PART_DELIMITERS)
    const input = `Avant, en *Markdown*.\n\n${setext}\n${stars}\n\nAprès, en *Markdown*.`
    const warnings: Warning[] = []
    const texts = parseMarkdown(input, warnings).map((b) => b.text)
    expect(texts[0]).toBe('Avant, en Markdown.')
    expect(texts.at(-1)).toBe('Après, en Markdown.')
    expect(texts).toContain(stars.trim())
    expect(warnings).toEqual([{ code: 'markdown-as-text', message: expect.stringMatching(/^Read as plain text, not Markdown: from line 3, 513 lines with no place to break them, over 256 \(and 1 more part\)$/) }])
  })
})

describe('parseMarkdown in parts: link reference definitions', () => {
  it.each([
    ['a label folded as micromark folds it', '[SS]: /a\n\n[ß]\n'],
    ['a no-break space in a label', '[\u00a0foo]: /a\n\n[foo]: /b\n\n[foo]\n'],
    ['a label over two lines of a quote', '[foo bar]: /u\n\n> [foo\n> bar]\n'],
    ['a definition whose label runs over two lines', '[foo\nbar]: /u\n\n[foo bar]\n'],
    ['an escaped bracket in a label', '[a\\]b]: /u\n\n[a\\]b]\n'],
    ['a definition inside a quote, over two lines', '> [foo]:\n> /url "t"\n\n[foo]\n'],
    ['a destination and title with punctuation', '[x]: </u?a=1&amp;b> "say \\"hi\\""\n\n[x]\n'],
  ])('gives the whole document\'s blocks with %s', (_, input) => {
    const warnings: Warning[] = []
    expect(parseMarkdown(input, warnings, { lines: Number.POSITIVE_INFINITY, delimiters: Number.POSITIVE_INFINITY, together: false })).toEqual(parsedWhole(input))
    expect(warnings).toEqual([])
  })

  it('gives them with many definitions too (past what is carried whole, labels matched)', () => {
    const defs = Array.from({ length: 400 }, (_, k) => `[lien ${k}]: https://x.example/${k}`).join('\n\n')
    const input = `${Array.from({ length: 300 }, (_, k) => `Voir [le lien][LIEN ${k}] et [lien\n${k + 1}].`).join('\n\n')}\n\n${defs}\n`
    expect(parseMarkdown(input, [])).toEqual(parsedWhole(input))
  })
})
