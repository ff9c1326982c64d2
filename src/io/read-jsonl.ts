import { decodeLine, lineBytes, type Line, type LineBytes } from './read-lines.js'
import { MAX_RECORD_SIZE } from './max-record-size.js'
import type { Article, FeedInputRecord } from '../feed/types.js'
import { rawMembers } from './raw-members.js'
import { MAX_FIELD_DEPTH } from '../feed/nests-deeper-than.js'

const NEWLINE = 0x0a

/** Options of {@link readJsonl}. */
export interface ReadJsonlOptions {
  /** Longest line read, in bytes; a longer one gives an error record. Default {@link MAX_RECORD_SIZE}. */
  maxRecordSize?: number
}

/** An article's `id` when it is a string or a number (as written: a number stays a number). */
function idOf(value: unknown): string | number | undefined {
  if (value === null || typeof value !== 'object') return undefined
  const id = (value as { id?: unknown }).id
  return typeof id === 'string' || typeof id === 'number' ? id : undefined
}

/** The `id` of a line that is not valid UTF-8, when it still parses once the bad bytes are replaced. */
function idOfUndecodable(bytes: Uint8Array): string | number | undefined {
  try {
    return idOf(JSON.parse(new TextDecoder('utf-8').decode(bytes)))
  } catch {
    return undefined
  }
}

/**
 * A field nested deeper than this is given to the consumer as `null`, its text kept in `raw`
 * (and written back from there): see `nests-deeper-than.ts`, whose bound this is.
 */
export { MAX_FIELD_DEPTH }

/**
 * One decoded, non-blank line to a record: the object it holds, or why it is none. (The queue
 * rebuilds a queued JSONL record with it, so a worker gets the record `feed` reads.)
 */
export function parseLine(text: string, line: number, source: string): FeedInputRecord {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return { error: { code: 'E_INVALID_RECORD', message: `Line ${line} is not valid JSON (${(error as Error).message})` }, line, source }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { error: { code: 'E_INVALID_RECORD', message: `Line ${line} is not a JSON object` }, line, source }
  }
  const raw = rawMembers(text)
  for (const member of raw) {
    if (member.depth > MAX_FIELD_DEPTH) Object.defineProperty(value, member.key, { value: null, enumerable: true, writable: true, configurable: true })
  }
  return { article: value as Article, line, source, raw }
}

/**
 * One line's bytes (see `lineBytes`) to its record: too large (over `max` bytes), not UTF-8,
 * blank, or parsed; `name` is the input's, shown in `source`.
 */
export function lineRecord(line: LineBytes, name: string, max: number): FeedInputRecord {
  const at = { line: line.number, source: `${name}:${line.number}` }
  if (line.bytes.length > max) {
    return { error: { code: 'E_INVALID_RECORD', message: `Line ${line.number} is too large (over ${max} bytes)` }, ...at }
  }
  const decoded: Line = decodeLine(line)
  if ('error' in decoded) {
    const id = idOfUndecodable(decoded.bytes)
    return { ...(id === undefined ? {} : { id }), error: { code: decoded.error.code, message: decoded.error.message }, ...at }
  }
  // A blank line is not an article; it still gets its output line, so output line N is input line N.
  if (decoded.text.trim() === '') return { error: { code: 'E_INVALID_RECORD', message: `Line ${line.number} is empty` }, ...at }
  return parseLine(decoded.text, line.number, at.source)
}

/**
 * The records of consecutive JSONL lines held whole in `bytes` (each line followed by a
 * newline, the last one's optional), the first of them line `firstLine` of input `name`: what
 * {@link readJsonl} gives for those lines of the input, synchronously. For a batch of lines
 * read in one thread and parsed in another (`clean --workers`); a line over `max` bytes needs
 * only its first `max + 1` here.
 */
export function jsonlRecords(bytes: Uint8Array, firstLine: number, name: string, max: number = MAX_RECORD_SIZE): FeedInputRecord[] {
  const records: FeedInputRecord[] = []
  for (let at = 0, number = firstLine; at < bytes.length; number++) {
    const newline = bytes.indexOf(NEWLINE, at)
    const end = newline === -1 ? bytes.length : newline
    records.push(lineRecord({ number, bytes: bytes.subarray(at, end) }, name, max))
    at = end + 1
  }
  return records
}

/**
 * Reads JSON Lines: one article object per line, streamed (one line in memory at a time).
 * Every line gives exactly one record (a final newline does not start a line), so output
 * record N is input line N. A line that is blank, not valid UTF-8 (each line is decoded
 * strictly, the others still go through), longer than `maxRecordSize` bytes (skipped without
 * being buffered) or not a JSON object gives an error record (with its `id` when it could be
 * read) and reading goes on. Whether the object holds an article body is for the consumer to
 * check (`articleBody`), as for articles from any other source. Records carry their line number
 * and `raw`, the line's members as written (`rawMembers`), so writers can give every field back
 * exactly (`toJsonLine`): big-integer ids keep their digits. A field nested over
 * {@link MAX_FIELD_DEPTH} levels is `null` in `article` and only in `raw`. `__proto__` is an own
 * field like any other.
 *
 * @param chunks Bytes (e.g. a file stream), or already decoded text chunks.
 * @param name Shown in records as `source` (`file:line`).
 */
export async function* readJsonl(
  chunks: AsyncIterable<Uint8Array | string>,
  name = '-',
  options: ReadJsonlOptions = {},
): AsyncGenerator<FeedInputRecord> {
  const max = options.maxRecordSize ?? MAX_RECORD_SIZE
  for await (const line of lineBytes(chunks, max)) yield lineRecord(line, name, max)
}
