/**
 * The boundary to `html-encoding-sniffer` (the only file importing it): the WHATWG
 * "prescan a byte stream to determine its encoding" over `<meta charset>` and
 * `<meta http-equiv="Content-Type" content="…; charset=…">`, and the Encoding standard's
 * label table (`iso-8859-1`, `latin1`, `us-ascii` → `windows-1252`, `x-sjis` → `shift_jis`…).
 *
 * @module
 */
import sniffHtmlEncoding from 'html-encoding-sniffer'
import { indexOfMeta, META_WINDOW } from './index-of-meta.js'

/** What the sniffer returns when it found nothing: it hands back the default as given. */
const NOTHING = ''
/** The prescan reads this many bytes from where it starts (the HTML standard's figure). */
const PRESCAN_WINDOW = 1024

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
  const end = Math.min(bytes.length, META_WINDOW)
  for (let at = indexOfMeta(bytes, PRESCAN_WINDOW - 5, end); at !== -1; at = indexOfMeta(bytes, at + 5, end)) {
    const found = sniffHtmlEncoding(bytes.subarray(at, Math.min(end, at + PRESCAN_WINDOW)), { defaultEncoding: NOTHING })
    if (found !== NOTHING) return found.toLowerCase()
  }
  return null
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
