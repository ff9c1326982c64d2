import { DedupeError } from '../errors.js'
import type { FeedInputRecord } from '../feed/types.js'
import { parseLine } from '../io/read-jsonl.js'

/** One article (or unreadable record) as a stream entry stores it: field names and values, in order. */
export type EntryFields = Array<string | Buffer>

/** A record read back from a stream entry. */
export interface QueuedRecord {
  /** Arrival order in the queue, from 1: the order `feed` would have read the records in. */
  n: number
  /** When it was enqueued (ms since epoch): the arrival time `feed` would have given it. */
  arrival: number
  record: FeedInputRecord
}

/** Prefix of the fields that hold an article's byte bodies (`b:html`), which JSON cannot carry. */
const BYTES = 'b:'

/**
 * The fields of one record's stream entry (its `n` is added by the enqueue script): `arrival`,
 * `record` (the record as JSON, byte bodies left out) and one `b:<field>` per byte body of the
 * article (an HTML page, a text file), stored as the bytes read; for a JSONL record, `record`
 * without the article and `jsonl`, the line's members as written, parsed again by the worker. So a worker gets back the very
 * record `feed` would have judged: the article's fields, its raw JSON members (ids and extra
 * fields written back as they came in), its line, source and whether it is a whole page.
 */
export function encodeEntry(record: FeedInputRecord, arrival: number): EntryFields {
  const fields: EntryFields = ['arrival', String(arrival)]
  if ('error' in record) {
    fields.push('record', JSON.stringify(record))
    return fields
  }
  if (record.raw !== undefined && record.line !== undefined && record.source !== undefined) {
    // A JSONL record: its members as written, which the worker parses as `feed`'s reader does
    // (the article is what JSON.parse gives of them): the bytes of the line, not a second copy.
    const text = `{${record.raw.map((m) => `${JSON.stringify(m.key)}:${m.text}`).join(',')}}`
    const { article: _article, raw: _raw, ...rest } = record
    fields.push('record', JSON.stringify(rest), 'jsonl', text)
    return fields
  }
  const article: Record<string, unknown> = {}
  const bytes: Array<[string, Buffer]> = []
  for (const [key, value] of Object.entries(record.article)) {
    if (value instanceof Uint8Array) bytes.push([key, Buffer.from(value.buffer, value.byteOffset, value.byteLength)])
    else Object.defineProperty(article, key, { value, enumerable: true, writable: true, configurable: true }) // `__proto__` too
  }
  fields.push('record', JSON.stringify({ ...record, article }))
  for (const [key, value] of bytes) fields.push(`${BYTES}${key}`, value)
  return fields
}

/**
 * Reverse of {@link encodeEntry}, from the flat field list a stream read returns (as Buffers).
 * @throws {DedupeError} `E_INVALID_RECORD` for an entry that no `enqueue` wrote.
 */
export function decodeEntry(fields: readonly Buffer[]): QueuedRecord {
  let n = Number.NaN
  let arrival = Number.NaN
  let record: FeedInputRecord | null = null
  let jsonl: string | null = null
  const bytes: Array<[string, Uint8Array]> = []
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const name = (fields[i] as Buffer).toString('utf8')
    const value = fields[i + 1] as Buffer
    if (name === 'n') n = Number(value.toString())
    else if (name === 'arrival') arrival = Number(value.toString())
    else if (name === 'record') record = JSON.parse(value.toString('utf8')) as FeedInputRecord
    else if (name === 'jsonl') jsonl = value.toString('utf8')
    else if (name.startsWith(BYTES)) bytes.push([name.slice(BYTES.length), new Uint8Array(value)])
  }
  if (record === null || !Number.isSafeInteger(n) || !Number.isFinite(arrival)) {
    throw new DedupeError('E_INVALID_RECORD', 'A queue entry without the fields `enqueue` writes (n, arrival, record)')
  }
  if (jsonl !== null && !('error' in record) && record.line !== undefined && record.source !== undefined) {
    record = { ...record, ...parseLine(jsonl, record.line, record.source) }
  }
  if ('article' in record) for (const [key, value] of bytes) record.article[key] = value
  return { n, arrival, record }
}
