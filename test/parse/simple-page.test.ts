import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { buildHastBy } from '../../src/parse/build-hast.js'

/** The tree of `html` by the simple reader (when it takes the page) and by parse5 alone: the two must be the same, positions included. */
function bothWays(html: string): { reader: 'simple' | 'parse5'; simple: string; parse5: string; depths: [number, number] } {
  const simple = buildHastBy(html, true)
  const parse5 = buildHastBy(html, false)
  return { reader: simple.reader, simple: JSON.stringify(simple.tree), parse5: JSON.stringify(parse5.tree), depths: [simple.depth, parse5.depth] }
}

function expectSameTree(html: string): 'simple' | 'parse5' {
  const { reader, simple, parse5, depths } = bothWays(html)
  expect(simple).toBe(parse5)
  expect(depths[0]).toBe(depths[1])
  return reader
}

describe('readSimplePage: the tree parse5 builds, without parse5', () => {
  it.each([
    ['a whole page', '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>T &amp; t</title></head><body><article>\n<p>Un <b>deux</b> trois.</p>\n</article></body></html>'],
    ['a page on many lines, white space in and after the head and after the end', '<!doctype html>\n<html>\n<head>\n  <title>x</title>\n  <link rel="canonical" href="/a">\n</head>\n<body class="b">\n<h1>T</h1>\n<p>a</p>\n</body>\n</html>\n\n'],
    ['a fragment (quirks mode, html, head and body implied)', '  <p>Un</p>\n<p>Deux <a href="/x">lien</a></p>\n'],
    ['bare text', 'Un texte nu, sans balise.'],
    ['head content without a head tag', '<meta charset=utf-8>\n<title>t</title>\n<p>x</p>'],
    ['a head closed by the body content', '<html><head><title>t</title><p>x</p></html>'],
    ['a head closed by text', '<html><head><title>t</title>\n  Du texte.</html>'],
    ['no end tags for body and html', '<!DOCTYPE html><html><head></head><body><p>a</p>'],
    ['only the html end tag', '<!DOCTYPE html><html><body><p>a</p></html>'],
    ['lists, nested', '<ul><li>1</li><li>2<ol><li>2.1</li></ol></li></ul>'],
    ['void elements, with and without the slash', '<p>a<br>b<br/>c <img src="i.png" alt="A"> <wbr></p><hr><p>d</p>'],
    ['references in text and attributes', '<p title="a &amp; b &quot;c&quot;">Un&nbsp;&#233;&#x1F600;&lt;&gt;&apos; &amp; AT & T</p>'],
    ['attributes: quotes, none, bare, upper case, duplicates', '<p data-x=\'1\' id=u CLASS="a b" hidden class="ignored">t</p>'],
    ['comments in the head and body', '<html><head><!-- h --></head><body><div><!-- c --><p>b</p></div></body></html>'],
    ['code points past U+FFFF and lines (columns)', '<p>😀 un\n😀 deux</p>\n<p>𝒳 trois</p>'],
    ['text and a title that start with a reference', '<head><title>&amp; t</title></head><p><b>x</b>&amp; y</p><p>&#233;</p>'],
    ['headings and phrasing elements', '<h2>T <em>i</em></h2><p><q>c</q> <time datetime="2024-01-01">hier</time> <span><small>s</small></span></p>'],
  ])('%s', (_label, html) => {
    expect(expectSameTree(html)).toBe('simple')
  })

  it.each([
    ['a p closed by a block', '<p>a<div>b</div>'],
    ['a p never closed', '<p>a<p>b'],
    ['an li closed by the next', '<ul><li>a<li>b</ul>'],
    ['misnested formatting', '<p><b>a<i>b</b>c</i></p>'],
    ['a stray end tag', '<p>a</span></p>'],
    ['a script', '<p>a</p><script>var x = "<p>";</script>'],
    ['a table', '<table><tr><td>a</td></tr></table>'],
    ['a CR', '<p>a\r\nb</p>'],
    ['a reference without its semicolon', '<p>&copy 2024</p>'],
    ['a C1 numeric reference', '<p>&#128;</p>'],
    ['an unknown named reference', '<p>&eacute;</p>'],
    ['a lone <', '<p>a < b</p>'],
    ['text after the body', '<html><body><p>a</p></body></html>x'],
    ['a comment with -- inside', '<p>a<!-- x -- y --></p>'],
    ['an a inside an a', '<a href="1">x<a href="2">y</a></a>'],
    ['meta after the head', '<html><head></head><meta charset="utf-8"><body></body></html>'],
    ['an unquoted value with &', '<a href=a&b>x</a>'],
    ['a pre (its first line feed dropped)', '<pre>\nx</pre>'],
    ['text that starts with a reference before the body (parse5 starts its position after the reference)', ' &#233; x'],
  ])('leaves %s to parse5, which gives the same tree', (_label, html) => {
    expect(expectSameTree(html)).toBe('parse5')
  })

  // Generated pages: balanced trees of the elements the reader takes, with text, references,
  // attributes and comments, then as often one edit of what it does not take (an unclosed tag, a
  // stray end tag, a misnested pair, a CR, a reference it leaves, a table...). Whichever reader
  // builds a page, the tree is parse5's.
  it('builds the tree parse5 builds on generated pages, taken or not', () => {
    const text = fc.constantFrom('Un', ' deux ', 'trois.', '\n', '\t', ' ', '&amp;', '&nbsp;', '&#233;', '&#x1F600;', '😀', 'é', '&lt;b&gt;', 'AT & T', 'a&b;', '&copy', '&#0;', '&#x80;', '\u00a0', '\f', '>', '"', "'")
    const attribute = fc.constantFrom('', ' class="a"', " id='b'", ' data-x=1', ' hidden', ' title="a &amp; b"', ' CLASS="c"', ' class="x" class="y"', ' href="/a?b=1&c=2"', ' alt=""', ' lang="fr" ', ' a = "b"', '\nclass="x"\n', " data-y='a\nb'")
    const block = fc.constantFrom('p', 'div', 'section', 'article', 'blockquote', 'h2', 'h3', 'ul', 'li', 'figure', 'figcaption', 'header', 'footer', 'nav', 'aside', 'main', 'ol')
    const inline = fc.constantFrom('b', 'i', 'em', 'strong', 'a', 'span', 'small', 'code', 'q', 'time', 'sub', 'sup', 'u', 's', 'mark')
    const voids = fc.constantFrom('<br>', '<br/>', '<img src="x.png">', '<hr>', '<wbr>', '<meta itemprop="x" content="y">', '<link rel="x" href="y">')
    const { node } = fc.letrec<{ node: string }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        text,
        voids,
        fc.constant('<!-- note -->'),
        fc.tuple(block, attribute, fc.array(tie('node'), { maxLength: 4 }), fc.boolean()).map(([tag, attrs, children, upper]) => `<${upper ? tag.toUpperCase() : tag}${attrs}>${children.join('')}</${tag}${upper ? ' ' : ''}>`),
        fc.tuple(inline, attribute, fc.array(tie('node'), { maxLength: 3 })).map(([tag, attrs, children]) => `<${tag}${attrs}>${children.join('')}</${tag}>`),
      ),
    }))
    const frame = fc.constantFrom(
      (body: string) => body,
      (body: string) => `<!DOCTYPE html><html><head><meta charset="utf-8"><title>T</title></head><body>${body}</body></html>`,
      (body: string) => `<!doctype html>\n<html lang="fr">\n<head>\n<title>T &amp; t</title>\n</head>\n<body>\n${body}\n</body>\n</html>\n`,
      (body: string) => `<html><body>${body}`,
      (body: string) => `<head><title>t</title></head>${body}</html>`,
      (body: string) => `<!DOCTYPE html>${body}</body> \n`,
    )
    const edit = fc.constantFrom('', '', '', '<p>', '</p>', '</div>', '<li>', '</b>', '<b>', '\r\n', '\0', '<table>', '<script>x</script>', '&eacute;', '<', '</br>', '<!-- a -- b -->', '<title>t</title>', '<body>', 'x')
    let taken = 0
    let runs = 0
    fc.assert(
      fc.property(fc.array(node, { maxLength: 6 }), frame, edit, fc.nat(), (nodes, wrap, insert, at) => {
        const body = nodes.join('')
        const cut = body.length === 0 ? 0 : at % (body.length + 1)
        const html = wrap(body.slice(0, cut) + insert + body.slice(cut))
        runs++
        if (expectSameTree(html) === 'simple') taken++
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 1500), seed: process.env.PROPERTY_SEED === undefined ? undefined : Number(process.env.PROPERTY_SEED) },
    )
    // The reader took a good share of the pages, so the test held its trees too, not only parse5's.
    expect(taken).toBeGreaterThan(runs / 10)
  })
})
