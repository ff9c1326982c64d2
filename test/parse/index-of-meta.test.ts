import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeBytesWith } from '../../src/parse/decode-bytes-with.js'
import { allCharsets } from '../../src/parse/all-charsets.js'
import { hasMeta, indexOfMeta, META_WINDOW } from '../../src/parse/index-of-meta.js'
import { prescanMetaCharset } from '../../src/parse/sniff-html-charset.js'
import { NO_PARSERS } from '../../src/parse/load-parsers.js'

const bytes = (text: string) => new TextEncoder().encode(text)

describe('indexOfMeta and hasMeta', () => {
  it('finds `<meta` in any case, from an offset, within the window only', () => {
    expect(indexOfMeta(bytes('<p>a</p><MeTa charset=x>'), 0, 24)).toBe(8)
    expect(indexOfMeta(bytes('<meta><meta>'), 1, 12)).toBe(6)
    expect(indexOfMeta(bytes('<meta>'), 0, 4)).toBe(-1)
    expect(hasMeta(bytes('<p>metadata</p><met'))).toBe(false)
    const late = new Uint8Array(META_WINDOW + 100).fill(0x20)
    late.set(bytes('<meta charset="koi8-r">'), META_WINDOW - 30)
    expect(hasMeta(late)).toBe(true)
    late.fill(0x20).set(bytes('<meta charset="koi8-r">'), META_WINDOW - 4)
    expect(hasMeta(late)).toBe(false)
  })

  it('is true of every page in which the prescan finds an encoding', () => {
    // Pages made of the pieces the prescan reacts to: whenever it finds an encoding, hasMeta said so.
    const piece = fc.constantFrom('<meta', '<META', ' charset="koi8-r"', ' http-equiv="content-type"', ' content="text/html; charset=shift_jis"', '>', '<!--', '-->', '<p>', 'metadata', '<', '/', ' ', 'é')
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const page = bytes(pieces.join(''))
        if (!hasMeta(page)) expect(prescanMetaCharset(page)).toBeNull()
      }),
      { numRuns: 2000 },
    )
  })

  it('decodes a page without `<meta` without asking for the prescan, as with every charset library loaded', () => {
    const page = bytes('<html><head><title>Le café</title></head><body><p>Très bien.</p></body></html>')
    // NO_PARSERS throws E_INTERNAL for a library asked for: none is.
    expect(decodeBytesWith(NO_PARSERS, page, { format: 'html' })).toEqual(decodeBytesWith(allCharsets, page, { format: 'html' }))
    expect(() => decodeBytesWith(NO_PARSERS, bytes('<meta charset="utf-8"><p>x</p>'), { format: 'html' })).toThrow(/metaCharset/)
  })
})
