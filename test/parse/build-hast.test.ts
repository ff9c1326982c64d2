import fc from 'fast-check'
import rehypeParse from 'rehype-parse'
import { unified } from 'unified'
import { describe, expect, it } from 'vitest'
import type { Element, Root, RootContent } from 'hast'
import { buildHast, readsTextByRuns } from '../../src/parse/build-hast.js'
import { unreadAttributes } from '../../src/parse/element-attributes.js'
import { isHidden } from '../../src/parse/html-elements.js'
import { exposedGc } from '../helpers/collect-garbage.js'

const rehype = unified().use(rehypeParse).freeze()

/**
 * A tree as JSON with sorted keys and without the roots' positions (which `buildHast` leaves
 * out on purpose), so that two trees compare by content.
 */
function canonical(tree: unknown): string {
  return JSON.stringify(tree, (_key, value: unknown) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return value
    const record = value as Record<string, unknown>
    const sorted: Record<string, unknown> = {}
    for (const key of Object.keys(record).sort()) if (!(record.type === 'root' && key === 'position')) sorted[key] = record[key]
    return sorted
  })
}

const sameAsRehype = (html: string): void => {
  expect(canonical(buildHast(html).tree)).toBe(canonical(rehype.parse(html)))
}

describe('buildHast: the tree rehype-parse gives', () => {
  it.each([
    ['a plain page', '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>T</title></head><body><p>Un <b>deux</b> trois.</p></body></html>'],
    ['implied html, head and body (no positions)', 'Texte nu.<p>Para</p>'],
    ['unclosed elements, ended where their content ends (not after a stray end tag)', '<div><p>Un<p>Deux</span><li>A<li>B</em><td>c<b>gras<i>italique'],
    ['text merged from many character tokens, entities, CRLF', '<p>Caf&eacute; &amp; cr&egrave;me\r\n sur  deux\r\nlignes &#x1F600; &notanentity; 😀</p>'],
    ['foster parenting', '<table><tr><td>A</td></tr>hors<p>p</p><tr><td>B</td></table>fin'],
    ['the adoption agency', '<p>Un <b>gras <i>mêlé</b> fin</i>.</p><b><div>Bloc</b> reste</div><a href="#x"><div>lien</a>suite</div>'],
    ['templates and foreign content', '<template id="t"><p>Jamais</p></template><svg viewBox="0 0 1 1"><foreignObject><p>x</p></foreignObject><title>i</title></svg><math><mi>x</mi></math>'],
    ['attributes of every kind', '<div class=" a  b\tc " id="m" role="main x" itemprop="a b" rel="author" hidden data-foo-bar="1" aria-hidden="true"><td colspan="02" rowspan="x" headers="a b">t</td><input type="checkbox" checked="CHECKED" value="v"><img srcset="a.png 1x, b.png 2x" alt=""></div>'],
    ['attribute names like Object.prototype members, integer-like names, classname beside class', '<div constructor="1" tostring="2" __proto__="3" 2="b" 10="c" classname="d" class="e">x</div>'],
    ['tag names read as selectors', '<p.a#b.c class="d" id="e">x</p.a#b.c><x.y>z</x.y>'],
    ['a second html and body tag adding attributes', '<html lang="fr"><body class="a"><p>x</p><html dir="ltr" lang="en"><body id="b" class="c">'],
    ['comments, a doctype, raw text, the end of the input inside a tag', '<!DOCTYPE html><!-- c --><script>if (a < b) {}</script><style>p{}</style><textarea><b>t</b></textarea><p>x</p><div class="x'],
    ['quirks mode', '<html><body><p>no doctype</p>'],
  ])('%s', (_name, html) => sameAsRehype(html))

  it('gives the same tree as rehype-parse on generated markup', () => {
    const tag = fc.constantFrom('p', 'div', 'b', 'i', 'a', 'span', 'li', 'ul', 'table', 'tr', 'td', 'h1', 'br', 'noscript', 'template', 'svg', 'select', 'option', 'pre', 'html', 'body', 'head', 'title', 'form')
    const attribute = fc.tuple(fc.constantFrom('class', 'id', 'hidden', 'style', 'rel', 'colspan', 'href', 'data-x', 'lang', 'type'), fc.constantFrom('', 'a b', ' x ', '2', 'display:none', '#top', 'hidden'))
    const piece = fc.oneof(
      fc.tuple(tag, fc.array(attribute, { maxLength: 2 })).map(([name, attrs]) => `<${name}${attrs.map(([k, v]) => ` ${k}="${v}"`).join('')}>`),
      tag.map((name) => `</${name}>`),
      fc.constantFrom('mot', ' ', '\n', '  deux mots ', '&amp;', '&eacute;', '<!-- c -->', '\r\n', 'é', '😀', '<', '&'),
    )
    fc.assert(fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => sameAsRehype(pieces.join(''))), { numRuns: 300 })
  })

  // Text, attribute values and comments read by runs (words and spaces as one token where parse5's tree builder treats them
  // alike): the elements that change how white space is read (a leading newline dropped after
  // `pre`/`textarea`/`listing`, table text, foreign content, frameset, raw text), and every kind of
  // white space, NUL, references that decode to white space, lone surrogates, line breaks. (Foreign
  // content as MathML: inside `<svg>`, hast's tag names differ on purpose, see build-hast.ts.)
  it('gives the same tree as rehype-parse on text around the elements that read white space apart', () => {
    const tag = fc.constantFrom(
      'pre', 'textarea', 'listing', 'title', 'table', 'caption', 'colgroup', 'col', 'tbody', 'tr', 'td', 'select', 'option', 'frameset', 'frame',
      'math', 'mi', 'mtext', 'annotation-xml', 'template', 'style', 'script', 'xmp', 'plaintext', 'p', 'b', 'body', 'html', 'head', 'noscript',
    )
    const piece = fc.oneof(
      tag.map((name) => `<${name}>`),
      tag.map((name) => `</${name}>`),
      fc.constantFrom('mot', ' ', '  ', '\t', '\f', '\n', '\r', '\r\n', '\0', 'a\0b', '&#32;', '&#9;', '&#10;', '&#13;', '&nbsp;', '&amp', 'x\u00a0y', '\ud800', '😀', '</x>', '</', '<3', '<!-- -->', 'é è', ' fin. '),
      // Attribute values and comments are read by runs too; names around them in either case.
      fc.constantFrom('<DIV CLASS="x" dAtA-Y=1>', '<p a-b_c.d:e="1" a"b=2 a<c>', '<img/src=x>', '<x-y-Z>', '</P >', '<TD>', '<p\0q x\0y=1>', '<p\r\nclass=a>', '<p 😀=1 a=1 a=2>'),
      fc.constantFrom('<p title="a b &amp; c\nd\r\ne">', "<p t='x \"y\" é\t&lt;'>", '<p t="a\0b 😀', '<!-- a - b -- c \n d -->', '<!-- <!-- x', '<script>a < b && c</script>', '<style>p { } &amp;</style>'),
    )
    fc.assert(fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => sameAsRehype(pieces.join(''))), { numRuns: 500 })
  })

  it.each([
    ['a page of words and spaces, over several lines', `<!doctype html><body><p>${'Un mot, puis\tun autre\fet\u00a0encore '.repeat(40)}\n${'ligne suivante '.repeat(20)}</p>\n  <p>fin</p>`],
    ['a leading newline dropped after pre, textarea and listing, and not after a word', '<pre>\nun\n deux</pre><textarea>\n\ntexte  libre</textarea><listing>\r\n x</listing><pre>a\nb</pre>'],
    ['white space in table text and after the body', '<table> <tr> x <td> a  b </td> </tr> y </table>  </body>  z  </html> \n '],
    ['frameset after white space only, and after text', '<html><body> \n <frameset><frame></frameset>'],
    ['text longer than parse5 keeps in its buffer', `<p>${'mot '.repeat(40_000)}</p><p>${'x'.repeat(70_000)} fin</p>`],
  ])('%s', (_name, html) => sameAsRehype(html))
})

