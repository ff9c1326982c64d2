/** `<?xml version="1.0" encoding="…"?>` at the very start (after white space, which some writers leave). */
const XML_DECLARATION = /^[\t\n\r ]*<\?xml[\t\n\r ][^>]*?encoding[\t\n\r ]*=[\t\n\r ]*(?:"([^"]*)"|'([^']*)')/

/** An XML declaration is this short; more is not read. */
const DECLARATION_WINDOW = 1024

/**
 * The encoding label of an XML declaration (`<?xml version="1.0" encoding="ISO-8859-1"?>`),
 * read from the bytes as ASCII, as XML processors read it before choosing a decoder.
 *
 * @param bytes The document, undecoded, in an ASCII-compatible encoding.
 * @returns The label (not yet resolved), or `null` when there is no declaration naming one.
 */
export function xmlDeclaredEncoding(bytes: Uint8Array): string | null {
  let head = ''
  const end = Math.min(bytes.length, DECLARATION_WINDOW)
  for (let k = 0; k < end; k++) head += String.fromCharCode(bytes[k]!)
  const match = XML_DECLARATION.exec(head)
  return match ? (match[1] ?? match[2] ?? null) : null
}
