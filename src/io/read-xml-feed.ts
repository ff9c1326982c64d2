import { bomEncoding, MAX_RECORD_SIZE, textChunks } from './text-chunks.js'
import { encodingForLabel } from '../parse/sniff-html-charset.js'
import { xmlDeclaredEncoding } from '../parse/xml-declared-encoding.js'
import type { Warning } from '../types.js'
import type { Article, FeedInputRecord } from '../feed/types.js'
import { ItemEnd } from './item-end.js'
import { blankCdata, elementRange, findCloseTag, findOpenTag, splitCdata, SPACE_END_OR_SLASH, unendedOpenTag, WORD_BOUNDARY } from './xml-tags.js'

/** Bytes read before decoding, to find the XML declaration (it must come first in the document). */
const XML_HEAD_BYTES = 1024
/** Characters kept of a skipped, oversized item between chunks: enough for its end tag to be split across two. */
const SKIP_TAIL = 64
const ITEM_TAGS = ['item', 'entry'] as const
/**
 * Longest item start tag, `<` to `>`, in characters: a longer one is text (its `>` is some other
 * tag's). Real ones are under a few hundred (`<entry xml:lang="fr">`, `<item rdf:about="…">`);
 * the bound makes a `<item` whose `>` has not come yet a question settled within this many
 * characters, however the document is cut.
 */
const MAX_ITEM_TAG = 4096
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: '\u00a0' }

