import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { cleanWhitespace } from '../../src/parse/clean-whitespace.js'
import { MAX_HTML_DEPTH, MAX_TREE_DEPTH, parseHtml } from '../../src/parse/from-html.js'
import { textsOf } from './offsets.js'

/** Text of an HTML source range, to check offsets: the range parsed again. */
const render = (source: string): string => parseHtml(source).map((b) => b.text).join(' ')
const html = (input: string): string[] => textsOf(input, parseHtml(input), render)

describe('parseHtml: blocks', () => {
  it.each([
    ['paragraphs', '<p>One.</p><p>Two.</p>', ['One.', 'Two.']],
    ['headings', '<h1>Title</h1><h2>Sub</h2><h6>Small</h6><p>Body.</p>', ['Title', 'Sub', 'Small', 'Body.']],
    ['list items', '<ul><li>Apples</li><li>Pears</li></ul><ol><li>First</li></ol>', ['Apples', 'Pears', 'First']],
    ['table cells and caption', '<table><caption>Results</caption><tr><th>Name</th><td>Score</td></tr></table>', ['Results', 'Name', 'Score']],
    ['figcaption', '<figure><img src="a.jpg"><figcaption>A photo</figcaption></figure>', ['A photo']],
    ['pre', '<pre>line one\n   line two</pre>', ['line one line two']],
    ['definition list', '<dl><dt>Term</dt><dd>Meaning</dd></dl>', ['Term', 'Meaning']],
    ['div with direct text', '<div>Direct text <span>with</span> inline</div>', ['Direct text with inline']],
    ['div text around a nested block', '<div>Before <p>Inside</p> after</div>', ['Before', 'Inside', 'after']],
    ['section and article with text', '<article>Lead text<section>Section text</section></article>', ['Lead text', 'Section text']],
    ['body text outside any element', 'Loose text <b>bold</b> more', ['Loose text bold more']],
    ['adjacent inline elements get no space', '<p><b>Hel</b><i>lo</i> <a href="#">world</a>!</p>', ['Hello world!']],
    ['inline white space kept as one space', '<p>A\n   <em>b</em>\n\t c</p>', ['A b c']],
    ['single br is a space', '<p>line one<br>line two</p>', ['line one line two']],
    ['br br splits', '<p>First part<br><br>Second part</p>', ['First part', 'Second part']],
    ['br br with white space and comments between', '<div>One<br/>\n  <!-- x -->\n <br />Two<br>\n<br>\n<br>Three</div>', ['One', 'Two', 'Three']],
    ['br br inside inline elements', '<p><span>Alpha<br><br></span><b>Beta</b></p>', ['Alpha', 'Beta']],
    ['empty blocks dropped', '<p> </p><p>&nbsp;</p><div><span></span></div><p>Kept</p>', ['Kept']],
  ])('%s', (_name, input, expected) => {
    expect(html(input)).toEqual(expected)
  })

  it.each([
    ['blockquote of paragraphs', '<blockquote><p>Quote one.</p><p>Quote two.</p></blockquote>', ['Quote one.', 'Quote two.']],
    ['nested blockquotes', '<blockquote><blockquote><p>Deep.</p></blockquote><p>Shallow.</p></blockquote>', ['Deep.', 'Shallow.']],
    ['li holding a p', '<ul><li><p>Only once</p></li></ul>', ['Only once']],
    ['li with text and a nested list', '<ul><li>Parent<ul><li>Child</li></ul></li></ul>', ['Parent', 'Child']],
    ['td holding divs', '<table><tr><td><div>Cell A</div><div>Cell B</div></td></tr></table>', ['Cell A', 'Cell B']],
  ])('nesting: %s', (_name, input, expected) => {
    expect(html(input)).toEqual(expected)
  })
})

describe('parseHtml: dropped content', () => {
  it.each([
    ['script', '<p>Keep</p><script>var s = "<p>no</p>";</script>'],
    ['style', '<style>p { color: red }</style><p>Keep</p>'],
    ['comment', '<p>Keep</p><!-- <p>no</p> -->'],
    ['noscript', '<p>Keep</p><noscript><p>Enable JS</p></noscript>'],
    ['template', '<template><p>Template</p></template><p>Keep</p>'],
    ['iframe', '<iframe src="x">fallback</iframe><p>Keep</p>'],
    ['svg', '<svg><text>Chart label</text></svg><p>Keep</p>'],
    ['object', '<object data="x">Plugin</object><p>Keep</p>'],
    ['head and title', '<html><head><title>Page title</title><meta charset="utf-8"></head><body><p>Keep</p></body></html>'],
    ['hidden attribute', '<p hidden>Secret</p><div hidden><p>Also</p></div><p>Keep</p>'],
    ['display:none style', '<div style="display: none">Invisible</div><p>Keep</p>'],
  ])('%s', (_name, input) => {
    expect(html(input)).toEqual(['Keep'])
  })
})

describe('parseHtml: entities and characters', () => {
  it.each([
    ['named and numeric entities', '<p>Caf&eacute; &amp; th&#233; &#x2014; &lt;b&gt;</p>', ['Café & thé — <b>']],
    ['nbsp entity folded', '<p>10&nbsp;000&nbsp;&nbsp;euros</p>', ['10 000 euros']],
    ['zero-width and soft hyphen dropped', '<p>zero&#8203;width co&shy;operation</p>', ['zerowidth cooperation']],
    ['CJK text kept without spaces', '<p>中文<b>段落</b>。</p>', ['中文段落。']],
    ['right-to-left text', '<p dir="rtl">مرحبا <b>بالعالم</b></p>', ['مرحبا بالعالم']],
  ])('%s', (_name, input, expected) => {
    expect(html(input)).toEqual(expected)
  })
})

