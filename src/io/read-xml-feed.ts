import { bomEncoding, MAX_RECORD_SIZE, textChunks } from './text-chunks.js'
import { encodingForLabel } from '../parse/sniff-html-charset.js'
import { xmlDeclaredEncoding } from '../parse/xml-declared-encoding.js'
import type { Warning } from '../types.js'
import type { Article, FeedInputRecord } from '../feed/types.js'

/** Bytes read before decoding, to find the XML declaration (it must come first in the document). */
const XML_HEAD_BYTES = 1024
/** Characters kept of a skipped, oversized item between chunks: enough for its end tag to be split across two. */
const SKIP_TAIL = 64
const ITEM_START = /<(item|entry)(?=[\s>/])[^>]*>/i
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: '\u00a0' }

/** Decodes XML character references and unwraps CDATA sections (trimmed). */
export function xmlText(raw: string): string {
  return raw
    .split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)
    .map((part) =>
      part.startsWith('<![CDATA[')
        ? part.slice(9, -3)
        : part.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, name: string) => {
            if (name[0] === '#') {
              const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10)
              return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : all
            }
            return ENTITIES[name.toLowerCase()] ?? all
          }),
    )
    .join('')
    .trim()
}

/** The text of the first element among `names` (namespace prefix included, e.g. `content:encoded`). */
function field(xml: string, names: readonly string[]): string | undefined {
  for (const name of names) {
    const escaped = name.replace(/[.:]/g, (c) => '\\' + c)
    const match = new RegExp(`<${escaped}(?:\\s[^>]*)?>([\\s\\S]*?)</${escaped}>`, 'i').exec(xml)
    if (match && (match[1] ?? '').trim() !== '') return xmlText(match[1] as string)
  }
  return undefined
}

/** Atom `<link href>`: the `alternate` one (or one without `rel`) first. */
function atomLink(xml: string): string | undefined {
  let fallback: string | undefined
  for (const match of xml.matchAll(/<link\b([^>]*?)\/?>/gi)) {
    const attrs = match[1] ?? ''
    const href = /\bhref\s*=\s*["']([^"']*)["']/i.exec(attrs)?.[1]
    if (!href) continue
    const rel = /\brel\s*=\s*["']([^"']*)["']/i.exec(attrs)?.[1]
    if (!rel || rel === 'alternate') return xmlText(href)
    fallback ??= xmlText(href)
  }
  return fallback
}

/** One `<item>`/`<entry>` to an article: id from guid/id (else link), url, title, published, body as HTML. */
function toArticle(xml: string): Article | null {
  const url = field(xml, ['link']) ?? atomLink(xml)
  const id = field(xml, ['guid', 'id']) ?? url
  const title = field(xml, ['title'])
  const published = field(xml, ['pubDate', 'published', 'updated', 'dc:date'])
  const body = field(xml, ['content:encoded', 'content', 'description', 'summary'])
  if (body === undefined) return null
  const article: Article = { html: body }
  if (id !== undefined) article.id = id
  if (url !== undefined) article.url = url
  if (title !== undefined) article.title = title
  if (published !== undefined) article.published = published
  return article
}

/**
 * The encoding of an XML document from its first bytes: a byte order mark wins, then UTF-16
 * without one (`<?` as 16-bit units), then the `encoding` of the XML declaration, else UTF-8.
 * A declaration naming UTF-16 in a document that reads as ASCII is wrong, and ignored.
 *
 * @returns A supported TextDecoder encoding, or `{ unknown }` with a label it does not know.
 */
export function xmlEncoding(head: Uint8Array): string | { unknown: string } {
  const bom = bomEncoding(head)
  if (bom) return bom
  if (head[0] === 0x3c && head[1] === 0x00 && head[2] === 0x3f && head[3] === 0x00) return 'utf-16le'
  if (head[0] === 0x00 && head[1] === 0x3c && head[2] === 0x00 && head[3] === 0x3f) return 'utf-16be'
  // The declaration and labels are read as `decodeBytes` reads them (Encoding standard labels).
  const label = xmlDeclaredEncoding(head)?.trim()
  if (label === undefined) return 'utf-8'
  const encoding = encodingForLabel(label)
  if (encoding === null || !decodable(encoding)) return { unknown: label }
  return encoding.startsWith('utf-16') ? 'utf-8' : encoding
}

/** The first `XML_HEAD_BYTES` bytes of a stream (or its first chunk when it yields strings), and the rest. */
async function peekHead(
  chunks: AsyncIterable<Uint8Array | string>,
): Promise<{ head: Uint8Array | string; all: AsyncIterable<Uint8Array | string> }> {
  const iterator = chunks[Symbol.asyncIterator]()
  const seen: Array<Uint8Array | string> = []
  let size = 0
  while (size < XML_HEAD_BYTES) {
    const next = await iterator.next()
    if (next.done) break
    seen.push(next.value)
    if (typeof next.value === 'string') break
    size += next.value.length
  }
  async function* all(): AsyncGenerator<Uint8Array | string> {
    yield* seen
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value
  }
  const head = typeof seen[0] === 'string' ? seen[0] : Buffer.concat(seen as Uint8Array[])
  return { head, all: all() }
}

/**
 * Decodes an XML document per its BOM or declaration (see {@link xmlEncoding}); string chunks
 * are taken as already decoded.
 *
 * @returns The text chunks, or an error message when the declared encoding is unknown.
 */
