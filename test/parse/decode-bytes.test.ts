import iconv from 'iconv-lite'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeBytes } from '../../src/parse/decode-bytes.js'

// Short texts of our own, one per script, each written in the encodings that can hold it.
const FRENCH = 'L’été dernier, la mairie a rénové l’école : « un succès », dit-elle.'
const CZECH = 'Příští týden začne oprava mostu přes řeku, řekl šéf úřadu.'
const RUSSIAN = 'В понедельник в городе открылась новая библиотека для детей.'
const UKRAINIAN = 'У місті відкрили нову бібліотеку, де є їдальня й ґанок.'
const GREEK = 'Η κυβέρνηση ανακοίνωσε νέα μέτρα για την ενέργεια την Τρίτη.'
const TURKISH = 'Belediye başkanı yeni köprünün açılışını çarşamba günü yaptı.'
const ARABIC = 'أعلنت الحكومة عن خطة جديدة لدعم المدارس في المدن الصغيرة.'
const JAPANESE = '東京都は来月から新しい図書館を開くと発表した。子どもたちも喜んでいる。'
const CHINESE = '北京市政府宣布将在下个月开放新的图书馆，市民对此表示欢迎。'
const TRADITIONAL = '臺北市政府宣布下個月開放新的圖書館，市民對此表示歡迎。'
const KOREAN = '서울시는 다음 달부터 새 도서관을 연다고 발표했다. 시민들은 환영했다.'

/** Each measured encoding with a sample text it can hold. */
const SAMPLES: ReadonlyArray<readonly [encoding: string, text: string]> = [
  ['windows-1252', FRENCH],
  ['windows-1250', CZECH],
  ['iso-8859-2', CZECH],
  ['windows-1251', RUSSIAN],
  ['koi8-r', RUSSIAN],
  ['koi8-u', UKRAINIAN],
  ['iso-8859-7', GREEK],
  ['windows-1254', TURKISH],
  ['windows-1256', ARABIC],
  ['shift_jis', JAPANESE],
  ['euc-jp', JAPANESE],
  ['gbk', CHINESE],
  ['gb18030', CHINESE],
  ['big5', TRADITIONAL],
  ['euc-kr', KOREAN],
]

/** A page around `body`, with `head` as its head. */
const page = (head: string, body: string) => `<!doctype html><html><head>${head}</head><body><p>${body}</p></body></html>`

