import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readXmlFeed, xmlEncoding } from '../../src/io/read-xml-feed.js'
import type { FeedInputRecord } from '../../src/feed/types.js'

async function* source(chunks: ReadonlyArray<Uint8Array | string>): AsyncGenerator<Uint8Array | string> {
  for (const chunk of chunks) yield chunk
}

async function read(chunks: ReadonlyArray<Uint8Array | string>, maxRecordSize?: number): Promise<FeedInputRecord[]> {
  const records: FeedInputRecord[] = []
  for await (const record of readXmlFeed(source(chunks), 'f', maxRecordSize === undefined ? {} : { maxRecordSize })) records.push(record)
  return records
}

/** Records as `[source, title or error message]`. */
const simple = (records: FeedInputRecord[]) => records.map((r) => [r.source, 'error' in r ? r.error.message : r.article.title])

/** The same bytes cut every `size` bytes. */
function cut(bytes: Uint8Array, size: number): Uint8Array[] {
  const parts: Uint8Array[] = []
  for (let at = 0; at < bytes.length; at += size) parts.push(bytes.subarray(at, at + size))
  return parts
}

const item = (title: string, body = '&lt;p&gt;Texte.&lt;/p&gt;') => `<item><title>${title}</title><description>${body}</description></item>`
const rss = (encoding: string | null, ...items: string[]) =>
  `<?xml version="1.0"${encoding === null ? '' : ` encoding="${encoding}"`}?>\n<rss version="2.0"><channel>${items.join('\n')}</channel></rss>\n`

describe('readXmlFeed: encodings', () => {
  it.each(['ISO-8859-1', 'iso-8859-1', 'latin1', 'windows-1252'])('decodes per the declared encoding %s', async (label) => {
    const bytes = Buffer.from(rss(label, item('Café à la crème')), 'latin1')
    for (const size of [1, 5, 10_000]) expect(simple(await read(cut(bytes, size)))).toEqual([['f#1', 'Café à la crème']])
  })

  it("reads a declaration in single quotes, and windows-1252's 0x80–0x9f as its characters (€, “ ”)", async () => {
    const [before, after] = rss(null, item('PRICE')).replace('version="1.0"', "version='1.0' encoding='windows-1252'").split('PRICE')
    const bytes = Buffer.concat([Buffer.from(before!), Buffer.from([0x93, 0x31, 0x30, 0x20, 0x80, 0x94]), Buffer.from(after!)])
    expect(simple(await read([bytes]))).toEqual([['f#1', '“10 €”']])
  })

  it('lets a byte order mark win over the declaration', async () => {
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(rss('ISO-8859-1', item('Café')))])
    expect(simple(await read([utf8]))).toEqual([['f#1', 'Café']])
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(rss('UTF-16', item('Café')), 'utf16le')])
    expect(simple(await read(cut(utf16, 3)))).toEqual([['f#1', 'Café']])
  })

  it('reads UTF-8 when there is no declaration or no encoding in it', async () => {
    expect(simple(await read([Buffer.from(rss(null, item('Café')))]))).toEqual([['f#1', 'Café']])
    expect(simple(await read([Buffer.from(`<rss>${item('Café')}</rss>`)]))).toEqual([['f#1', 'Café']])
  })

  it('gives one error record for an unknown encoding', async () => {
    expect(await read([Buffer.from(rss('x-klingon', item('A'), item('B')))])).toEqual([
      { error: { code: 'E_INVALID_RECORD', message: 'unknown encoding "x-klingon" in the XML declaration' }, source: 'f' },
    ])
  })

  it('reads labels as decodeBytes does (koi8-r, shift_jis cut anywhere) and counts invalid bytes in a warning', async () => {
    const koi = Buffer.concat([Buffer.from(rss('KOI8-R', item('TITLE')).split('TITLE')[0]!), Buffer.from([0xeb, 0xc1, 0xd6, 0xc4, 0xd9, 0xca]), Buffer.from(rss('KOI8-R', item('TITLE')).split('TITLE')[1]!)])
    expect(simple(await read(cut(koi, 7)))).toEqual([['f#1', 'Каждый']])
    // 東京 in Shift_JIS: 0x93 0x8C 0x8B 0x9E; cut every byte, characters are joined across chunks.
    const sjis = Buffer.concat([Buffer.from(rss('Shift_JIS', item('TITLE')).split('TITLE')[0]!), Buffer.from([0x93, 0x8c, 0x8b, 0x9e]), Buffer.from(rss('Shift_JIS', item('TITLE')).split('TITLE')[1]!)])
    expect(simple(await read(cut(sjis, 1)))).toEqual([['f#1', '東京']])
    const warnings: unknown[] = []
    const bad = Buffer.from(rss('utf-8', item('Caf\u00e9')), 'latin1')
    const records: FeedInputRecord[] = []
    for await (const record of readXmlFeed(source(cut(bad, 4)), 'f', { warn: (w) => warnings.push(w) })) records.push(record)
    expect(simple(records)).toEqual([['f#1', 'Caf\uFFFD']])
    expect(warnings).toEqual([{ code: 'invalid-bytes', count: 1, message: '1 byte sequence is not valid utf-8: replaced by U+FFFD' }])
  })

  it('takes string chunks as already decoded', async () => {
    expect(simple(await read([rss('ISO-8859-1', item('Café'))]))).toEqual([['f#1', 'Café']])
  })

  it('names the encoding of a head', () => {
    expect(xmlEncoding(Buffer.from('<?xml version="1.0" encoding="latin1"?>'))).toBe('windows-1252')
    expect(xmlEncoding(Buffer.from('<?xml version="1.0" encoding="UTF-16"?>'))).toBe('utf-8')
    expect(xmlEncoding(Buffer.from('<?xml version="1.0"?>', 'utf16le'))).toBe('utf-16le')
    expect(xmlEncoding(Buffer.from('<?xml encoding="nope"?>'))).toEqual({ unknown: 'nope' })
  })
})