describe('buildHast: tag and attribute names read by runs', () => {
  const many = (count: number, distinct: number): string => Array.from({ length: count }, (_, k) => `a${k % distinct}="${k}"`).join(' ')
  it.each([
    ['names in upper and mixed case', '<DIV CLASS="a" Data-Foo-BAR="b" iD=c><SPAN>x</SPAN></Div><svg VIEWBOX="0 0 1 1"><foreignobject>y</FOREIGNOBJECT></svg>'],
    ['digits, `-`, `_`, `:`, `.` in names', '<h2 data-x1:y_z.w="1" a-b_c:d.e=2 xml:lang="fr" x1=3>t</h2><custom-el_1 z9=4>u</custom-el_1>'],
    ['NUL in tag and attribute names', '<p\0q a\0b="1" \0=2>x</p\0q><b\0>y</b\0>'],
    ['quotes and `<` inside attribute names, `=` first', '<p a"b=1 c\'d=2 e<f=3 =g h=>x</p>'],
    ['duplicate attributes: the first one is kept, in any case', '<p id="a" ID="b" class="c" Class="d" id=e id="f">x</p><p a=1 a="2" b="3" b=4>y</p>'],
    ['attribute values in double quotes next to what parse5 reads apart', '<p a="" b="x"c="y"/d="&amp;" e="\0" f="é😀" g="\n" h="12345678901234567890" i="\'">x</p><p j="k'],
    ['more attributes than parse5 scans for duplicates', `<p ${many(70, 66)}>x</p><i ${many(64, 64)} a0=z a64=y>y</i>`],
    ['attributes without a value, before `/>` and `>`', '<input disabled checked><img src=x alt/><br/><p hidden/>x</p><hr foo >'],
    ['CR and LF inside tags', '<p\r\nclass="a"\r\n\r\nid=b\nlang=fr\r>x</p\r\n><div\n\tdata-x="1"\n>y</div\n>'],
    ['non-ASCII names', '<é-ü ñ=1 日本="2" 😀=3 a😀b=4>x</é-ü><p\u00c9=5 z\u0130=6>y</p>'],
    ['end tags with attributes and white space', '<p>x</p class="a" id><div>y</DIV \t\f>'],
    ['a tag name cut by the end of the input', '<p>x</p><di'],
    ['an attribute name cut by the end of the input', '<p>x</p><div cla'],
    ['an end tag cut by the end of the input', '<p>x</p'],
    ['a self-closing tag cut by the end of the input', '<p>x<br/'],
  ])('%s', (_name, html) => sameAsRehype(html))

  it('gives the same tree as rehype-parse on generated tags', () => {
    // Names and the white space between attributes from code units that parse5 reads apart. (No
    // `<svg>`: inside it hast's tag names differ from parse5's on purpose, see build-hast.ts.)
    const unit = fc.constantFrom('a', 'z', 'A', 'Z', '0', '9', '-', '_', ':', '.', '\0', '"', "'", '<', 'é', '😀', '\ud800', 'İ')
    const name = fc.tuple(fc.constantFrom('p', 'div', 'b', 'x', 'A', 'Td', 'math', 'h1'), fc.array(unit, { maxLength: 6 })).map(([first, rest]) => first + rest.join(''))
    const space = fc.constantFrom(' ', '  ', '\t', '\n', '\r', '\r\n', '\f', '/', ' / ')
    const value = fc.constantFrom('', '=', '=1', '="a b"', "='c'", '=d&amp;e', '= "f"')
    const attribute = fc.tuple(space, fc.array(unit, { minLength: 1, maxLength: 8 }), value).map(([before, units, v]) => before + units.join('') + v)
    const tag = fc.tuple(fc.boolean(), name, fc.array(attribute, { maxLength: 4 }), fc.constantFrom('>', '/>', ' >', '\n>', ''))
      .map(([end, tagName, attrs, close]) => `<${end ? '/' : ''}${tagName}${attrs.join('')}${close}`)
    const piece = fc.oneof(tag, fc.constantFrom('text', ' ', '\n', 'é'))
    fc.assert(fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => sameAsRehype(pieces.join(''))), { numRuns: 500 })
  })
})

