/**
 * The boundary to `warcio` (the only file importing it): WARC files (CC-NEWS, Heritrix,
 * wget, browsertrix crawls), plain or gzipped record by record, as articles.
 *
 * @module
 */
import { WARCParser } from 'warcio'
import type { Article, FeedInputRecord } from '../feed/types.js'
import { decodeBytes } from '../parse/decode-bytes.js'
import { pagePublished } from '../parse/page-published.js'

/** A WARC record that is not read as an article, and why. */
export interface SkippedWarcRecord {
  /** `WARC-Type` (`warcinfo`, `request`, `response`, `revisit`, `metadata`…). */
  type: string
  /** `WARC-Target-URI`, when the record has one. */
  url?: string
  reason: 'not-response' | 'not-html' | 'status' | 'content-encoding'
}

/** Options of {@link readWarc}. */
export interface ReadWarcOptions {
  /** Called for each record that is skipped (so a summary can count them). @default undefined */
  skipped?: (record: SkippedWarcRecord) => void
}

/** HTTP content codings that warcio undoes (or that need nothing undone). */
const DECODED_CODINGS = new Set(['identity', '', 'gzip', 'x-gzip', 'deflate'])

/** Media types read as HTML pages. */
const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml'])

/**
 * Reads the `response` records of a WARC file whose HTTP payload is an HTML page, as articles:
 * `id` the WARC-Record-ID (without its angle brackets), `url` the WARC-Target-URI, `published`
 * the page's own date (`article:published_time`, `datePublished`, see `pagePublished`) else the
 * WARC-Date, `html` the payload bytes (chunked transfer and gzip/deflate content encoding
 * undone; a payload in another coding, such as br, is skipped) with `contentType` the HTTP Content-Type, so `clean()` decodes them by its charset
 * first (see `decodeBytes`). Other records (warcinfo, request, revisit, metadata; non-HTML
 * payloads; HTTP statuses other than 2xx) are skipped and reported to `options.skipped`.
 * A WARC that cannot be parsed (or bytes with no WARC record) gives one error record and ends the file.
 *
 * @param chunks The file's bytes, plain or gzipped (`.warc.gz`: one gzip member per record).
 * @param name Shown in records as `source` (`file#n`, n the record's 1-based position).
 */
export async function* readWarc(chunks: AsyncIterable<Uint8Array>, name = '-', options: ReadWarcOptions = {}): AsyncGenerator<FeedInputRecord> {
  let n = 0
  let size = 0
  async function* counted(): AsyncGenerator<Uint8Array> {
    for await (const chunk of chunks) {
      size += chunk.length
      yield chunk
    }
  }
  try {
    for await (const record of new WARCParser(counted())) {
      n++
      // warcio reads any bytes as records; a record that does not start with a WARC version line is not one.
      if (!/^WARC\/\d/.test(record.warcHeaders.statusline)) {
        yield { error: { code: 'E_INVALID_RECORD', message: `${name}: record ${n} is not a WARC record (a WARC record starts with "WARC/1.0" or "WARC/1.1")` }, source: `${name}#${n}` }
        return
      }
      const type = String(record.warcType ?? '')
      const url = record.warcTargetURI ?? undefined
      const skip = (reason: SkippedWarcRecord['reason']): void => options.skipped?.({ type, ...(url === undefined ? {} : { url }), reason })
      if (type !== 'response' || record.httpHeaders === null) {
        skip('not-response')
        continue
      }
      const contentType = record.httpHeaders.headers.get('Content-Type') ?? undefined
      const status = Number(record.httpHeaders.statusCode)
      if (!(status >= 200 && status < 300)) {
        skip('status')
        continue
      }
      // warcio undoes gzip and deflate; a payload in another content coding (br, zstd) would be read as garbage.
      const coding = (record.httpHeaders.headers.get('Content-Encoding') ?? 'identity').trim().toLowerCase()
      if (!DECODED_CODINGS.has(coding)) {
        skip('content-encoding')
        continue
      }
      const payload = await record.readFully(true)
      if (!isHtml(contentType, payload)) {
        skip('not-html')
        continue
      }
      yield { article: warcArticle(record.warcHeader('WARC-Record-ID'), url, record.warcDate, payload, contentType), source: `${name}#${n}` }
    }
  } catch (error) {
    yield { error: { code: 'E_INVALID_RECORD', message: `${name}: not a readable WARC file after record ${n} (${(error as Error).message})` }, source: `${name}#${n + 1}` }
    return
  }
  // warcio reads bytes that hold no record as an empty file: say so, rather than read nothing silently.
  if (n === 0 && size > 0) yield { error: { code: 'E_INVALID_RECORD', message: `${name}: no WARC record found (a WARC file starts with "WARC/1.0" or "WARC/1.1")` }, source: `${name}#1` }
}

function warcArticle(recordId: string | null | undefined, url: string | undefined, warcDate: string | null | undefined, payload: Uint8Array, contentType: string | undefined): Article {
  const article: Article = {}
  if (recordId) article.id = recordId.replace(/^<(.*)>$/, '$1')
  if (url !== undefined) article.url = url
  // The date the page declares is the article's; the WARC-Date is only when it was fetched.
  const published = pagePublished(decodeBytes(payload, { format: 'html', ...(contentType === undefined ? {} : { contentType }) }).text) ?? warcDate ?? undefined
  if (published !== undefined) article.published = published
  article.html = payload
  if (contentType !== undefined) article.contentType = contentType
  return article
}

/** An HTML page by its declared media type, or, when it declares none, by its first bytes. */
function isHtml(contentType: string | undefined, payload: Uint8Array): boolean {
  if (contentType !== undefined && contentType.trim() !== '') return HTML_TYPES.has(contentType.split(';')[0]!.trim().toLowerCase())
  let head = ''
  for (let k = 0; k < Math.min(payload.length, 512); k++) head += String.fromCharCode(payload[k]!)
  return /^[\s\uFEFF\u00EF\u00BB\u00BF]*<(?:!doctype\s+html|html|head|body)\b/i.test(head)
}