/** Decodes XML character references and unwraps CDATA sections (trimmed). */
export function xmlText(raw: string): string {
  return splitCdata(raw)
    .map((part) =>
      part.cdata
        ? part.text
        : part.text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, name: string) => {
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

/** An item's text, and the same with its CDATA sections blanked out, where its tags are searched. */
interface ItemText {
  xml: string
  tags: string
}

/** The text of the first element among `names` (namespace prefix included, e.g. `content:encoded`). */
function field(item: ItemText, names: readonly string[]): string | undefined {
  for (const name of names) {
    const range = elementRange(item.tags, name)
    const content = range === undefined ? undefined : item.xml.slice(range[0], range[1])
    if (content !== undefined && content.trim() !== '') return xmlText(content)
  }
  return undefined
}

/** Atom `<link href>`: the `alternate` one (or one without `rel`) first. */
function atomLink({ tags: xml }: ItemText): string | undefined {
  let fallback: string | undefined
  for (let tag = findOpenTag(xml, ['link'], 0, WORD_BOUNDARY); tag !== null; tag = findOpenTag(xml, ['link'], tag.end, WORD_BOUNDARY)) {
    const attrs = tag.attributes.endsWith('/') ? tag.attributes.slice(0, -1) : tag.attributes
    const href = /\bhref\s*=\s*["']([^"']*)["']/i.exec(attrs)?.[1]
    if (!href) continue
    const rel = /\brel\s*=\s*["']([^"']*)["']/i.exec(attrs)?.[1]
    if (!rel || rel === 'alternate') return xmlText(href)
    fallback ??= xmlText(href)
  }
  return fallback
}

/** One `<item>`/`<entry>` to an article: id from guid/id (else link), url, title, published, body as HTML. */
function toArticle(xml: ItemText): Article | null {
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
function itemRecord(tag: string, xml: string, source: string): FeedInputRecord {
  const inner = { xml, tags: blankCdata(xml) }
  const article = toArticle(inner)
  if (article) return { article, source }
  const id = field(inner, ['guid', 'id']) ?? field(inner, ['link']) ?? atomLink(inner)
  return { ...(id === undefined ? {} : { id }), error: { code: 'E_INVALID_RECORD', message: `<${tag}> without content, description or summary` }, source }
}

/** The message of an item over the size limit. */
function tooLarge(tag: string, max: number): string {
  return `<${tag}> is too large (over ${max} characters)`
}

const COMMENT_OPEN = '<!--'
const COMMENT_CLOSE = '-->'
/**
 * Longest comment skipped, in characters (1 MiB, or the record size limit if less): a `<!--` with
 * no `-->` after it for longer is no comment anyone meant (a broken feed), and the items after it
 * are read rather than lost.
 */
const COMMENT_MAX = 1 << 20

/**
 * The comment still open at offset `at` of `buffer`: where its `<!--` starts and where its `-->`
 * is (-1 when not in `buffer`), or `null`; a `<!--` before `textBefore` is text. The last `<!--`
 * before `at` is the one to look at: a comment ends at the first `-->`, so one opened earlier and
 * still open would hold it. Looks back over the text before `at` only, and forward only to that
 * comment's end.
 */
function openComment(buffer: string, at: number, textBefore: number): { start: number; close: number } | null {
  if (at < COMMENT_OPEN.length) return null
  const start = buffer.lastIndexOf(COMMENT_OPEN, at - COMMENT_OPEN.length)
  if (start === -1 || start < textBefore) return null
  const close = buffer.indexOf(COMMENT_CLOSE, start + COMMENT_OPEN.length)
  return close !== -1 && close + COMMENT_CLOSE.length <= at ? null : { start, close }
}

/**
 * What to keep of a buffer with no item start in it: an unfinished tag at its end (it may be
 * an item start or a `<!--` cut by the chunk boundary), unless that is already too long to be one.
 */
function keptTail(buffer: string): string {
  const open = buffer.lastIndexOf('<')
  if (open === -1 || buffer.indexOf('>', open) !== -1 || buffer.length - open > MAX_ITEM_TAG) return ''
  return buffer.slice(open)
}

/**
 * A small, tolerant streaming reader of RSS 2.0, RSS 1.0 and Atom: each `<item>` or `<entry>`
 * becomes an article (`id` from `guid`/`id`, else the link; `url`, `title`, `published` from
 * `pubDate`/`published`/`updated`; body from `content:encoded`/`content`/`description`/
 * `summary`, read as HTML). Not a validating XML parser: it reads elements by name and keeps
 * only one item in memory at a time. An item without a body gives an error record; so does an
 * item longer than `maxRecordSize` characters, whose rest is skipped unbuffered up to its end tag,
 * and an item the document ends in. Inside an item, CDATA sections are text (`item-end.ts` finds
 * its end; its fields are searched with CDATA blanked out); an item read that way that meets
 * another item's start, or reaches no end within `maxRecordSize`, is read plainly, to its first
 * end tag. Linear time in the document, whatever it holds (tags are found by `xml-tags.ts` and
 * `item-end.ts`, which read each character a bounded number of times). The records do not
 * depend on how the document is cut into chunks, except where a comment runs past its limit
 * (1 MiB, or `maxRecordSize` if less): whether its `-->` came within the limit is judged on the
 * chunks read. Bytes are decoded per the BOM or the XML declaration's `encoding` (UTF-8 when there is none);
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
  const commentMax = Math.min(COMMENT_MAX, max)
  const decoded = await decodeXml(chunks, options.warn)
  if ('error' in decoded) {
    yield { error: { code: 'E_INVALID_RECORD', message: decoded.error }, source: name }
    return
  }
  let buffer = ''
  let n = 0
  /** The name of an oversized item being skipped to its end tag, else `null`. */
  let skipping = null as string | null
  /**
   * An item whose end tag has not come yet: its text so far, in pieces. Appending each chunk to
   * one string and searching it again made every search flatten (copy) the whole item: quadratic
   * in the item's size. Only the new chunk, after the last characters already read, is searched.
   */
  let open = null as { tag: string; contentStart: number; parts: string[]; length: number; tail: string; end: ItemEnd } | null
  /**
   * A comment whose end has not come yet (the items inside a comment are no items): its text so
   * far from its `<!--`, in pieces, as for {@link open}; `null` when none.
   */
  let comment = null as { parts: string[]; length: number; tail: string } | null
  /**
   * Where in `buffer` a `<!--` opens a comment again: before it, after a comment given up on (no
   * `-->` followed it in what is read), every `<!--` is text; none of them can end in that text.
   */
  let textBefore = 0
  const record = (tag: string, text: string, contentStart: number, end: number): FeedInputRecord => {
    const source = `${name}#${++n}`
    return end > max ? { error: { code: 'E_INVALID_RECORD', message: tooLarge(tag, max) }, source } : itemRecord(tag, text.slice(contentStart, end), source)
  }
  for await (const chunk of decoded.text) {
    if (comment !== null) {
      const window = comment.tail + chunk
      const close = window.indexOf(COMMENT_CLOSE)
      if (close === -1) {
        comment.parts.push(chunk)
        comment.length += chunk.length
        comment.tail = window.slice(1 - COMMENT_CLOSE.length)
        // Longer than a comment may be: read on after its `<!--`, as if it were text.
        if (comment.length > commentMax) {
          buffer = comment.parts.join('').slice(COMMENT_OPEN.length)
          textBefore = buffer.length
          comment = null
          yield* drain()
        }
        continue
      }
      buffer = window.slice(close + COMMENT_CLOSE.length)
      textBefore = 0
      comment = null
    } else if (open !== null) {
      const found = open.end.feed(chunk)
      open.parts.push(chunk)
      open.length += chunk.length
      open.tail = (open.tail + chunk).slice(-SKIP_TAIL)
      if (found === null) {
        // Not too large while its end tag could still start at or before `max`.
        if (open.length > max + SKIP_TAIL) yield* overLimit()
        continue
      }
      yield* ended(found)
    } else buffer += chunk
    yield* drain()
  }
  for (;;) {
    // A comment the document never ends is no comment anyone meant: what follows its `<!--` is read.
    if (comment !== null) {
      buffer = comment.parts.join('').slice(COMMENT_OPEN.length)
      // No `-->` comes after it: none of the `<!--` after it ends either.
      textBefore = buffer.length
      comment = null
      yield* drain()
    } else if (open !== null && !open.end.plain) {
      // Its CDATA sections gave it no end: read plainly, it may have one.
      yield* readPlainly()
      yield* drain()
    } else break
  }
  // The document ended inside an item: that item is one bad record, not a silent loss.
  if (open !== null) yield { error: { code: 'E_INVALID_RECORD', message: `<${open.tag}> has no end tag before the end of the document` }, source: `${name}#${++n}` }

  /**
   * The open item's end as {@link ItemEnd} found it (`[start, end)` in its text): its record,
   * and the text after it left in the buffer; read plainly when it says so, or when the end it
   * found with CDATA sections is past `max` (then the item is as a reader without CDATA reads it).
   */
  function* ended(found: [number, number] | 'plain'): Generator<FeedInputRecord> {
    const item = open!
    if (found === 'plain' || (found[0] - item.contentStart > max && !item.end.plain)) {
      yield* readPlainly()
      return
    }
    open = null
    const text = item.parts.join('')
    yield record(item.tag, text, item.contentStart, found[0])
    buffer = text.slice(found[1])
    textBefore = 0
  }

  /**
   * Reads the open item plainly, from its start tag: its first end tag ends it, in a CDATA
   * section or not. Without one in the text so far, it stays open (the next chunks are read
   * plainly), or, past `max`, is too large.
   */
  function* readPlainly(): Generator<FeedInputRecord> {
    const item = open!
    const text = item.parts.join('')
    const end = new ItemEnd(item.tag, true)
    // Read plainly, an item has an end tag or none yet (never 'plain').
    const found = end.feed(text, item.contentStart) as [number, number] | null
    if (found === null) {
      open = { ...item, parts: [text], end }
      if (item.length > max + SKIP_TAIL) yield* overLimit()
      return
    }
    open = null
    yield record(item.tag, text, item.contentStart, found[0])
    buffer = text.slice(found[1])
    textBefore = 0
  }

  /** The open item is longer than `max` and its end has not come: one error record, and its rest skipped. */
  function* overLimit(): Generator<FeedInputRecord> {
    const item = open!
    // Only when read plainly: its CDATA sections may be what made it run on.
    if (!item.end.plain) {
      yield* readPlainly()
      return
    }
    open = null
    yield { error: { code: 'E_INVALID_RECORD', message: tooLarge(item.tag, max) }, source: `${name}#${++n}` }
    skipping = item.tag
    buffer = item.tail
  }

  /** Reads the items the buffer holds, up to the first one it does not hold whole. */
  function* drain(): Generator<FeedInputRecord> {
    /** Drops the buffer's first `k` characters. */
    const cut = (k: number): void => {
      buffer = buffer.slice(k)
      textBefore = Math.max(0, textBefore - k)
    }
    for (;;) {
      if (skipping !== null) {
        const close = findCloseTag(buffer, skipping, 0, true)
        if (close === null) {
          cut(Math.max(0, buffer.length - SKIP_TAIL))
          return
        }
        cut(close[1])
        skipping = null
      }
      const start = findOpenTag(buffer, ITEM_TAGS, 0, SPACE_END_OR_SLASH, MAX_ITEM_TAG)
      // An item start whose `>` has not come yet (and may, within MAX_ITEM_TAG): what follows it
      // is read once it has come, as it is when the document comes in one piece.
      const unended = start === null ? unendedOpenTag(buffer, ITEM_TAGS, Math.max(0, buffer.length - MAX_ITEM_TAG), SPACE_END_OR_SLASH) : -1
      // A comment still open where the item starts (or at the buffer's end) hides it.
      const hidden = openComment(buffer, start !== null ? start.start : unended !== -1 ? unended : buffer.length, textBefore)
      if (hidden !== null) {
        if (hidden.close !== -1) cut(hidden.close + COMMENT_CLOSE.length)
        else if (buffer.length - hidden.start > commentMax) {
          // Longer than a comment may be: read on after its `<!--`, as if it were text (no `-->` follows it here).
          cut(hidden.start + COMMENT_OPEN.length)
          textBefore = buffer.length
        } else {
          const rest = buffer.slice(hidden.start)
          // Its end is looked for after its `<!--` (`<!-->` does not end it).
          comment = { parts: [rest], length: rest.length, tail: rest.slice(Math.max(COMMENT_OPEN.length, rest.length - COMMENT_CLOSE.length + 1)) }
          buffer = ''
          textBefore = 0
          return
        }
        continue
      }
      if (start === null) {
        cut(unended !== -1 ? unended : buffer.length - keptTail(buffer).length)
        return
      }
      if (start.start > 0) {
        cut(start.start)
        continue
      }
      // `<item/>`: an item without content (its record says so), not the start of one that the next item's end closes.
      if (start.attributes.endsWith('/')) {
        yield record(start.name, '', 0, 0)
        cut(start.end)
        continue
      }
      const end = new ItemEnd(start.name)
      const found = end.feed(buffer, start.end)
      if (found !== null && found !== 'plain' && found[0] - start.end <= max) {
        yield record(start.name, buffer, start.end, found[0])
        cut(found[1])
        continue
      }
      open = { tag: start.name, contentStart: start.end, parts: [buffer], length: buffer.length, tail: buffer.slice(-SKIP_TAIL), end }
      buffer = ''
      textBefore = 0
      if (found !== null) yield* ended(found)
      else if (open.length > max + SKIP_TAIL) yield* overLimit()
      else return
    }
  }
}