describe('buildHast: the tokenizer that reads text by runs', () => {
  it('is the one in use with the installed parse5 (its self-check passes)', () => {
    // Should a parse5 update change the internals it extends, pages still parse right (parse5's
    // own tokenizer) but about twice as slowly: this test says so.
    expect(readsTextByRuns()).toBe(true)
  })

  // One parser parses page after page (reset between two): nothing a page leaves open reaches the next.
  it('gives a page the tree rehype-parse gives, whatever the page before it left open', () => {
    const leftOpen = [
      '<body><form><b><i><table><tr><td><template><svg><desc><p title="x &am',
      '<p>x<table> a <tr><td>b</td></tr> c <!-- d',
      '<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01//EN"><pre>',
      '<frameset><frame>',
      '<script>if (a < b) { "</scr',
      '<p>x</p><math><mi>y',
    ]
    const pages = ['<!doctype html><p>Un <b>deux</b></p>', '\n<pre>\nligne</pre><form><input name="q"></form>', '<div><frameset><frame></frameset>', '<table>t<tr><td>c</td></tr></table>', '<p>&amp; fin']
    for (const before of leftOpen) {
      for (const page of pages) {
        buildHast(before)
        sameAsRehype(page)
      }
    }
  })
})

// The reused parser holds nothing of a page once the next begins: parse5 keeps an
// `<annotation-xml>` left open at the end of the input in a map it makes on first use.
describe('buildHast: memory between pages', () => {
  it('keeps no tree of a page alive once the next page is parsed', async () => {
    const gc = await exposedGc()
    const refs = ['<p>x<math><annotation-xml encoding="text/html"><p>y', '<table><tr><td><template><svg><desc><b>z', '<form><b><i>w &am'].map((page) => new WeakRef(buildHast(page).tree))
    buildHast('<p>next</p>')
    let alive = refs.length
    for (let attempt = 0; attempt < 20 && alive > 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 10))
      gc()
      alive = refs.filter((ref) => ref.deref() !== undefined).length
    }
    expect(alive).toBe(0)
  })
})

