import { describe, expect, it } from 'vitest'
import { parseHtml, parseHtmlPage } from '../../src/parse/from-html.js'
import { parseMarkdown } from '../../src/parse/from-markdown.js'
import { parseText } from '../../src/parse/from-text.js'

const texts = (blocks: Array<{ text: string }>): string[] => blocks.map((b) => b.text)

describe('headings and title', () => {
  it('marks blocks inside h1–h6 as headings, and only those', () => {
    const html = '<h1>Le titre</h1><p>Le chapeau.</p><h2><span>Un <b>intertitre</b></span></h2><div>Texte.</div><h3>A<br><br>B</h3>'
    expect(parseHtml(html).map((b) => [b.text, b.heading === true])).toEqual([
      ['Le titre', true],
      ['Le chapeau.', false],
      ['Un intertitre', true],
      ['Texte.', false],
      ['A', true],
      ['B', true],
    ])
  })

  it('reads <title> as the title, not as a paragraph, wherever the parser put it', () => {
    const page = parseHtmlPage('<html><head><title> Crue de la Seine |\n Le Journal </title></head><body><h1>Crue de la Seine</h1><p>Texte.</p></body></html>')
    expect(page.title).toBe('Crue de la Seine | Le Journal')
    expect(texts(page.blocks)).toEqual(['Crue de la Seine', 'Texte.'])
    // A PHP warning printed before <html> puts the head's elements in the body.
    const php = parseHtmlPage('<br />\n<b>Warning</b>: Undefined variable $x in <b>/var/www/index.php</b> on line <b>3</b><br />\n<!DOCTYPE html><html><head><title>Le titre</title></head><body><p>Le texte.</p></body></html>')
    expect(php.title).toBe('Le titre')
    expect(texts(php.blocks)).toEqual(['Warning: Undefined variable $x in /var/www/index.php on line 3', 'Le texte.'])
    expect(php.fallback).toBeNull()
  })

  it('takes no title from an svg, nor an empty one', () => {
    expect(parseHtmlPage('<svg><title>Icône</title></svg><p>Texte.</p>').title).toBeNull()
    expect(parseHtmlPage('<title> </title><title>Second</title><p>Texte.</p>').title).toBe('Second')
  })

  it('marks Markdown headings, ATX and setext', () => {
    expect(parseMarkdown('# Titre\n\nTexte.\n\nIntertitre\n---\n\nFin.').map((b) => b.heading === true)).toEqual([true, false, true, false])
  })

  it('marks the one-line title that opens a plain text, not a paragraph, a teaser or a lone line', () => {
    expect(parseText('Crue de la Seine : Paris en alerte\n\nLe fleuve est monté de deux mètres.')[0]!.heading).toBe(true)
    expect(parseText('Le fleuve est monté de deux mètres\ncette nuit, dit la mairie.\n\nSuite.')[0]!.heading).toBeUndefined()
    expect(parseText('Le fleuve est monté de deux mètres cette nuit, a…\n\nSuite.')[0]!.heading).toBeUndefined()
    expect(parseText('Crue de la Seine')[0]!.heading).toBeUndefined()
    expect(parseText(`${'Un paragraphe long. '.repeat(14)}\n\nSuite.`)[0]!.heading).toBeUndefined()
    expect(parseText('Titre\n\nSuite.')[1]!.heading).toBeUndefined()
    expect(parseText('Le fleuve est monté. La mairie a donné l’alerte.\n\nSuite.')[0]!.heading).toBeUndefined()
    expect(parseText('Le fleuve est monté de deux mètres :\n\nSuite.')[0]!.heading).toBeUndefined()
    expect(parseText('Le fleuve est monté de deux mètres.\n\nSuite.')[0]!.heading).toBe(true)
    expect(parseText('Faut-il évacuer Paris ?\n\nSuite.')[0]!.heading).toBe(true)
  })
})

describe('markup a browser survives', () => {
  it('reads a page whose unclosed <div> inside <noscript> swallows the body as a browser with scripts does', () => {
    // The shape of trafilatura's parcoabruzzo.it page, in our words.
    const html =
      '<!doctype html><html><head><title>Parco</title></head><body><noscript><div id="nojs"></noscript>' +
      '<div id="main"><h1>Orsi avvistati nel parco</h1><p>Due orsi sono stati avvistati vicino al paese.</p></div>' +
      '<noscript></div></noscript><script>var x = "<noscript>";</script></body></html>'
    const page = parseHtmlPage(html)
    expect(page.fallback).toBe('noscript')
    expect(texts(page.blocks)).toEqual(['Orsi avvistati nel parco', 'Due orsi sono stati avvistati vicino al paese.'])
    expect(page.blocks[0]!.heading).toBe(true)
    // Offsets still point into the page as given.
    const first = page.blocks[1]!
    expect(html.slice(first.start, first.end)).toBe('<p>Due orsi sono stati avvistati vicino al paese.</p>')
  })

  it('falls back to the visible text when everything is hidden or in a dropped element', () => {
    const hidden = parseHtmlPage('<body><div style="display:none"><p>Texte caché par le script.</p></div></body>')
    expect(hidden.fallback).toBe('visible-text')
    expect(texts(hidden.blocks)).toEqual(['Texte caché par le script.'])
    const textarea = parseHtmlPage('<p></p><textarea>Le texte est dans un textarea non fermé.')
    expect(textarea.fallback).toBe('visible-text')
    expect(texts(textarea.blocks)).toEqual(['Le texte est dans un textarea non fermé.'])
  })

  it('keeps unclosed elements and stray characters as a browser does, without a fallback', () => {
    const page = parseHtmlPage('<div><p>Premier paragraphe<p>Second <b>en gras\u0001 \uFFFD<div>Troisième')
    expect(page.fallback).toBeNull()
    expect(texts(page.blocks)).toEqual(['Premier paragraphe', 'Second en gras \uFFFD', 'Troisième'])
  })

  it('takes no fallback for a page that shows nothing (only scripts, an empty body)', () => {
    expect(parseHtmlPage('<html><head><title>T</title><script>var a = "texte";</script></head><body> </body></html>')).toEqual({
      blocks: [],
      title: 'T',
      fallback: null,
    })
  })
})
