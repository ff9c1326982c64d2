import { describe, expect, it } from 'vitest'
import { decodeEntry, encodeEntry } from '../../src/queue/entry-codec.js'
import type { FeedInputRecord } from '../../src/feed/types.js'
import { parseLine } from '../../src/io/read-jsonl.js'

/** The entry as a stream read returns it: every field as bytes, `n` added by the enqueue script. */
const asRead = (n: number, fields: Array<string | Buffer>): Buffer[] => [Buffer.from('n'), Buffer.from(String(n)), ...fields.map((f) => Buffer.from(f))]

describe('queue entries', () => {
  it('give back a page with its bytes as read (not valid UTF-8), its flags and its arrival', () => {
    const html = Uint8Array.from([0x3c, 0x70, 0x3e, 0xe9, 0xff, 0x3c, 0x2f, 0x70, 0x3e]) // <p>\xe9\xff</p>: windows-1252, not UTF-8
    const record: FeedInputRecord = { article: { id: 'page.html', html, file: 'page.html', url: 'https://a.example/x' }, source: 'page.html', page: true }
    const back = decodeEntry(asRead(7, encodeEntry(record, 1_700_000_000_123)))
    expect(back.n).toBe(7)
    expect(back.arrival).toBe(1_700_000_000_123)
    expect(back.record).toEqual({ ...record, article: { ...record.article, html } })
    expect([...((back.record as { article: { html: Uint8Array } }).article.html)]).toEqual([...html])
  })

  it('give back a JSONL record as the reader gives it: a big-integer id as written, an own __proto__, a too-deep field', () => {
    const deep = `${'['.repeat(600)}1${']'.repeat(600)}`
    const line = `{"id": 12345678901234567890, "__proto__": {"x": 1}, "text": "Un texte.", "deep": ${deep}, "id": "again"}`
    const record = parseLine(line, 3, 'f.jsonl:3')
    const entry = encodeEntry(record, 5)
    const back = decodeEntry(asRead(1, entry)).record as { article: Record<string, unknown>; raw: unknown }
    expect(back).toEqual(record)
    expect(Object.keys(back.article)).toEqual(['id', '__proto__', 'text', 'deep'])
    expect(back.article.id).toBe('again') // the last of a repeated key, as JSON.parse
    expect(back.article.deep).toBe(null) // only in raw, as the reader leaves it
    expect(Object.getOwnPropertyDescriptor(back.article, '__proto__')?.value).toEqual({ x: 1 })
    // The line is stored once (its members), not the article and its raw copy both.
    expect(entry.reduce((n, f) => n + f.length, 0)).toBeLessThan(line.length + 200)
  })

  it('give back an unreadable record as the error record it is', () => {
    const record: FeedInputRecord = { error: { code: 'E_INVALID_RECORD', message: 'not JSON' }, line: 2, source: 'f.jsonl:2' }
    expect(decodeEntry(asRead(2, encodeEntry(record, 0))).record).toEqual(record)
  })

  it('refuse an entry that no enqueue wrote', () => {
    expect(() => decodeEntry([Buffer.from('text'), Buffer.from('hello')])).toThrow(expect.objectContaining({ code: 'E_INVALID_RECORD' }))
  })
})