async function decodeXml(chunks: AsyncIterable<Uint8Array | string>, warn: ((warning: Warning) => void) | undefined): Promise<{ text: AsyncIterable<string> } | { error: string }> {
  const { head, all } = await peekHead(chunks)
  const encoding = typeof head === 'string' ? 'utf-8' : xmlEncoding(head)
  if (typeof encoding !== 'string') return { error: `unknown encoding "${encoding.unknown}" in the XML declaration` }
  const invalid = (count: number): void =>
    warn?.({ code: 'invalid-bytes', message: `${count} byte sequence${count === 1 ? ' is' : 's are'} not valid ${encoding}: replaced by U+FFFD`, count })
  return { text: textChunks(all, encoding, invalid) }
}

/** Whether `encoding` decodes text: the standard's "replacement" encoding decodes anything to one U+FFFD. */
function decodable(encoding: string): boolean {
  return encoding !== 'replacement'
}

/** Options of {@link readXmlFeed}. */
export interface ReadXmlFeedOptions {
  /** Longest item read, in characters; a longer one gives an error record. Default {@link MAX_RECORD_SIZE}. */
  maxRecordSize?: number
  /** Told, at the end of the document, how many invalid byte sequences were replaced by U+FFFD (an `invalid-bytes` warning). @default undefined */
  warn?: (warning: Warning) => void
}

/** One complete `<item>`/`<entry>` (its content between the tags) to its record. */
function itemRecord(tag: string, inner: string, source: string): FeedInputRecord {
  const article = toArticle(inner)
  if (article) return { article, source }
  const id = field(inner, ['guid', 'id']) ?? field(inner, ['link']) ?? atomLink(inner)
  return { ...(id === undefined ? {} : { id }), error: { code: 'E_INVALID_RECORD', message: `<${tag}> without content, description or summary` }, source }
}

/** The message of an item over the size limit. */
function tooLarge(tag: string, max: number): string {
  return `<${tag}> is too large (over ${max} characters)`
}

/**
 * What to keep of a buffer with no item start in it: an unfinished tag at its end (it may be
 * an item start cut by the chunk boundary), unless that is already longer than `max`.
 */
function keptTail(buffer: string, max: number): string {
  const open = buffer.lastIndexOf('<')
  if (open === -1 || buffer.indexOf('>', open) !== -1 || buffer.length - open > max) return ''
  return buffer.slice(open)
}

/**
 * A small, tolerant streaming reader of RSS 2.0, RSS 1.0 and Atom: each `<item>` or `<entry>`
 * becomes an article (`id` from `guid`/`id`, else the link; `url`, `title`, `published` from
 * `pubDate`/`published`/`updated`; body from `content:encoded`/`content`/`description`/
 * `summary`, read as HTML). Not a validating XML parser: it reads elements by name and keeps
 * only one item in memory at a time. An item without a body gives an error record; so does an
 * item longer than `maxRecordSize` characters, whose rest is skipped unbuffered up to its end tag.
 * Bytes are decoded per the BOM or the XML declaration's `encoding` (UTF-8 when there is none);
 * an encoding TextDecoder does not know gives one error record for the whole document.
 *
 * @param chunks Bytes (e.g. a file stream), or already decoded text chunks.
 * @param name Shown in records as `source` (`file#n`).
 */
export async function* readXmlFeed(
  chunks: AsyncIterable<Uint8Array | string>,
  name = '-',
  options: ReadXmlFeedOptions = {},
): AsyncGenerator<FeedInputRecord> {
  const max = options.maxRecordSize ?? MAX_RECORD_SIZE
  const decoded = await decodeXml(chunks, options.warn)
  if ('error' in decoded) {
    yield { error: { code: 'E_INVALID_RECORD', message: decoded.error }, source: name }
    return
  }
  let buffer = ''
  let n = 0
  /** The end tag of an oversized item being skipped, else `null`. */
  let skipping: RegExp | null = null
  /** How much of the buffer was already searched for the current item's end tag. */
  let searched = 0
  for await (const chunk of decoded.text) {
    buffer += chunk
    for (;;) {
      if (skipping) {
        skipping.lastIndex = 0
        const close = skipping.exec(buffer)
        if (!close) {
          buffer = buffer.slice(-SKIP_TAIL)
          break
        }
        buffer = buffer.slice(close.index + close[0].length)
        skipping = null
      }
      const start = ITEM_START.exec(buffer)
      if (!start) {
        buffer = keptTail(buffer, max)
        break
      }
      if (start.index > 0) {
        buffer = buffer.slice(start.index)
        searched = 0
        continue
      }
      const tag = (start[1] as string).toLowerCase()
      const endTag = new RegExp(`</${tag}\\s*>`, 'gi')
      endTag.lastIndex = Math.max(start[0].length, searched - SKIP_TAIL)
      const close = endTag.exec(buffer)
      if (!close) {
        // Not too large while its end tag could still start at or before `max`.
        if (buffer.length <= max + SKIP_TAIL) {
          searched = buffer.length
          break
        }
        yield { error: { code: 'E_INVALID_RECORD', message: tooLarge(tag, max) }, source: `${name}#${++n}` }
        skipping = endTag
        buffer = buffer.slice(-SKIP_TAIL)
        searched = 0
        continue
      }
      const end = close.index
      searched = 0
      const inner = buffer.slice(start[0].length, end)
      buffer = buffer.slice(end + close[0].length)
      const source = `${name}#${++n}`
      yield end > max ? { error: { code: 'E_INVALID_RECORD', message: tooLarge(tag, max) }, source } : itemRecord(tag, inner, source)
    }
  }
}
