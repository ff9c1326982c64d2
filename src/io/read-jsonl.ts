import { readLines, type Line } from './read-lines.js'
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

/** A line of {@link boundedLines}: decoded, undecodable, or cut because it was too long. */
type BoundedLine = Line | { number: number; tooLarge: true }

/**
 * Passes a byte stream on, keeping at most `max` bytes of each line: the rest of a longer line
 * is dropped as it arrives (never buffered) and its number is added to `cut`. A line's number
 * is in `cut` before `readLines` can yield it, since the cut happens before its newline is passed.
 */
async function* capLines(chunks: AsyncIterable<Uint8Array | string>, max: number, cut: Set<number>): AsyncGenerator<Uint8Array> {
  let line = 1
  let length = 0 // bytes of the current line seen so far, kept or not
  for await (const chunk of chunks) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
    let from = 0 // start of the bytes not yet passed on
    for (let at = 0; ; ) {
      const newline = bytes.indexOf(NEWLINE, at)
      const end = newline === -1 ? bytes.length : newline
      const before = length
      length += end - at
      if (length > max) {
        if (before <= max) {
          cut.add(line)
          const keep = bytes.subarray(from, at + max - before)
          if (keep.length > 0) yield keep
        }
        from = end
      }
      if (newline === -1) break
      line++
      length = 0
      at = newline + 1
    }
    if (from < bytes.length) yield bytes.subarray(from)
  }
}

/** `readLines` with a size limit: a line over `max` bytes comes as `{ number, tooLarge }`. */
async function* boundedLines(chunks: AsyncIterable<Uint8Array | string>, max: number): AsyncGenerator<BoundedLine> {
  const cut = new Set<number>()
  for await (const line of readLines(capLines(chunks, max, cut))) {
    yield cut.delete(line.number) ? { number: line.number, tooLarge: true } : line
  }
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

/** Any line to its record: too large, not UTF-8, blank, or parsed. */
function recordOf(line: BoundedLine, name: string, max: number): FeedInputRecord {
  const at = { line: line.number, source: `${name}:${line.number}` }
  if ('tooLarge' in line) {
    return { error: { code: 'E_INVALID_RECORD', message: `Line ${line.number} is too large (over ${max} bytes)` }, ...at }
  }
  if ('error' in line) {
    const id = idOfUndecodable(line.bytes)
    return { ...(id === undefined ? {} : { id }), error: { code: line.error.code, message: line.error.message }, ...at }
  }
  // A blank line is not an article; it still gets its output line, so output line N is input line N.
  if (line.text.trim() === '') return { error: { code: 'E_INVALID_RECORD', message: `Line ${line.number} is empty` }, ...at }
  return parseLine(line.text, line.number, at.source)
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
  for await (const line of boundedLines(chunks, max)) yield recordOf(line, name, max)
}
