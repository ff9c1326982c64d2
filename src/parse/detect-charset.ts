/**
 * The boundary to `jschardet` (the only file importing it): guesses the encoding of bytes that
 * declare none. Chosen over `chardet` on the measurement of `bench/eval-charset.ts` (see
 * README, "Bytes and charsets"): it tells KOI8-U from KOI8-R and windows-1250 from ISO-8859-2,
 * which chardet does not, and it runs in browsers.
 *
 * @module
 */
import jschardet from 'jschardet'
import { encodingForLabel } from './sniff-html-charset.js'

/** jschardet's names that are no WHATWG label, and the WHATWG encoding that decodes them. */
const DETECTOR_NAMES: Readonly<Record<string, string>> = Object.freeze({
  cp932: 'shift_jis',
  cp949: 'euc-kr',
  shift_jis_2004: 'shift_jis',
  euc_jis_2004: 'euc-jp',
  big5hkscs: 'big5',
  iso2022_jp_2: 'iso-2022-jp',
  'mac-cyrillic': 'x-mac-cyrillic',
  'mac-roman': 'macintosh',
  'tis-620': 'windows-874',
})

/**
 * Bytes the detector reads: enough for its statistics on any article (its own default stops at
 * 200,000), and a bound on the time spent on a huge page.
 */
const DETECT_SAMPLE = 65_536

/**
 * Guesses the encoding of undeclared bytes.
 *
 * @param bytes The input (only its first 64 KiB are read).
 * @returns A lower-case WHATWG encoding name, or `null` when the detector has no answer or
 *   finds plain ASCII (nothing to decide: the default applies).
 */
export function detectCharset(bytes: Uint8Array): string | null {
  const { encoding } = jschardet.detect(bytes.subarray(0, DETECT_SAMPLE))
  if (encoding === null || encoding === '') return null
  const name = encoding.toLowerCase()
  if (name === 'ascii') return null
  return DETECTOR_NAMES[name] ?? encodingForLabel(name.replace(/_/g, '-'))
}
