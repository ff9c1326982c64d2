import { describe, expect, it } from 'vitest'
import { jsonlRecords, readJsonl } from '../../src/io/read-jsonl.js'
import { lineBytes, type LineBytes } from '../../src/io/read-lines.js'
import type { FeedInputRecord } from '../../src/feed/types.js'

async function* source(chunks: ReadonlyArray<Uint8Array | string>): AsyncGenerator<Uint8Array | string> {
  for (const chunk of chunks) yield chunk
}

async function read(chunks: ReadonlyArray<Uint8Array | string>, maxRecordSize?: number): Promise<FeedInputRecord[]> {
  const records: FeedInputRecord[] = []
  for await (const record of readJsonl(source(chunks), 'in', maxRecordSize === undefined ? {} : { maxRecordSize })) records.push(record)
  return records
}

/** Records as `[source, id or error code]`. */
const simple = (records: FeedInputRecord[]) =>
  records.map((r) => [r.source, 'error' in r ? r.error.code : String(r.article.id)])

/** The same bytes cut every `size` bytes. */
function cut(text: string | Uint8Array, size: number): Uint8Array[] {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text
  const parts: Uint8Array[] = []
  for (let at = 0; at < bytes.length; at += size) parts.push(bytes.subarray(at, at + size))
  return parts
}

const line = (id: number, text = 'body') => JSON.stringify({ id, text })

describe('readJsonl', () => {
  it('gives a blank or whitespace-only line an error record, so record N is line N', async () => {
    const records = await read([[line(1), '', '  \t', line(4)].join('\n') + '\n'])
    expect(simple(records)).toEqual([['in:1', '1'], ['in:2', 'E_INVALID_RECORD'], ['in:3', 'E_INVALID_RECORD'], ['in:4', '4']])
    expect(records[1]).toEqual({ error: { code: 'E_INVALID_RECORD', message: 'Line 2 is empty' }, line: 2, source: 'in:2' })
  })

  it('does not take the final newline (LF or CRLF) for a blank line', async () => {
    expect(simple(await read([`${line(1)}\r\n${line(2)}\r\n`]))).toEqual([['in:1', '1'], ['in:2', '2']])
    expect(simple(await read([`${line(1)}\n`]))).toEqual([['in:1', '1']])
    expect(await read([''])).toEqual([])
  })

  it('gives a line with invalid UTF-8 an E_INVALID_UTF8 record (with its id) and reads on', async () => {
    const bytes = Buffer.concat([Buffer.from(`${line(1)}\n{"id":2,"text":"caf`), Buffer.from([0xff]), Buffer.from(`"}\n${line(3, 'été')}\n`)])
    for (const size of [1, 3, bytes.length]) {
      const records = await read(cut(bytes, size))
      expect(simple(records)).toEqual([['in:1', '1'], ['in:2', 'E_INVALID_UTF8'], ['in:3', '3']])
      expect(records[1]).toEqual({ id: 2, error: { code: 'E_INVALID_UTF8', message: 'Line 2 is not valid UTF-8' }, line: 2, source: 'in:2' })
      expect(records[2]).toMatchObject({ article: { text: 'été' } })
    }
  })

  it('gives a line over the size limit an error record and resumes at the next line', async () => {
    const long = line(2, 'x'.repeat(100))
    const text = [line(1), long, line(3), long, ''].join('\n')
    for (const size of [1, 7, 40, text.length]) {
      const records = await read(cut(text, size), 50)
      expect(simple(records)).toEqual([['in:1', '1'], ['in:2', 'E_INVALID_RECORD'], ['in:3', '3'], ['in:4', 'E_INVALID_RECORD']])
      expect(records[1]).toEqual({ error: { code: 'E_INVALID_RECORD', message: 'Line 2 is too large (over 50 bytes)' }, line: 2, source: 'in:2' })
    }
  })

  it('reads a line of exactly the limit, and an oversized last line without newline', async () => {
    const exact = line(1, 'y'.repeat(20))
    const records = await read([`${exact}\n${line(2, 'z'.repeat(40))}`], exact.length)
    expect(simple(records)).toEqual([['in:1', '1'], ['in:2', 'E_INVALID_RECORD']])
  })

  it('does not buffer the rest of an oversized line', async () => {
    // 64 MiB on one line, 1 MiB at a time (the same buffer again and again): only the first KiB is kept.
    const chunk = Buffer.alloc(1024 * 1024, 0x61)
    async function* huge(): AsyncGenerator<Uint8Array> {
      yield Buffer.from(`${line(1)}\n`)
      for (let i = 0; i < 64; i++) yield chunk
      yield Buffer.from(`\n${line(3)}\n`)
    }
    const records: FeedInputRecord[] = []
    for await (const record of readJsonl(huge(), 'in', { maxRecordSize: 1024 })) records.push(record)
    expect(simple(records)).toEqual([['in:1', '1'], ['in:2', 'E_INVALID_RECORD'], ['in:3', '3']])
  })

  it('still reads already decoded text chunks', async () => {
    expect(simple(await read([line(1, 'é').slice(0, 5), line(1, 'é').slice(5) + '\n', `${line(2)}\n`]))).toEqual([['in:1', '1'], ['in:2', '2']])
  })
})

describe('jsonlRecords', () => {
  // Lines of every kind readJsonl tells apart: records, blank, not UTF-8, CRLF, a byte-order
  // mark, not an object, not JSON, too large (over 60 bytes), a big-integer id; the last without newline.
  const lines: Uint8Array[] = [
    Buffer.from(line(1)),
    Buffer.from(''),
    Buffer.from('  \t'),
    Buffer.concat([Buffer.from('{"id":4,"text":"caf'), Buffer.from([0xff]), Buffer.from('"}')]),
    Buffer.from(`${line(5)}\r`),
    Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(line(6))]),
    Buffer.from('[7]'),
    Buffer.from('{not json'),
    Buffer.from(line(9, 'x'.repeat(100))),
    Buffer.from('{"id":12345678901234567890123,"text":"t"}'),
    Buffer.from(line(11, 'été')),
  ]
  const joined = (from: number, to: number): Uint8Array => Buffer.concat(lines.slice(from, to).flatMap((bytes, i) => (from + i === lines.length - 1 ? [bytes] : [bytes, Buffer.from('\n')])))

  it('gives the lines of any run of whole lines, numbered from its first, the records readJsonl gives them', async () => {
    const all = await read(cut(joined(0, lines.length), 5), 60)
    expect(all).toHaveLength(lines.length)
    expect(new Set(all.map((r) => ('error' in r ? r.error.code : 'ok')))).toEqual(new Set(['ok', 'E_INVALID_RECORD', 'E_INVALID_UTF8']))
    for (let from = 0; from < lines.length; from++) {
      for (let to = from + 1; to <= lines.length; to++) expect(jsonlRecords(joined(from, to), from + 1, 'in', 60)).toEqual(all.slice(from, to))
    }
  })

  it('takes the lines lineBytes reads (a long line cut to its first max + 1 bytes) for what readJsonl reads', async () => {
    const split: LineBytes[] = []
    for await (const each of lineBytes(source(cut(joined(0, lines.length), 3)), 60)) split.push(each)
    expect(split.map((each) => each.number)).toEqual(lines.map((_, i) => i + 1))
    expect(split[8]!.bytes.length).toBe(61)
    const bytes = Buffer.concat(split.flatMap((each) => [each.bytes, Buffer.from('\n')]))
    expect(jsonlRecords(bytes, 1, 'in', 60)).toEqual(await read([joined(0, lines.length)], 60))
  })
})