describe('decodeBytes: the WHATWG order', () => {
  it.each(SAMPLES)('%s declared by <meta charset>, by http-equiv and by the transport decodes exactly', (encoding, text) => {
    const meta = iconv.encode(page(`<meta charset="${encoding}">`, text), encoding)
    expect(decodeBytes(meta)).toEqual({ text: page(`<meta charset="${encoding}">`, text), encoding: { name: encoding, source: 'meta' }, warnings: [] })
    const equiv = `<meta http-equiv="Content-Type" content="text/html; charset=${encoding}">`
    expect(decodeBytes(iconv.encode(page(equiv, text), encoding))).toMatchObject({ text: page(equiv, text), encoding: { name: encoding, source: 'meta' } })
    const bare = iconv.encode(page('', text), encoding)
    expect(decodeBytes(bare, { contentType: `text/html; charset="${encoding}"` })).toMatchObject({ text: page('', text), encoding: { name: encoding, source: 'transport' } })
    expect(decodeBytes(bare, { charset: encoding.toUpperCase() })).toMatchObject({ text: page('', text), encoding: { name: encoding, source: 'transport' } })
  })

  it('reads labels as the Encoding standard does: iso-8859-1, latin1 and us-ascii are windows-1252', () => {
    const bytes = iconv.encode(page('<meta charset="iso-8859-1">', 'Il a dit “oui” à 10 €.'), 'windows-1252')
    // 0x93/0x94 (quotes) and 0x80 (euro) exist in windows-1252 only: a true ISO-8859-1 decoder gives C1 controls.
    expect(decodeBytes(bytes).text).toContain('Il a dit “oui” à 10 €.')
    for (const label of ['latin1', 'US-ASCII', ' ISO_8859-1 ', 'cp1252']) expect(decodeBytes(bytes, { charset: label }).encoding).toEqual({ name: 'windows-1252', source: 'transport' })
  })

  it('a BOM wins over the transport and the meta; the BOM is not part of the text', () => {
    const body = page('<meta charset="windows-1251">', RUSSIAN)
    const utf8 = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(body)])
    expect(decodeBytes(utf8, { charset: 'koi8-r' })).toEqual({ text: body, encoding: { name: 'utf-8', source: 'bom' }, warnings: [] })
    const utf16 = iconv.encode(body, 'utf-16le', { addBOM: true })
    expect(decodeBytes(utf16, { charset: 'koi8-r' })).toEqual({ text: body, encoding: { name: 'utf-16le', source: 'bom' }, warnings: [] })
    const utf16be = iconv.encode(body, 'utf-16be', { addBOM: true })
    expect(decodeBytes(utf16be)).toMatchObject({ text: body, encoding: { name: 'utf-16be', source: 'bom' } })
  })

  it('the transport wins over the meta', () => {
    const bytes = iconv.encode(page('<meta charset="windows-1251">', RUSSIAN), 'koi8-r')
    expect(decodeBytes(bytes, { contentType: 'text/html;charset=KOI8-R' })).toMatchObject({ text: page('<meta charset="windows-1251">', RUSSIAN), encoding: { name: 'koi8-r', source: 'transport' } })
  })

  it('a meta after the first 1024 bytes (a long head) is still honoured, as a browser re-decodes', () => {
    const head = `<script>${'var x = 1;\n'.repeat(200)}</script><meta charset="windows-1250">`
    expect(decodeBytes(iconv.encode(page(head, CZECH), 'windows-1250'))).toMatchObject({ text: page(head, CZECH), encoding: { name: 'windows-1250', source: 'meta' } })
  })

  it('an XML declaration decides when nothing comes before it', () => {
    const xml = `<?xml version="1.0" encoding="ISO-8859-7"?><rss><item><title>${GREEK}</title></item></rss>`
    expect(decodeBytes(iconv.encode(xml, 'iso-8859-7'))).toEqual({ text: xml, encoding: { name: 'iso-8859-7', source: 'xml' }, warnings: [] })
  })

  it('plain text and Markdown are not searched for a <meta>', () => {
    const text = `Le site écrit <meta charset="koi8-r"> dans son code. ${FRENCH}`
    expect(decodeBytes(new TextEncoder().encode(text), { format: 'text' }).encoding).toEqual({ name: 'utf-8', source: 'detected' })
    expect(decodeBytes(new TextEncoder().encode(text)).encoding).toEqual({ name: 'koi8-r', source: 'meta' })
  })

  it.each([
    ['windows-1252', FRENCH],
    ['windows-1251', RUSSIAN],
    ['koi8-u', UKRAINIAN],
    ['shift_jis', JAPANESE],
    ['euc-kr', KOREAN],
    ['gb18030', CHINESE],
  ])('undeclared %s is detected', (encoding, text) => {
    const body = page('', `${text} ${text}`)
    expect(decodeBytes(iconv.encode(body, encoding))).toEqual({ text: body, encoding: { name: encoding, source: 'detected' }, warnings: [] })
  })

  it('undeclared ASCII is UTF-8 by default, undeclared valid UTF-8 is UTF-8 as detected', () => {
    expect(decodeBytes(new TextEncoder().encode('<p>plain words</p>')).encoding).toEqual({ name: 'utf-8', source: 'default' })
    expect(decodeBytes(new TextEncoder().encode(`<p>${JAPANESE}</p>`))).toEqual({ text: `<p>${JAPANESE}</p>`, encoding: { name: 'utf-8', source: 'detected' }, warnings: [] })
    expect(decodeBytes(new Uint8Array(0))).toEqual({ text: '', encoding: { name: 'utf-8', source: 'default' }, warnings: [] })
  })
})

