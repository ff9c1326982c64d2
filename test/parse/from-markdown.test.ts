import { describe, expect, it } from 'vitest'
import { parseMarkdown } from '../../src/parse/from-markdown.js'
import { textsOf } from './offsets.js'

/** Rough rendering of a Markdown source range, to check offsets: markers and tags removed. */
const render = (source: string): string => source.replace(/<[^>]*>|[*_`#>[\]]/g, '').replace(/&amp;/g, '&')
const md = (input: string): string[] => textsOf(input, parseMarkdown(input), render)

describe('parseMarkdown', () => {
  it.each([
    ['paragraphs', 'First paragraph\nwith a soft break.\n\nSecond one.', ['First paragraph with a soft break.', 'Second one.']],
    ['ATX and setext headings', '# Title\n\nSubtitle\n--------\n\n### Small *one* ###\n\nBody.', ['Title', 'Subtitle', 'Small one', 'Body.']],
    ['bullet and ordered lists', '- Apples\n- Pears\n\n1. First\n2. Second', ['Apples', 'Pears', 'First', 'Second']],
    ['loose list item with two paragraphs', '- Item one\n\n  continued\n- Item two', ['Item one', 'continued', 'Item two']],
    ['nested list', '- Parent\n  - Child *em*', ['Parent', 'Child em']],
    ['emphasis and strong', 'Some *em*, _em_, **strong** and ***both***.', ['Some em, em, strong and both.']],
    ['links to their text', 'See [the report](https://example.com "t") and <https://x.org>.', ['See the report and https://x.org.']],
    ['reference links', 'Read [this][ref].\n\n[ref]: https://example.com', ['Read this.']],
    ['images dropped', 'Photo ![a cat](cat.jpg) here.', ['Photo here.']],
    ['inline code', 'Run `npm test` now.', ['Run npm test now.']],
    ['fenced code block', '```js\nconst a = 1\nconst b = 2\n```', ['const a = 1 const b = 2']],
    ['indented code block', 'Text.\n\n    indented code\n', ['Text.', 'indented code']],
    ['blockquote paragraphs', '> Quoted one.\n>\n> Quoted two.', ['Quoted one.', 'Quoted two.']],
    ['nested blockquote', '> Outer\n>\n> > Inner', ['Outer', 'Inner']],
    ['hard break is a space', 'Line one  \nline two\\\nline three', ['Line one line two line three']],
    ['inline html tags dropped', 'A <b>bold</b> word<br>next', ['A bold word next']],
    ['html block to text', '<div class="x">\n<p>Para <em>one</em></p>\n<script>no()</script>\n</div>', ['Para one']],
    ['thematic break dropped', 'Above.\n\n***\n\nBelow.', ['Above.', 'Below.']],
    ['table without GFM is paragraph text', '| a | b |\n|---|---|\n| 1 | 2 |', ['| a | b | |---|---| | 1 | 2 |']],
    ['entities decoded', 'Caf&eacute; &amp; th&#233;', ['Café & thé']],
    ['CJK soft break joined without a space', '中文第一行\n第二行。', ['中文第一行第二行。']],
    ['empty input', '', []],
  ])('%s', (_name, input, expected) => {
    expect(md(input)).toEqual(expected)
  })

  it('gives offsets into the original string (BOM, CRLF)', () => {
    const input = '\uFEFF# Title\r\n\r\n> Quote *one*\r\n> two\r\n\r\n- item\r\n'
    const blocks = parseMarkdown(input)
    expect(blocks.map((b) => input.slice(b.start, b.end))).toEqual(['# Title', 'Quote *one*\r\n> two', 'item'])
    expect(blocks.map((b) => b.text)).toEqual(['Title', 'Quote one two', 'item'])
  })

  it('maps the offsets of html blocks into the input', () => {
    const input = 'Intro.\n\n<div>\n<p>First</p>\n<p>Second</p>\n</div>\n'
    const blocks = parseMarkdown(input)
    expect(blocks.map((b) => input.slice(b.start, b.end))).toEqual(['Intro.', '<p>First</p>', '<p>Second</p>'])
  })

  it('survives deeply nested block quotes', () => {
    const input = '>'.repeat(2000) + ' deep'
    expect(md(input)).toEqual(['deep'])
  })
})