describe('buildHast: depth', () => {
  it('counts the elements on the longest path', () => {
    expect(buildHast('<p>x</p>').depth).toBe(3) // html, body, p
    expect(buildHast(`${'<div>'.repeat(50)}x`).depth).toBe(52)
  })

  // Most pages' depth is counted as parse5 places elements; pages where it moves them (the
  // adoption agency, a frameset's body) or with template contents are walked instead.
  it('counts the tree as built, when parse5 moved nodes and inside templates', () => {
    const tag = fc.constantFrom('p', 'div', 'b', 'i', 'a', 'table', 'tr', 'td', 'li', 'template', 'frameset', 'body', 'select', 'option', 'svg', 'nobr')
    const piece = fc.oneof(tag.map((name) => `<${name}>`), tag.map((name) => `</${name}>`), fc.constantFrom('x', ' '))
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const { tree, depth } = buildHast(pieces.join(''))
        expect(depth).toBe(deepest(tree))
      }),
      { numRuns: 400 },
    )
    expect(buildHast('<template><div><p>x</p></div></template>').depth).toBe(6) // html, head, template, its content, div, p
    expect(buildHast('<b><p>un<i>deux</b>trois</i></p>').depth).toBe(5) // html, body, p, b, i
  })

  it('builds a tree far deeper than the call stack allows a recursive conversion', () => {
    const { tree, depth } = buildHast(`${'<div>'.repeat(20_000)}deep`)
    expect(depth).toBe(20_002)
    let node = tree.children[0]
    let levels = 0
    while (node?.type === 'element') {
      levels++
      node = node.tagName === 'html' ? node.children[1] : node.children[0]
    }
    expect(levels).toBe(20_002)
    expect(node).toMatchObject({ type: 'text', value: 'deep' })
  })
})