describe('parseHtml: offsets', () => {
  it('uses the element range for a whole block and text ranges for br pieces', () => {
    const input = '<body>\r\n<h1 class="t">Title &amp; more</h1>\n<p>A<br><br>  B  </p><div>Direct <i>x</i><p>In</p></div></body>'
    const blocks = parseHtml(input)
    expect(blocks.map((b) => input.slice(b.start, b.end))).toEqual([
      '<h1 class="t">Title &amp; more</h1>',
      'A',
      'B',
      'Direct <i>x',
      '<p>In</p>',
    ])
    expect(blocks.map((b) => b.text)).toEqual(['Title & more', 'A', 'B', 'Direct x', 'In'])
  })

  it('falls back to text ranges when elements are implied', () => {
    const input = '<table><tr><td>Cell</td></tr></table>Tail text'
    const blocks = parseHtml(input)
    expect(blocks.map((b) => input.slice(b.start, b.end))).toEqual(['<td>Cell</td>', 'Tail text'])
  })
})

describe('parseHtml: hostile input', () => {
  it.each([
    ['unclosed tags', '<p>One<p>Two<div>Three <b>bold <i>italic', ['One', 'Two', 'Three bold italic']],
    ['p inside p', '<p>Outer <p>Inner</p> tail</p>', ['Outer', 'Inner', 'tail']],
    ['script inside an attribute', '<p title="<script>alert(1)</script>">Safe</p><img alt="<p>x</p>" src=x onerror="alert(1)">', ['Safe']],
    ['stray closing tags', '</div></p>Text</span></li>', ['Text']],
    ['unclosed comment', '<p>Before</p><!-- never closed <p>hidden</p>', ['Before']],
    ['unclosed script', '<p>Before</p><script>document.write("<p>x</p>")', ['Before']],
    ['angle brackets in text', '<p>a < b > c <<>></p>', ['a < b > c <<>>']],
    ['escaped markup stays text', '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>', ['<script>alert(1)</script>']],
    ['null bytes (a broken tag stays text)', '<p>A\u0000B</p><\u0000div>C', ['AB', '<div>C']],
  ])('%s', (_name, input, expected) => {
    expect(html(input)).toEqual(expected)
  })

  it('never turns attribute values into elements', () => {
    const input = '<div data-x="<script>alert(1)</script><p>fake</p>"><p>Real</p></div><a href="javascript:\'<b>\'">Link</a>'
    const texts = html(input)
    expect(texts).toEqual(['Real', 'Link'])
    expect(texts.join(' ')).not.toMatch(/script|fake|alert/)
  })

  it('reads a tag name holding `.` or `#` as hast does (a selector), a `<template.x>` included', () => {
    expect(html('<template.x><p>Hidden</p></template.x><p.lead#top>Lead</p.lead#top><x.y>Inline</x.y>')).toEqual(['Lead', 'Inline'])
  })

  it('blanks out the tags nested deeper than MAX_HTML_DEPTH only in a page deeper than MAX_TREE_DEPTH, on any machine', () => {
    // `html` and `body` are two levels; each `<div>` is five characters.
    const nested = (divs: number): string => `${'<div>'.repeat(divs)}Deep`
    const deepest = MAX_TREE_DEPTH - 2
    expect(parseHtml(nested(deepest))).toEqual([{ text: 'Deep', start: 5 * (deepest - 1), end: 5 * deepest + 4 }])
    expect(parseHtml(nested(deepest + 1))).toEqual([{ text: 'Deep', start: 5 * (MAX_HTML_DEPTH - 1), end: 5 * (deepest + 1) + 4 }])
  })

  it('returns nothing for empty or markup-only input', () => {
    expect(parseHtml('')).toEqual([])
    expect(parseHtml('<html><head></head><body><script>x</script></body></html>')).toEqual([])
  })
})

const READABILITY = '/work/shared/datasets/readability-news-pages/readability_news_pages.jsonl'
const NEWSPAPER = '/work/shared/datasets/newspaper4k-testpages/newspaper4k_testpages.jsonl'

describe.skipIf(!existsSync(READABILITY) || !existsSync(NEWSPAPER))('parseHtml: real news pages', () => {
  it.each([
    [READABILITY, 0.98],
    [NEWSPAPER, 0.95],
  ])('finds the expected paragraphs of %s among its blocks', (file, minShare) => {
    let expected = 0
    let found = 0
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (line.trim() === '') continue
      const page = JSON.parse(line) as { html: string | null; paragraphs: string[] }
      if (page.html === null) continue
      const blocks = parseHtml(page.html)
      textsOf(page.html, blocks, render)
      const texts = new Set(blocks.map((b) => b.text))
      for (const p of page.paragraphs) {
        const want = cleanWhitespace(p)
        if (want === '') continue
        expected++
        if (texts.has(want)) found++
      }
    }
    expect(expected).toBeGreaterThan(100)
    expect(found / expected).toBeGreaterThanOrEqual(minShare)
  })
})
