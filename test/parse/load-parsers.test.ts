import { describe, expect, it } from 'vitest'
import { clean } from '../../src/clean.js'
import { cleanWith } from '../../src/clean-with.js'
import { DedupeError } from '../../src/errors.js'
import { missingParserOf, parsersNeeded } from '../../src/parse/format-parsers.js'
import { loadParsers, NO_PARSERS, withParsers } from '../../src/parse/load-parsers.js'

const PAGE = '<html><head><title>Titre</title></head><body><p>Le chat dort sur le tapis depuis ce matin.</p><p>Le chat dort sur le tapis depuis ce matin.</p></body></html>'
// "Le café est fort ce matin, très fort." in windows-1252 (undeclared: the detector decides).
const CAFE = Uint8Array.from(Buffer.from('Le caf\xe9 est fort ce matin, tr\xe8s fort.\n\nLe caf\xe9 est fort ce matin, tr\xe8s fort.\n', 'latin1'))

describe('cleanWith and the parsers it is given', () => {
  it('cleans plain text with no parser loaded, as clean() does', () => {
    const text = 'Le chat dort sur le tapis.\n\nLe chat dort sur le tapis.'
    expect(cleanWith(NO_PARSERS, text, { format: 'text' })).toEqual(clean(text, { format: 'text' }))
    expect(cleanWith(NO_PARSERS, new TextEncoder().encode(text), { format: 'text' })).toEqual(clean(new TextEncoder().encode(text), { format: 'text' }))
  })

  it('names the parser a page needs when it is not loaded', () => {
    let error: unknown
    try {
      cleanWith(NO_PARSERS, PAGE, { format: 'html' })
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(DedupeError)
    expect((error as DedupeError).code).toBe('E_INTERNAL')
    expect(missingParserOf(error)).toBe('html')
    expect(missingParserOf(new DedupeError('E_INTERNAL', 'other'))).toBeNull()
    expect(missingParserOf(new Error('html'))).toBeNull()
  })

  it('says which parsers an input is sure to need, from its format as clean() decides it', () => {
    expect(parsersNeeded('Le chat dort.', {})).toEqual([])
    // A string is decoded already: no charset library.
    expect(parsersNeeded('<p>Le chat dort.</p>', {})).toEqual(['html'])
    expect(parsersNeeded('<p>Le chat dort.</p>', { format: 'text' })).toEqual([])
    expect(parsersNeeded('# Titre', { format: 'markdown', extract: true })).toEqual(['markdown'])
    expect(parsersNeeded({ html: '<p>x</p>' }, { extract: true })).toEqual(['html', 'extract'])
    expect(parsersNeeded({ markdown: new Uint8Array([0x23]) }, {})).toEqual(['markdown'])
    expect(parsersNeeded({ text: '<p>x</p>' }, {})).toEqual([])
    // Bytes of no given format: decoding and the guess ask for what they need.
    expect(parsersNeeded(new Uint8Array([0x3c, 0x70, 0x3e]), {})).toEqual([])
    // Page bytes: the `<meta>` prescan only when there is a `<meta` for it to read.
    expect(parsersNeeded(new Uint8Array([0x3c, 0x70, 0x3e]), { format: 'html' })).toEqual(['html'])
    const page = new TextEncoder().encode('<head><META charset="koi8-r"></head><p>x</p>')
    expect(parsersNeeded(page, { format: 'html' })).toEqual(['html', 'metaCharset'])
    expect(parsersNeeded({ html: page }, { extract: true })).toEqual(['html', 'metaCharset', 'extract'])
  })
})

describe('loadParsers and withParsers', () => {
  it('loads only what is asked, on top of what was loaded', async () => {
    const html = await loadParsers(['html'])
    expect(html.html).not.toBe(NO_PARSERS.html)
    expect(html.markdown).toBe(NO_PARSERS.markdown)
    const both = await loadParsers(['markdown'], html)
    expect(both.html).toBe(html.html)
    expect(both.markdown).not.toBe(NO_PARSERS.markdown)
    // Nothing new: the same object back.
    expect(await loadParsers(['html'], both)).toBe(both)
  })

  it('cleans a page, with extraction, as clean() does', async () => {
    const { value, parsers } = await withParsers(parsersNeeded(PAGE, { extract: true }), NO_PARSERS, (loaded) => cleanWith(loaded, PAGE, { format: 'html', extract: true }))
    expect(value).toEqual(clean(PAGE, { format: 'html', extract: true }))
    expect(parsers.extract).not.toBe(NO_PARSERS.extract)
  })

  it('loads the charset library that bytes turn out to need, and runs the work again', async () => {
    let runs = 0
    const { value, parsers } = await withParsers([], NO_PARSERS, (loaded) => {
      runs++
      return cleanWith(loaded, CAFE, { format: 'text' })
    })
    expect(value).toEqual(clean(CAFE, { format: 'text' }))
    expect(value.encoding).toEqual({ name: 'windows-1252', source: 'detected' })
    // Once without the detector, once without the windows-1252 decoder, once with both.
    expect(runs).toBe(3)
    expect(parsers.detectCharset).not.toBe(NO_PARSERS.detectCharset)
    expect(parsers.textDecoder).not.toBe(NO_PARSERS.textDecoder)
  })

  it('runs at once, not as a promise, when every parser needed is loaded, and rejects its errors all the same', async () => {
    const html = await loadParsers(['html'])
    const ran = withParsers(['html'], html, (loaded) => cleanWith(loaded, PAGE, { format: 'html' }))
    expect(ran).not.toBeInstanceOf(Promise)
    expect(ran).toEqual({ value: clean(PAGE, { format: 'html' }), parsers: html })
    // Nothing was loaded for it: the same parsers back, for the next input.
    expect((ran as { parsers: unknown }).parsers).toBe(html)
    const failed = withParsers(['html'], html, () => cleanWith(html, 'x', { format: 'pdf' as 'text' }))
    expect(failed).toBeInstanceOf(Promise)
    await expect(failed).rejects.toMatchObject({ code: 'E_UNKNOWN_FORMAT' })
    // A parser not loaded yet: a promise, which loads it.
    const page = withParsers(['html'], NO_PARSERS, (loaded) => cleanWith(loaded, PAGE, { format: 'html' }))
    expect(page).toBeInstanceOf(Promise)
    expect((await page).value).toEqual(clean(PAGE, { format: 'html' }))
  })

  it('passes on any other error, and a parser still missing after it was loaded', async () => {
    await expect(withParsers([], NO_PARSERS, () => cleanWith(NO_PARSERS, 'x', { format: 'pdf' as 'text' }))).rejects.toMatchObject({ code: 'E_UNKNOWN_FORMAT' })
    // Work that ignores the parsers it is given asks for html again: no loop, the error comes out.
    await expect(withParsers([], NO_PARSERS, () => cleanWith(NO_PARSERS, PAGE, { format: 'html' }))).rejects.toSatisfy((error) => missingParserOf(error) === 'html')
  })
})