describe('readXmlFeed: item size limit', () => {
  const big = item('Big', 'x'.repeat(500))
  const xml = Buffer.from(rss(null, item('One'), big, item('Three'), big, item('Five')))

  it('gives an item over the limit an error record and reads on at the next item', async () => {
    for (const size of [1, 7, 64, 100, 333, xml.length]) {
      expect(simple(await read(cut(xml, size), 200))).toEqual([
        ['f#1', 'One'],
        ['f#2', '<item> is too large (over 200 characters)'],
        ['f#3', 'Three'],
        ['f#4', '<item> is too large (over 200 characters)'],
        ['f#5', 'Five'],
      ])
    }
  })

  it('reads an item of exactly the limit', async () => {
    const exact = item('Exact', 'y'.repeat(100))
    const size = exact.length - '</item>'.length
    expect(simple(await read(cut(Buffer.from(rss(null, exact)), 9), size))).toEqual([['f#1', 'Exact']])
    expect(simple(await read(cut(Buffer.from(rss(null, exact)), 9), size - 1))).toEqual([['f#1', `<item> is too large (over ${size - 1} characters)`]])
  })

  it('does not buffer the rest of an item without an end', async () => {
    // 64 MiB in one item, 1 MiB at a time (the same buffer again and again).
    const chunk = Buffer.alloc(1024 * 1024, 0x61)
    async function* huge(): AsyncGenerator<Uint8Array> {
      yield Buffer.from(`<rss>${item('One')}<item><title>Endless</title><description>`)
      for (let i = 0; i < 64; i++) yield chunk
    }
    const records: FeedInputRecord[] = []
    for await (const record of readXmlFeed(huge(), 'f', { maxRecordSize: 1024 })) records.push(record)
    expect(simple(records)).toEqual([['f#1', 'One'], ['f#2', '<item> is too large (over 1024 characters)']])
  })

  it('finds an item whose start tag is cut by a chunk boundary', async () => {
    const entry = `<entry xml:lang="fr" xmlns:media="http://search.yahoo.com/mrss/"><title>Long</title><summary>S</summary></entry>`
    const feed = Buffer.from(`<feed xmlns="http://www.w3.org/2005/Atom">${entry}${entry}</feed>`)
    for (const size of [5, 17, 50]) expect(simple(await read(cut(feed, size)))).toEqual([['f#1', 'Long'], ['f#2', 'Long']])
  })
})