/** Elements on the longest path from the root down, a template's content (even empty) counting as one more (recursive: small trees only). */
function deepest(node: Root | Element): number {
  const below = (children: ReadonlyArray<RootContent>): number => Math.max(0, ...children.map((child) => (child.type === 'element' ? deepest(child) : 0)))
  let most = below(node.children)
  if (node.type === 'element' && node.content !== undefined) most = Math.max(most, 1 + below(node.content.children))
  return (node.type === 'element' ? 1 : 0) + most
}

/** The elements of a tree in document order (template contents left out). */
function elementsOf(tree: Root): Element[] {
  const out: Element[] = []
  const stack: RootContent[] = [...tree.children].reverse()
  while (stack.length > 0) {
    const node = stack.pop()!
    if (node.type !== 'element') continue
    out.push(node)
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!)
  }
  return out
}

describe('buildHast: properties made on first read', () => {
  const page =
    '<body><p hidden>a</p><p hidden="false">b</p><p HIDDEN="hidden">c</p><p style="color: red; DISPLAY : none">d</p>' +
    '<p style="display:block" data-hidden="1" class="x y">e</p><p>f</p><svg><g hidden="" style="display: none"></g><a xlink:href="#h">g</a></svg>' +
    '<math><mi hidden>h</mi></math><div aria-hidden="true" title="hidden">i</div></body>'

  it('tells hidden elements as the properties do, without making them', () => {
    const built = elementsOf(buildHast(page).tree)
    const hidden = built.map((element) => isHidden(element))
    // Read from the attributes: no element made its properties.
    expect(built.every((element) => unreadAttributes(element) !== null)).toBe(true)
    expect(hidden).toEqual(elementsOf(rehype.parse(page)).map((element) => isHidden(element)))
    expect(hidden.filter(Boolean)).toHaveLength(6)
  })

  it('makes them once, and keeps what is set', () => {
    const p = elementsOf(buildHast('<p class="a b" id="c">x</p>').tree).find((element) => element.tagName === 'p')!
    const first = p.properties
    expect(first).toEqual({ className: ['a', 'b'], id: 'c' })
    expect(p.properties).toBe(first)
    expect(unreadAttributes(p)).toBeNull()
    p.properties = { hidden: true }
    expect(p.properties).toEqual({ hidden: true })
    expect(isHidden(p)).toBe(true)
  })

  it('makes an element\'s position once, when first read, ended where rehype-parse ends it, and keeps what is set', () => {
    const html = '<div><p>Un <b>deux</b><p>trois<i>quatre</div>cinq'
    const built = elementsOf(buildHast(html).tree)
    expect(built.map((element) => element.position)).toEqual(elementsOf(rehype.parse(html)).map((element) => element.position))
    const p = built.find((element) => element.tagName === 'p')!
    const first = p.position!
    expect(p.position).toBe(first)
    first.end.offset = 99
    expect(p.position!.end.offset).toBe(99)
    p.position = undefined
    expect(p.position).toBeUndefined()
  })

  it('reads attributes added by a later tag, made or not', () => {
    const html = '<html lang="fr"><body class="a"><p>x</p><html dir="ltr" lang="en"><body id="b" class="c">'
    const unread = elementsOf(buildHast(html).tree)
    expect(unread.map((element) => element.properties)).toEqual(elementsOf(rehype.parse(html)).map((element) => element.properties))
  })
})
