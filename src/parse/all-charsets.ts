/**
 * The charset libraries, imported statically: what the library's `decodeBytes()` and `clean()`
 * use (see `format-parsers.ts`).
 *
 * @module
 */
import type { Charsets } from './decode-bytes-with.js'
import { createTextDecoder } from './create-text-decoder.js'
import { detectCharset } from './detect-charset.js'
import { encodingForLabel, prescanMetaCharset } from './sniff-html-charset.js'

/** The `<meta>` prescan and label table, the detector and the legacy decoders, all loaded. */
export const allCharsets: Charsets = Object.freeze({ metaCharset: prescanMetaCharset, encodingForLabel, detectCharset, textDecoder: createTextDecoder })