describe('decodeBytes: what cannot be decoded is counted, never silently replaced', () => {
  it('counts bytes invalid in the declared encoding', () => {
    // windows-1252 bytes declared as UTF-8: é (0xE9) and ’ (0x92) are invalid sequences.
    const bytes = iconv.encode(page('<meta charset="utf-8">', 'Le café d’en face.'), 'windows-1252')
    const decoded = decodeBytes(bytes)
    expect(decoded.encoding).toEqual({ name: 'utf-8', source: 'meta' })
    expect(decoded.text).toContain('Le caf\uFFFD d\uFFFDen face.')
    expect(decoded.warnings).toEqual([{ code: 'invalid-bytes', count: 2, message: expect.stringMatching(/^2 byte sequences are not valid utf-8 \(decided by meta\)/) }])
  })

  it('a U+FFFD that the bytes really encode is text, not an error', () => {
    const text = 'Le signe \uFFFD remplace un caractère perdu.'
    expect(decodeBytes(new TextEncoder().encode(text), { charset: 'utf-8' })).toEqual({ text, encoding: { name: 'utf-8', source: 'transport' }, warnings: [] })
    expect(decodeBytes(iconv.encode(text, 'gb18030'), { charset: 'gb18030' }).warnings).toEqual([])
    const utf16 = iconv.encode(text, 'utf-16le', { addBOM: true })
    expect(decodeBytes(utf16).warnings).toEqual([])
  })

  it('a truncated multi-byte character at the end is one invalid sequence', () => {
    const bytes = iconv.encode(JAPANESE, 'shift_jis')
    const decoded = decodeBytes(bytes.subarray(0, bytes.length - 1), { charset: 'shift_jis' })
    expect(decoded.warnings.map((w) => [w.code, w.count])).toEqual([['invalid-bytes', 1]])
  })

  it('an unknown charset label is a warning and does not decide', () => {
    const bytes = iconv.encode(page('', RUSSIAN), 'windows-1251')
    const decoded = decodeBytes(bytes, { contentType: 'text/html; charset=klingon-8' })
    expect(decoded.encoding).toEqual({ name: 'windows-1251', source: 'detected' })
    expect(decoded.warnings).toEqual([{ code: 'unknown-charset', message: expect.stringContaining('`klingon-8`') }])
  })

  it('decodes as the Encoding standard says where Node 20\'s TextDecoder does not', () => {
    // ISO-8859-16 (Romanian), which Node's TextDecoder lacks: 0xAA is Ș, 0xDE is Ț.
    expect(decodeBytes(new Uint8Array([0xaa, 0x69, 0x20, 0xde, 0x61, 0x72, 0x61]), { charset: 'iso-8859-16' })).toEqual({ text: 'Și Țara', encoding: { name: 'iso-8859-16', source: 'transport' }, warnings: [] })
    // EUC-KR as browsers read it (Unified Hangul Code): 0x8C 0x63 is 똠, 0xA2 0xE6 is €; Node's ICU decoder gives U+FFFD for both.
    expect(decodeBytes(new Uint8Array([0x8c, 0x63, 0x20, 0xa2, 0xe6]), { charset: 'euc-kr' })).toMatchObject({ text: '똠 €', warnings: [] })
    // GBK 0x80 is €; windows-1252 0x92 is ’ (Node's reads it as ISO-8859-1: U+0092).
    expect(decodeBytes(new Uint8Array([0x80]), { charset: 'gbk' }).text).toBe('€')
    expect(decodeBytes(new Uint8Array([0x92]), { charset: 'windows-1252' }).text).toBe('’')
  })

  it('x-user-defined and replacement decode as the standard says', () => {
    expect(decodeBytes(new Uint8Array([0x41, 0x80, 0xff]), { charset: 'x-user-defined' }).text).toBe('A\uF780\uF7FF')
    const replaced = decodeBytes(new Uint8Array([0x41, 0x42]), { charset: 'iso-2022-kr' })
    expect(replaced).toMatchObject({ text: '\uFFFD', encoding: { name: 'replacement', source: 'transport' } })
    expect(replaced.warnings.map((w) => w.code)).toEqual(['invalid-bytes'])
  })
})

describe('decodeBytes: a round trip through every measured encoding', () => {
  // Fixed seed (as test/properties.test.ts): reproducible; PROPERTY_SEED=random explores.
  const SEED = process.env.PROPERTY_SEED ?? '20261201'
  const settings = { numRuns: 60, ...(SEED === 'random' ? {} : { seed: Number(SEED) }) }
  /** The characters an encoding holds, taken from our own sample texts (so generated text is text of its script). */
  const alphabet = (text: string, encoding: string) => [...new Set(text)].filter((c) => iconv.decode(iconv.encode(c, encoding), encoding) === c)

  it.each(SAMPLES)('%s: any text of its characters, declared by meta, decodes to itself', (encoding, sample) => {
    const chars = alphabet(sample + ' 0123456789.,', encoding)
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...chars), { minLength: 1, maxLength: 200 }), (list) => {
        const html = `<meta charset="${encoding}"><p>${list.join('')}</p>`
        const decoded = decodeBytes(iconv.encode(html, encoding))
        return decoded.text === html && decoded.warnings.length === 0
      }),
      settings,
    )
  })
})
