/**
 * The largest record a feed reader holds in memory: one JSONL line (in bytes) or one RSS
 * `<item>` / Atom `<entry>` (in characters, once decoded). A longer one gives an error record
 * and is skipped without being buffered, so a file with a missing newline or a missing end tag
 * cannot exhaust memory. 64 MiB is far above any real article.
 */
export const MAX_RECORD_SIZE = 64 * 1024 * 1024

/** The encoding named by a byte order mark at the start of `bytes`, if there is one. */
export function bomEncoding(bytes: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8'
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le'
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be'
  return undefined
}

/**
 * Decodes a byte or string stream as text, chunk by chunk (characters split across chunks are
 * joined; a BOM at the start is dropped; string chunks are passed on as they are). Memory stays
 * bounded by the chunk size. Invalid bytes become U+FFFD: for JSON Lines, prefer `readJsonl` on
 * the bytes, which decodes each line strictly.
 *
 * @param encoding A WHATWG encoding label (`utf-8`, `iso-8859-1`, `windows-1252`, …).
 * @throws RangeError on the first read when `encoding` is not a supported label.
 */
export async function* textChunks(stream: AsyncIterable<Uint8Array | string>, encoding = 'utf-8'): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding)
  let first = true
  for await (const chunk of stream) {
    let text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true })
    if (first && text !== '') {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
      first = false
    }
    if (text !== '') yield text
  }
  const rest = decoder.decode()
  if (rest !== '') yield rest
}
