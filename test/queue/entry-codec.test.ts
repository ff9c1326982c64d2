import { describe, expect, it } from 'vitest'
import { decodeEntry, encodeEntry } from '../../src/queue/entry-codec.js'
import type { FeedInputRecord } from '../../src/feed/types.js'
import { rawMembers } from '../../src/io/raw-members.js'

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

  it('give back a JSONL record with its raw members (a big-integer id as written) and an own __proto__ field', () => {
    const line = '{"id": 12345678901234567890, "__proto__": {"x": 1}, "text": "Un texte."}'
    const article = JSON.parse(line) as Record<string, unknown>
    const record: FeedInputRecord = { article, line: 3, source: 'f.jsonl:3', raw: rawMembers(line) }
    const back = decodeEntry(asRead(1, encodeEntry(record, 5))).record as { article: Record<string, unknown>; raw: unknown }
    expect(Object.keys(back.article)).toEqual(['id', '__proto__', 'text'])
    expect(Object.getOwnPropertyDescriptor(back.article, '__proto__')?.value).toEqual({ x: 1 })
    expect(back.raw).toEqual(record.raw)
    expect(back).toEqual(expect.objectContaining({ line: 3, source: 'f.jsonl:3' }))
  })

  it('give back an unreadable record as the error record it is', () => {
    const record: FeedInputRecord = { error: { code: 'E_INVALID_RECORD', message: 'not JSON' }, line: 2, source: 'f.jsonl:2' }
    expect(decodeEntry(asRead(2, encodeEntry(record, 0))).record).toEqual(record)
  })

  it('refuse an entry that no enqueue wrote', () => {
    expect(() => decodeEntry([Buffer.from('text'), Buffer.from('hello')])).toThrow(expect.objectContaining({ code: 'E_INVALID_RECORD' }))
  })
})
