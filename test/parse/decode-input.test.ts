import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { clean } from '../../src/clean.js'
import { createDeduplicator } from '../../src/feed/create-deduplicator.js'
import { articleBody } from '../../src/parse/article-body.js'

const FRENCH = 'Le conseil municipal a voté mardi le budget de l’année prochaine, après un long débat.'
const SECOND = 'Les élus de l’opposition ont demandé que les écoles reçoivent davantage de crédits.'
const PAGE = `<html><head><meta charset="iso-8859-1"></head><body><p>${FRENCH}</p><p>${SECOND}</p><p>${FRENCH}</p></body></html>`

describe('clean() takes bytes', () => {
  it('a windows-1252 page declared iso-8859-1 gives the same result as its text, plus the encoding', () => {
    const fromBytes = clean(iconv.encode(PAGE, 'windows-1252'))
    const fromText = clean(PAGE)
    expect(fromBytes).toEqual({ ...fromText, encoding: { name: 'windows-1252', source: 'meta' } })
    expect(fromBytes.text).toBe(`${FRENCH}\n\n${SECOND}`)
    expect(fromBytes.language).toBe('fr')
    expect('encoding' in fromText).toBe(false)
  })

  it('{ html | text | markdown: bytes, contentType } and the contentType/charset options', () => {
    const bytes = iconv.encode(`${FRENCH}\n\n${SECOND}`, 'windows-1252')
    expect(clean({ text: bytes, contentType: 'text/plain; charset=windows-1252' })).toMatchObject({ text: `${FRENCH}\n\n${SECOND}`, encoding: { name: 'windows-1252', source: 'transport' } })
    expect(clean({ markdown: bytes }, { charset: 'latin1' })).toMatchObject({ text: `${FRENCH}\n\n${SECOND}`, encoding: { name: 'windows-1252', source: 'transport' } })
    // The object's own transport wins over the option's.
    const koi = iconv.encode('<p>Городской совет утвердил бюджет на следующий год после долгих споров.</p>', 'koi8-r')
    expect(clean({ html: koi, charset: 'koi8-r' }, { charset: 'windows-1251' }).paragraphs[0]!.text).toBe('Городской совет утвердил бюджет на следующий год после долгих споров.')
    expect(clean(Buffer.from(new TextEncoder().encode(FRENCH)))).toMatchObject({ text: FRENCH, encoding: { name: 'utf-8', source: 'detected' } })
  })

  it('invalid bytes are a warning on the result, and the rest is cleaned', () => {
    const result = clean(iconv.encode(`<p>${FRENCH}</p>`, 'windows-1252'), { charset: 'utf-8' })
    // One invalid sequence per non-ASCII character of FRENCH: é ’ é è é.
    expect(result.warnings).toEqual([{ code: 'invalid-bytes', count: 5, message: expect.stringContaining('not valid utf-8') }])
    expect(result.paragraphs).toHaveLength(1)
  })

  it('a contentType option that is no string is E_INVALID_OPTION; one on the article, E_INVALID_INPUT', () => {
    expect(() => clean(new Uint8Array([0x41]), { contentType: 7 as never })).toThrow(expect.objectContaining({ code: 'E_INVALID_OPTION' }))
    expect(() => clean({ html: new Uint8Array([0x41]), charset: 7 as never })).toThrow(expect.objectContaining({ code: 'E_INVALID_INPUT' }))
  })
})

describe('articleBody: bytes and base64 bodies carry their transport', () => {
  it('keeps bytes with contentType and charset, decodes *_base64, refuses bad base64', () => {
    const bytes = new Uint8Array([0x63, 0x61, 0x66, 0xe9])
    expect(articleBody({ html: bytes, contentType: 'text/html; charset=latin1', title: 'x' })).toEqual({ html: bytes, contentType: 'text/html; charset=latin1' })
    expect(articleBody({ text: 'café', charset: 'koi8-r' })).toEqual({ text: 'café' })
    expect(articleBody({ html_base64: 'Y2Fm6Q==', charset: 'latin1' })).toEqual({ html: bytes, charset: 'latin1' })
    expect(articleBody({ text_base64: 'Y2Fm6Q' })).toEqual({ text: bytes })
    expect(() => articleBody({ html_base64: 'not base64!' })).toThrow(expect.objectContaining({ code: 'E_INVALID_RECORD' }))
  })
})

describe('createDeduplicator().add() takes bytes', () => {
  it('decodes a windows-1252 body as clean() does and reports the encoding, without the base64 in the result', async () => {
    const dedup = createDeduplicator()
    const bytes = iconv.encode(`${FRENCH}\n\n${SECOND}`, 'windows-1252')
    const first = await dedup.add({ id: 'a', text: bytes, charset: 'windows-1252' })
    expect(first).toMatchObject({ id: 'a', language: 'fr', text: `${FRENCH}\n\n${SECOND}`, encoding: { name: 'windows-1252', source: 'transport' }, charset: 'windows-1252' })
    const copy = await dedup.add({ id: 'b', text_base64: Buffer.from(bytes).toString('base64'), contentType: 'text/plain; charset=cp1252' })
    expect(copy.duplicate).toMatchObject({ of: 'a', kind: 'copy' })
    expect('text_base64' in copy).toBe(false)
    await dedup.close()
  })
})