describe('readXmlFeed: properties', () => {
  /** Text as it may stand in an element, escaped as a feed writer escapes it. */
  const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  // Markup a body sent as CDATA may hold: the feed's own tags are text there.
  const words = fc.array(fc.constantFrom('Paris', 'été', '中文', '<b>', 'a & b', '"q"', '  ', '\n', '…', ']]>', '</item>', '</description>', '<title>x</title>', '<link>', '<![CDATA['), { maxLength: 8 }).map((w) => `Mot ${w.join(' ')}`)

  it('gives the items of a well-formed feed, in order, however it is cut into chunks', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(words, words, fc.boolean()), { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 200 }), async (items, size) => {
        const body = items
          .map(([title, text, cdata]) => `<item><title>${escapeXml(title)}</title><description>${cdata && !text.includes(']]>') ? `<![CDATA[${text}]]>` : escapeXml(text)}</description></item>`)
          .join('\n')
        const records = await read(cut(Buffer.from(rss('UTF-8', body)), size))
        expect(records.map((r) => ('article' in r ? [r.article.title, r.article.html] : r.error.message))).toEqual(items.map(([title, text]) => [title.trim(), text.trim()]))
      }),
      { numRuns: 150 },
    )
  })

  it('ends on any input, with records that are an article or a per-record error, never a throw', async () => {
    const piece = fc.constantFrom('<item>', '<item ', '<entry', '</item>', '</entry >', '<title', '<title>', '</title>', '<description>', '</description>', '<link ', '<![CDATA[', ']]>', '<!--', '-->', '<', '>', '&', '&#x', 'texte', ' ', '\n')
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 60 }), fc.integer({ min: 1, max: 50 }), async (pieces, size) => {
        const records = await read(cut(Buffer.from(`<rss>${pieces.join('')}`), size), 200)
        for (const r of records) {
          if ('error' in r) expect(r.error.code).toBe('E_INVALID_RECORD')
          else expect(typeof r.article.html).toBe('string')
          expect(r.source).toMatch(/^f#\d+$/)
        }
        // One record per item start the reader saw, numbered in order.
        expect(records.map((r) => r.source)).toEqual(records.map((_, k) => `f#${k + 1}`))
      }),
      { numRuns: 300 },
    )
  })

  // Stdin is cut where the writer wrote: the records must not depend on it. A comment longer
  // than the size limit is the exception (see readXmlFeed): the first case keeps every comment
  // shorter than the limit, the second has no comments and a limit that items cross.
  it.each([
    ['any document under a limit it does not reach', 100_000, false],
    ['items over a small limit', 60, true],
  ])('gives the same records however the document is cut: %s', async (_, max, noComments) => {
    const pieces = ['<item>', '<item ', '<entry', '</item>', '</entry >', '<title', '<title>', '</title>', '<description>', '</description>', '<link ', '<![CDATA[', ']]>', '<!--', '-->', '<', '>', '&', 'texte', ' ', 'x'.repeat(40)]
    const piece = fc.constantFrom(...pieces.filter((p) => !noComments || p !== '<!--'))
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 80 }), fc.integer({ min: 1, max: 50 }), async (parts, size) => {
        const bytes = Buffer.from(`<rss>${parts.join('')}`)
        expect(await read(cut(bytes, size), max)).toEqual(await read([bytes], max))
      }),
      { numRuns: 400 },
    )
  })

  it('gives a self-closed `<item/>` its own error record, and the next items theirs', async () => {
    const xml = Buffer.from(rss(null, '<item/>', item('Two'), '<entry xml:lang="fr" />', item('Four')))
    for (const size of [1, 5, 9, xml.length]) {
      expect(simple(await read(cut(xml, size)))).toEqual([
        ['f#1', '<item> without content, description or summary'],
        ['f#2', 'Two'],
        ['f#3', '<entry> without content, description or summary'],
        ['f#4', 'Four'],
      ])
    }
  })

  it('gives an error record for an item the document ends in', async () => {
    expect(simple(await read([Buffer.from(`<rss>${item('One')}<item><title>Cut</title><description>Te`)]))).toEqual([
      ['f#1', 'One'],
      ['f#2', '<item> has no end tag before the end of the document'],
    ])
  })
})

describe('readXmlFeed: comments', () => {
  const doc = rss(null, item('Un'), `<!-- retiré :\n${item('Caché')}\n${item('Caché aussi')} -->`, '<!-- une note -->', item('Deux'), '<!--x-->', item('Trois'))

  it('reads no item inside a comment, and every item after a closed one, however the document is cut', async () => {
    const bytes = Buffer.from(doc)
    for (const size of [1, 3, 7, 64, 1_000_000]) expect(simple(await read(cut(bytes, size)))).toEqual([['f#1', 'Un'], ['f#2', 'Deux'], ['f#3', 'Trois']])
  })

  it('reads the items after a comment that never ends (no comment anyone meant), or that runs longer than an item may be', async () => {
    const never = rss(null, item('Un'), `<!-- jamais fermé ${item('Deux')}`, item('Trois'))
    for (const size of [5, 1_000_000]) expect(simple(await read(cut(Buffer.from(never), size)))).toEqual([['f#1', 'Un'], ['f#2', 'Deux'], ['f#3', 'Trois']])
    const long = rss(null, `<!-- ${'x'.repeat(500)}`, item('Un'), `${'y'.repeat(500)} -->`, item('Deux'))
    expect(simple(await read(cut(Buffer.from(long), 64), 300))).toEqual([['f#1', 'Un'], ['f#2', 'Deux']])
    expect(simple(await read(cut(Buffer.from(long), 64), 5_000))).toEqual([['f#1', 'Deux']])
  })

  it('reads every item after several comments none of which ends, and the same however cut (`<!-->` ends nothing)', async () => {
    const openers = rss(null, `<!--${item('Un')}<!--${item('Deux')}`)
    for (const size of [1, 4, 9, 1_000_000]) expect(simple(await read(cut(Buffer.from(openers), size)))).toEqual([['f#1', 'Un'], ['f#2', 'Deux']])
    const empty = rss(null, `<!-->${item('Un')}-->`, item('Deux'))
    for (const size of [1, 2, 3, 5, 8, 1_000_000]) expect(simple(await read(cut(Buffer.from(empty), size)))).toEqual([['f#1', 'Deux']])
    const many = rss(null, ...Array.from({ length: 2_000 }, (_, k) => `<!--${item(`n${k}`)}`))
    const records = await read(cut(Buffer.from(many), 65_536), 20_000)
    expect(records.map((r) => ('error' in r ? r.error.message : r.article.title))).toEqual(Array.from({ length: 2_000 }, (_, k) => `n${k}`))
  })
})

