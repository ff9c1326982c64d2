/**
 * The charset label a Content-Type value carries, as the WHATWG "extract a MIME type" reads
 * it: the `charset` parameter, quoted or not, of `text/html; charset="koi8-r"`.
 *
 * @param contentType A Content-Type header value.
 * @returns The label (not yet resolved to an encoding), or `null` when there is none.
 * @example charsetOfContentType('text/html; charset=ISO-8859-1') // 'ISO-8859-1'
 */
export function charsetOfContentType(contentType: string): string | null {
  for (const match of contentType.matchAll(CHARSET_PARAMETER)) {
    const value = (match[1] ?? match[2] ?? '').trim()
    if (value !== '') return value
  }
  return null
}

/** `; charset=value` or `; charset="value"` (a quoted value may hold `\"`). */
const CHARSET_PARAMETER = /;\s*charset\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;"\s]+))/gi
