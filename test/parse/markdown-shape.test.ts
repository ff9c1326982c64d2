import { describe, expect, it } from 'vitest'
import { clean } from '../../src/clean.js'
import { parseMarkdown } from '../../src/parse/from-markdown.js'
import { blankContainerPrefixes, MAX_CONTAINER_MARKERS, MAX_DELIMITER_RUN, MAX_MARKDOWN_LENGTH, MAX_PREFIX_COLUMNS, markdownShapeProblem } from '../../src/parse/markdown-shape.js'
import type { Warning } from '../../src/types.js'

const deepeningLists = (lines: number): string => Array.from({ length: lines }, (_, d) => `${'  '.repeat(d)}- item ${d}`).join('\n')

describe('markdownShapeProblem', () => {
  it.each([
    ['a line of `- - - …`', '- '.repeat(MAX_CONTAINER_MARKERS + 1), /nested blocks/],
    ['a run of `>`', `${'>'.repeat(MAX_CONTAINER_MARKERS + 1)} deep`, /nested blocks/],
    ['ordered markers on one line', `${'1. '.repeat(MAX_CONTAINER_MARKERS + 1)}x`, /nested blocks/],
    ['lists one level deeper each line', deepeningLists(MAX_PREFIX_COLUMNS / 2 + 2), /columns deep/],
    ['stars around a word', `${'*'.repeat(MAX_DELIMITER_RUN + 1)}mot${'*'.repeat(MAX_DELIMITER_RUN + 1)}`, /run of over 256 '\*'/],
    ['open brackets', `texte ${'['.repeat(MAX_DELIMITER_RUN + 1)}`, /run of over 256 '\['/],
    ['too long', 'a'.repeat(MAX_MARKDOWN_LENGTH + 1), /characters long/],
  ])('refuses %s', (_, input, reason) => {
    expect(markdownShapeProblem(input)).toMatch(reason)
  })

  it.each([
    ['an article', '# Titre\n\nUn paragraphe *important* et [un lien](https://x.fr).\n\n> Une citation\n> > imbriquée\n\n- un\n  - deux\n    1. trois\n'],
    ['an 80-star rule and a long code line', `Avant.\n\n${'*'.repeat(80)}\n\n    ${'x'.repeat(10_000)}\n`],
    ['nesting at the limits', `${'> '.repeat(MAX_CONTAINER_MARKERS)}ok\n${' '.repeat(MAX_PREFIX_COLUMNS)}- ok\n${'_'.repeat(MAX_DELIMITER_RUN)}`],
  ])('accepts %s', (_, input) => {
    expect(markdownShapeProblem(input)).toBeNull()
  })

  it('blanks container markers one character for one', () => {
    const input = '> > quoted\n- item\n  12. numbered\nplain - text > here\n'
    const blanked = blankContainerPrefixes(input)
    expect(blanked).toBe('    quoted\n  item\n      numbered\nplain - text > here\n')
    expect(blanked.length).toBe(input.length)
  })
})

describe('Markdown past the limits', () => {
  it('is read as plain text, markers blanked, with a warning', () => {
    const input = `${'>'.repeat(5000)} profond\n\nSuite du texte.`
    const warnings: Warning[] = []
    const blocks = parseMarkdown(input, warnings)
    expect(blocks.map((b) => b.text)).toEqual(['profond', 'Suite du texte.'])
    expect(blocks.map((b) => input.slice(b.start, b.end))).toEqual(['profond', 'Suite du texte.'])
    expect(warnings).toEqual([{ code: 'markdown-as-text', message: expect.stringMatching(/^Read as plain text, not Markdown: line 1 opens 5000 nested blocks/) }])
  })

  it('puts the warning in the clean() result, and no warnings field otherwise', () => {
    const hostile = clean({ markdown: `- ${'- '.repeat(20_000)}x\n\nUn paragraphe ordinaire.` })
    expect(hostile.warnings?.map((w) => w.code)).toEqual(['markdown-as-text'])
    expect(hostile.paragraphs.map((p) => p.text)).toEqual(['x', 'Un paragraphe ordinaire.'])
    expect('warnings' in clean({ markdown: 'Un *paragraphe* ordinaire.' })).toBe(false)
  })
})
