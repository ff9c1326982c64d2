import { gzipSync } from 'node:zlib'

/** One WARC record for a test: its WARC headers and its block (HTTP headers and payload for a response). */
export interface TestWarcRecord {
  type: 'warcinfo' | 'request' | 'response' | 'revisit' | 'metadata' | 'resource'
  id: string
  url?: string
  date?: string
  /** For `response`: the HTTP status line and headers, then the payload bytes. */
  http?: { status?: string; headers: Record<string, string> }
  payload: Uint8Array | string
}

/**
 * The bytes of one WARC/1.0 record, written by hand as the WARC 1.0 spec lays it out: version
 * line, headers, CRLF, the block (Content-Length bytes), CRLF CRLF.
 */
export function warcRecord(record: TestWarcRecord): Buffer {
  const payload = typeof record.payload === 'string' ? Buffer.from(record.payload) : Buffer.from(record.payload)
  const httpHead = record.http
    ? Buffer.from(`${record.http.status ?? 'HTTP/1.1 200 OK'}\r\n${Object.entries(record.http.headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`)
    : Buffer.alloc(0)
  const block = Buffer.concat([httpHead, payload])
  const headers = [
    'WARC/1.0',
    `WARC-Type: ${record.type}`,
    `WARC-Record-ID: <${record.id}>`,
    `WARC-Date: ${record.date ?? '2026-11-30T08:00:00Z'}`,
    ...(record.url ? [`WARC-Target-URI: ${record.url}`] : []),
    `Content-Type: ${record.http ? 'application/http; msgtype=response' : record.type === 'request' ? 'application/http; msgtype=request' : 'application/warc-fields'}`,
    `Content-Length: ${block.length}`,
  ]
  return Buffer.concat([Buffer.from(`${headers.join('\r\n')}\r\n\r\n`), block, Buffer.from('\r\n\r\n')])
}

/** A WARC file: the records one after the other; with `gzip`, each record its own gzip member (as .warc.gz files are). */
export function warcFile(records: TestWarcRecord[], gzip = false): Buffer {
  return Buffer.concat(records.map((r) => (gzip ? gzipSync(warcRecord(r)) : warcRecord(r))))
}
