import iconv from 'iconv-lite'
import { Readable } from 'node:stream'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { readWarc, type SkippedWarcRecord } from '../../src/io/read-warc.js'
import { clean } from '../../src/clean.js'
import { articleBody } from '../../src/parse/article-body.js'
import { warcFile, type TestWarcRecord } from '../helpers/warc.js'

const LEAD = 'Le conseil municipal a voté mardi soir le budget de l’année prochaine.'
const PAGE = `<html><head><meta property="article:published_time" content="2026-11-29T18:30:00+01:00"></head><body><p>${LEAD}</p></body></html>`

/** A crawl of our own: warcinfo, a request, three responses (HTML in windows-1252, an image, a redirect), a revisit, an undated HTML page. */
const RECORDS: TestWarcRecord[] = [
  { type: 'warcinfo', id: 'urn:uuid:00000000-0000-4000-8000-000000000001', payload: 'software: test\r\n' },
  { type: 'request', id: 'urn:uuid:00000000-0000-4000-8000-000000000002', url: 'https://example.org/a', payload: 'GET /a HTTP/1.1\r\nHost: example.org\r\n\r\n' },
  {
    type: 'response',
    id: 'urn:uuid:00000000-0000-4000-8000-000000000003',
    url: 'https://example.org/a',
    date: '2026-11-30T07:00:00Z',
    http: { headers: { 'Content-Type': 'text/html; charset=ISO-8859-1' } },
    payload: iconv.encode(PAGE, 'windows-1252'),
  },
  { type: 'response', id: 'urn:uuid:00000000-0000-4000-8000-000000000004', url: 'https://example.org/logo.png', http: { headers: { 'Content-Type': 'image/png' } }, payload: new Uint8Array([0x89, 0x50, 0x4e, 0x47]) },
  { type: 'response', id: 'urn:uuid:00000000-0000-4000-8000-000000000005', url: 'https://example.org/old', http: { status: 'HTTP/1.1 301 Moved Permanently', headers: { Location: '/a', 'Content-Type': 'text/html' } }, payload: '<p>moved</p>' },
  { type: 'revisit', id: 'urn:uuid:00000000-0000-4000-8000-000000000006', url: 'https://example.org/a', payload: '' },
  {
    type: 'response',
    id: 'urn:uuid:00000000-0000-4000-8000-000000000007',
    url: 'https://example.org/b',
    date: '2026-11-30T07:05:00Z',
    // Chunked transfer and gzip content encoding, as servers send them; no charset: the page is UTF-8.
    http: { headers: { 'Content-Type': 'text/html', 'Content-Encoding': 'gzip', 'Transfer-Encoding': 'chunked' } },
    payload: chunked(gzipSync(Buffer.from('<html><body><p>Дети пошли в новую школу в понедельник утром.</p></body></html>'))),
  },
  // Brotli, which warcio does not undo: skipped rather than read as garbage.
  { type: 'response', id: 'urn:uuid:00000000-0000-4000-8000-000000000008', url: 'https://example.org/c', http: { headers: { 'Content-Type': 'text/html', 'Content-Encoding': 'br' } }, payload: new Uint8Array([0x1b, 0x2f, 0x00, 0xf8]) },
]

/** The bytes as HTTP/1.1 chunked transfer coding writes them: one chunk, then the last. */
function chunked(bytes: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from(`${bytes.length.toString(16)}\r\n`), Buffer.from(bytes), Buffer.from('\r\n0\r\n\r\n')])
}

async function read(bytes: Buffer) {
  const skipped: SkippedWarcRecord[] = []
  const records = []
  for await (const record of readWarc(Readable.from([bytes]), 'crawl.warc', { skipped: (s) => skipped.push(s) })) records.push(record)
  return { records, skipped }
}

describe('readWarc', () => {
  it.each([['plain', false], ['gzipped record by record', true]])('%s: HTML responses become articles, the rest is skipped and reported', async (_, gzip) => {
    const { records, skipped } = await read(warcFile(RECORDS, gzip))
    expect(records.map((r) => ('article' in r ? { ...r.article, html: undefined } : r))).toEqual([
      {
        id: 'urn:uuid:00000000-0000-4000-8000-000000000003',
        url: 'https://example.org/a',
        // The page's own date wins over the WARC-Date.
        published: '2026-11-29T18:30:00+01:00',
        html: undefined,
        contentType: 'text/html; charset=ISO-8859-1',
      },
      { id: 'urn:uuid:00000000-0000-4000-8000-000000000007', url: 'https://example.org/b', published: '2026-11-30T07:05:00Z', html: undefined, contentType: 'text/html' },
    ])
    expect(records.map((r) => r.source)).toEqual(['crawl.warc#3', 'crawl.warc#7'])
    expect(skipped).toEqual([
      { type: 'warcinfo', reason: 'not-response' },
      { type: 'request', url: 'https://example.org/a', reason: 'not-response' },
      { type: 'response', url: 'https://example.org/logo.png', reason: 'not-html' },
      { type: 'response', url: 'https://example.org/old', reason: 'status' },
      { type: 'revisit', url: 'https://example.org/a', reason: 'not-response' },
      { type: 'response', url: 'https://example.org/c', reason: 'content-encoding' },
    ])
  })

  it('the payload is cleaned with the charset of the HTTP Content-Type; content encoding is undone', async () => {
    const { records } = await read(warcFile(RECORDS, true))
    const [first, second] = records.map((r) => ('article' in r ? clean(articleBody(r.article)) : null))
    expect(first).toMatchObject({ text: LEAD, language: 'fr', encoding: { name: 'windows-1252', source: 'transport' } })
    expect(second).toMatchObject({ text: 'Дети пошли в новую школу в понедельник утром.', encoding: { name: 'utf-8', source: 'detected' } })
  })

  it('bytes that are no WARC give one error record', async () => {
    const { records } = await read(Buffer.from('this is not a WARC file\r\n\r\n'))
    expect(records).toHaveLength(1)
    expect(records[0]).toMatchObject({ error: { code: 'E_INVALID_RECORD' }, source: 'crawl.warc#1' })
  })
})
