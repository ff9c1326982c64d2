/**
 * The boundary to `html-encoding-sniffer` (the only file importing it): the WHATWG
 * "prescan a byte stream to determine its encoding" over `<meta charset>` and
 * `<meta http-equiv="Content-Type" content="…; charset=…">`, and the Encoding standard's
 * label table (`iso-8859-1`, `latin1`, `us-ascii` → `windows-1252`, `x-sjis` → `shift_jis`…).
 *
 * @module
 */
import sniffHtmlEncoding from 'html-encoding-sniffer'

/** What the sniffer returns when it found nothing: it hands back the default as given. */
const NOTHING = ''
/** The prescan reads this many bytes from where it starts (the HTML standard's figure). */
const PRESCAN_WINDOW = 1024
/**
 * How far into a page a late `<meta charset>` is still honoured. A browser that meets one after
 * the first 1024 bytes while parsing re-decodes the page with it ("change the encoding"); scraped
 * pages often carry long scripts and styles before it. 64 KiB covers the `<head>` of real pages.
 */
const LATE_META_WINDOW = 65_536

/**
 * The encoding a page declares in a `<meta>` element, as a browser finds it: the WHATWG prescan
 * of the first 1024 bytes, then (as a browser's parser would on meeting it later) each
 * `<meta` start up to 64 KiB in. UTF-16 declared in a meta means UTF-8 and `x-user-defined`
 * means windows-1252, per the standard.
 *
 * @param bytes The page, undecoded (a BOM is the caller's business: it wins over any meta).
 * @returns The lower-case WHATWG encoding name (`windows-1251`, `shift_jis`), or `null`.
 */
export function prescanMetaCharset(bytes: Uint8Array): string | null {
  const first = sniffHtmlEncoding(bytes, { defaultEncoding: NOTHING })
  if (first !== NOTHING) return first.toLowerCase()
  const end = Math.min(bytes.length, LATE_META_WINDOW)
  for (let at = indexOfMeta(bytes, PRESCAN_WINDOW - 5, end); at !== -1; at = indexOfMeta(bytes, at + 5, end)) {
    const found = sniffHtmlEncoding(bytes.subarray(at, Math.min(end, at + PRESCAN_WINDOW)), { defaultEncoding: NOTHING })
    if (found !== NOTHING) return found.toLowerCase()
  }
  return null
}

/** Offset of the next `<meta` (ASCII case-insensitive) at or after `from`, before `end`; -1 when none. */
function indexOfMeta(bytes: Uint8Array, from: number, end: number): number {
  for (let k = Math.max(0, from); k + 5 <= end; k++) {
    if (bytes[k] !== 0x3c) continue
    if ((bytes[k + 1]! | 0x20) === 0x6d && (bytes[k + 2]! | 0x20) === 0x65 && (bytes[k + 3]! | 0x20) === 0x74 && (bytes[k + 4]! | 0x20) === 0x61) return k
  }
  return -1
}

/**
 * The encoding a label names, by the WHATWG Encoding standard's table (ASCII white space
 * trimmed, case ignored): `iso-8859-1` and `us-ascii` are `windows-1252`, `gb2312` is `gbk`,
 * `x-sjis` is `shift_jis`.
 *
 * @param label A charset label, as found in a Content-Type header or a declaration.
 * @returns The lower-case encoding name, or `null` for a label the standard does not know.
 */
export function encodingForLabel(label: string): string | null {
  const name = sniffHtmlEncoding(EMPTY, { transportLayerEncodingLabel: label, defaultEncoding: NOTHING })
  return name === NOTHING ? null : name.toLowerCase()
}

const EMPTY = new Uint8Array(0)