describe('readXmlFeed: CDATA', () => {
  const body = '<p>An item ends at </item>; its <title>, <link>u</link> and </description> come later.</p>'
  const doc = rss(null, `<item><description><![CDATA[${body}]]></description><title>Un</title><link>https://a.example/1</link></item>`, item('Deux'))

  it('reads the feed tags inside a CDATA section as text, however the document is cut', async () => {
    const bytes = Buffer.from(doc)
    for (const size of [1, 2, 5, 9, 64, 1_000_000]) {
      const records = await read(cut(bytes, size))
      expect(records.map((r) => ('article' in r ? [r.article.title, r.article.url, r.article.html] : r.error.message))).toEqual([
        ['Un', 'https://a.example/1', body],
        ['Deux', undefined, '<p>Texte.</p>'],
      ])
    }
  })

  it('reads a `<![CDATA[` no `]]>` follows as text: its item ends at its end tag, and the items after it are read', async () => {
    const stray = rss(null, '<item><title>Un</title><description><![CDATA[<p>jamais fermé</description></item>', ...Array.from({ length: 20 }, (_, k) => item(`n${k}`)))
    const titles = ['Un', ...Array.from({ length: 20 }, (_, k) => `n${k}`)]
    for (const max of [undefined, 300]) {
      for (const size of [1, 7, 1_000_000]) {
        const records = await read(cut(Buffer.from(stray), size), max)
        expect(simple(records).map(([, title]) => title)).toEqual(titles)
        expect('article' in records[0]! && records[0].article.html).toBe('<![CDATA[<p>jamais fermé')
      }
    }
  })

  it('reads an item whose section an item start interrupts plainly (items do not nest), and the sections of the items after it', async () => {
    const fillers = Array.from({ length: 10 }, (_, k) => item(`n${k}`))
    // The `]]>` of the last item is the first after the `<![CDATA[` of the first.
    const later = rss(null, '<item><title>Un</title><description><![CDATA[ouvert</description></item>', ...fillers, '<item><title>Deux</title><description><![CDATA[<b>a</item></b>]]></description></item>')
    for (const [size, max] of [[1, 300], [6, undefined], [1_000_000, 300], [1_000_000, undefined]] as const) {
      const records = await read(cut(Buffer.from(later), size), max)
      expect(simple(records).map(([, title]) => title)).toEqual(['Un', ...fillers.map((_, k) => `n${k}`), 'Deux'])
      expect('article' in records[11]! && records[11].article.html).toBe('<b>a</item></b>')
    }
  })

  it('reads the last item of a document plainly when its section never ends, and an item longer than the limit only for its sections', async () => {
    const last = rss(null, item('Un'), '<item><title>Deux</title><description><![CDATA[ouvert</description></item>')
    for (const size of [1, 7, 1_000_000]) expect(simple(await read(cut(Buffer.from(last), size)))).toEqual([['f#1', 'Un'], ['f#2', 'Deux']])
    // No item start after the stray `<![CDATA[`: the reading is given up at the limit (300), not at the document's end.
    const long = rss(null, '<item><title>Un</title><description><![CDATA[ouvert</description></item>', `<junk>${'x'.repeat(1_000)}</junk>`, item('Deux'))
    for (const size of [1, 7, 1_000_000]) expect(simple(await read(cut(Buffer.from(long), size), 300))).toEqual([['f#1', 'Un'], ['f#2', 'Deux']])
  })
})
