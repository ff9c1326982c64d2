import { INVISIBLE_UNITS } from './invisible.js'
import { isSpace } from './is-space.js'

/** What a character becomes in {@link foldText}'s fold pass (see {@link foldKind}). */
const KEEP = 0
/** Dropped: the invisible set (see {@link FOLD_RANGES}). */
const DROP = 1
const APOSTROPHE = 2
const QUOTE = 3
const DASH = 4
const ELLIPSIS = 5
/** White space: a run of it becomes one space. */
const SPACE = 6

/**
 * The folds of {@link foldText}, as `[first, last, kind]` code point ranges; a later range wins
 * over an earlier one (U+FEFF is white space to JavaScript, but invisible here).
 *
 * - White space: not listed here; every code unit {@link isSpace} holds (JavaScript's `\s`) is
 *   white space first, and these ranges are laid over it.
 * - Apostrophe-like marks → `'`; quotation marks (CJK corner brackets included) → `"`; hyphen
 *   and dash variants → `-`; the ellipsis → three dots.
 * - Dropped: the invisible set (`invisible.ts`: soft hyphen, zero-width space, word joiner, BOM;
 *   ZWNJ/ZWJ are kept), plus the Mongolian vowel separator (U+180E). That one is kept in a
 *   block's text, because it selects the shape of the next letter when Mongolian is displayed,
 *   but it carries no meaning for comparison.
 */
const FOLD_RANGES: ReadonlyArray<readonly [number, number, number]> = [
  [0x2018, 0x201b, APOSTROPHE], [0x2032, 0x2032, APOSTROPHE], [0x02bc, 0x02bc, APOSTROPHE], [0x02b9, 0x02b9, APOSTROPHE],
  [0x60, 0x60, APOSTROPHE], [0xb4, 0xb4, APOSTROPHE], [0xff07, 0xff07, APOSTROPHE],
  [0x201c, 0x201f, QUOTE], [0x2033, 0x2033, QUOTE], [0x300c, 0x300f, QUOTE], [0xff02, 0xff02, QUOTE],
  [0x2010, 0x2015, DASH], [0x2212, 0x2212, DASH], [0xfe58, 0xfe58, DASH], [0xfe63, 0xfe63, DASH], [0xff0d, 0xff0d, DASH],
  [0x2026, 0x2026, ELLIPSIS],
  ...INVISIBLE_UNITS.map((c) => [c, c, DROP] as const), [0x180e, 0x180e, DROP],
]

/** The fold kind of a code unit of the BMP (white space first, then {@link FOLD_RANGES} over it). */
function foldKind(c: number): number {
  let kind = isSpace(c) ? SPACE : KEEP
  for (const [first, last, k] of FOLD_RANGES) if (c >= first && c <= last) kind = k
  return kind
}

/** Guillemets, folded to `"` last, one character for one, so the step before keeps their direction at the same offsets. */
const GUILLEMETS = /[\u00AB\u00BB\u2039\u203A]/g

/**
 * Normalizes text for comparison: Unicode NFKC, case folding, quote/apostrophe/dash variants
 * unified, zero-width characters dropped, white space collapsed and trimmed.
 *
 * Two paragraphs are `exact` duplicates when their normalized forms are equal.
 *
 * @param text Any text.
 * @returns The comparison form of `text`; never shown to users.
 * @example normalizeText('L’été  —  «Oui»') // "l'été - \"oui\""
 */
export function normalizeText(text: string): string {
  return foldGuillemets(foldText(text))
}

/**
 * The last step of {@link normalizeText}: guillemets to `"`, one character for one.
 * @param folded Text from {@link foldText}.
 */
export function foldGuillemets(folded: string): string {
  // The result of the last foldText(), as find-duplicates passes it: known to hold none or some.
  if (folded === lastFolded && !lastHasGuillemets) return folded
  GUILLEMETS.lastIndex = 0
  if (!GUILLEMETS.test(folded)) return folded
  // One code unit for one, in one pass: a global replace costs ~100 ns per match and grew
  // faster than the input on millions of them (a run of `»`: 1.0 s for 8 M, 15× this loop).
  if (!folded.isWellFormed()) return folded.replace(GUILLEMETS, '"') // the decoder would replace lone surrogates
  // Written into the fold's scratch (foldText is done with it), read back by its Buffer view.
  if (foldScratch.length < folded.length) foldScratch = new Uint16Array(folded.length)
  const units = foldScratch
  for (let k = 0; k < folded.length; k++) {
    const c = folded.charCodeAt(k)
    units[k] = c === 0xab || c === 0xbb || c === 0x2039 || c === 0x203a ? 0x22 : c
  }
  const replaced = decodeUnits(units, folded.length)
  if (foldScratch.length > KEPT_SCRATCH) foldScratch = new Uint16Array(1024)
  return replaced
}

/** Whether a `Uint16Array` lies in memory little-endian (almost everywhere). */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1
/** Reads a `Uint16Array`'s bytes as they lie in memory, BOM kept. */
const UTF16 = new TextDecoder(LITTLE_ENDIAN ? 'utf-16le' : 'utf-16be', { ignoreBOM: true })

/** What {@link decodeUnits} uses of Node's `Buffer`: a view of bytes, read as UTF-16LE. */
interface UnitBytes {
  toString(encoding: 'utf16le', start: number, end: number): string
}
/** What {@link decodeUnits} uses of Node's `Buffer` class: a view of bytes. */
interface UnitBytesClass {
  from(bytes: ArrayBuffer, offset: number, length: number): UnitBytes
}
// Node's `Buffer` where there is one, read by name: the browser build has no reference to Node's global.
const NODE_BUFFER = (globalThis as Record<string, unknown>)['Buffer'] as UnitBytesClass | undefined
/**
 * Units past which {@link decodeUnits} takes the decoder; it also does for a scratch array longer
 * than this (one a huge text grew, released after the call): a view cached on it would keep it
 * alive until the next fold that decodes, however long the wait.
 */
const BUFFER_UNITS = 1 << 16
/** The bytes {@link bufferView} is a view of, and that view. */
let viewed: ArrayBufferLike | null = null
let bufferView: UnitBytes | null = null

/**
 * The string of `units[0, n)` (well formed: the decoder would replace a lone surrogate). In Node,
 * read by a `Buffer` view of the same bytes: `toString('utf16le')` took a quarter to a third of
 * the time of `TextDecoder` (which goes through ICU's converter) on paragraphs of 40 to 1,000
 * units (2026-12-02); the same string.
 */
function decodeUnits(units: Uint16Array, n: number): string {
  if (NODE_BUFFER === undefined || !LITTLE_ENDIAN || n >= BUFFER_UNITS || units.length > BUFFER_UNITS || !(units.buffer instanceof ArrayBuffer)) return UTF16.decode(units.subarray(0, n))
  if (units.buffer !== viewed) {
    viewed = units.buffer
    bufferView = NODE_BUFFER.from(units.buffer, 0, units.buffer.byteLength)
  }
  return bufferView!.toString('utf16le', units.byteOffset, units.byteOffset + 2 * n)
}

/**
 * {@link normalizeText} but for guillemets, which keep their direction (« » ‹ ›): sentence
 * splitting needs it (French `« Nous partons. » Puis…` ends after the `»`). Replacing the
 * guillemets of this form by `"` gives `normalizeText(text)`, at the same offsets.
 *
 * It is, by definition, the chain NFKC → the folds of {@link FOLD_RANGES} → `trim()` →
 * `toLowerCase()` → `ß` to `ss` → `ς` to `σ` (`test/text/normalize-text.test.ts` holds it equal to
 * that chain on every code unit and on random strings); everything after NFKC runs in one pass,
 * and NFKC itself only on text that has a unit it could change (see {@link FOLD_TABLES}).
 *
 * @param text Any text.
 * @returns The comparison form with guillemets kept.
 */
export function foldText(text: string): string {
  return foldUnits(text, FOLD_TABLES.raw) ?? (foldUnits(text.normalize('NFKC'), FOLD_TABLES.normalized) as string)
}

/*
 * What one code unit becomes in {@link foldUnits}: a code unit (≥ 0) written for it — its lower
 * case, or the fold of its mark — or one of the kinds below (< 0). Guillemets are written as they
 * are, flagged with {@link GUILLEMET_FLAG} so that the pass can tell whether the guillemet fold
 * has anything to do.
 */
/**
 * White space: a run of it becomes one space; none at either end (the chain's `trim()`). -1, next
 * to the units: the pass tells both from the rest with one comparison (see {@link foldUnits}).
 */
const U_SPACE = -1
/** Dropped (the invisible set, see {@link FOLD_RANGES}). */
const U_DROP = -2
/** The ellipsis: three dots. */
const U_ELLIPSIS = -3
/** `ß` and `ẞ` (whose lower case is `ß`): `ss`. */
const U_SHARP_S = -4
/** U+0130 (I with dot above), whose lower case is two units: `i` and U+0307. */
const U_I_DOT = -5
/** A high surrogate: the pair's lower case, for the astral scripts that have case. */
const U_HIGH = -6
/** A low surrogate not after a high one. */
const U_LOW = -7
/** A unit NFKC may change, or one it may change with its neighbour (the `raw` table only). */
const U_NFKC = -8
const GUILLEMET_FLAG = 0x10000

/** Not looked at yet: {@link learnFold} fills the unit in, in both tables. */
const U_UNKNOWN = -9

/**
 * The tables of {@link foldUnits}. `normalized` folds text already in NFKC; `raw` folds any
 * text, and is the same but for the units that need NFKC first ({@link U_NFKC}). NFKC leaves a
 * text as it is, unit by unit, when each of its units is a starter that nothing composes with
 * and that NFKC maps to itself: that is most text, and NFKC was a third of the fold's time. A unit
 * NFKC maps to another one that folds the same (a no-break space, the Kelvin sign, the ellipsis)
 * needs no NFKC either. Astral text always goes through NFKC.
 *
 * A unit is learned the first time a text has it ({@link learnFold}, about a microsecond): a
 * table of the whole BMP built at once cost ~30 ms, which the first `clean()` of a short text paid.
 */
const FOLD_TABLES = { raw: new Int32Array(0x10000).fill(U_UNKNOWN), normalized: new Int32Array(0x10000).fill(U_UNKNOWN) }

/** Fills in unit `c` of both {@link FOLD_TABLES}; returns its entry in `table` (one of them). */
function learnFold(c: number, table: Int32Array): number {
  const { raw, normalized } = FOLD_TABLES
  const fold = normalizedFold(c)
  normalized[c] = fold
  raw[c] = needsNfkc(c) ? U_NFKC : fold
  return table[c]!
}

/** The fold of unit `c` in text already in NFKC. */
function normalizedFold(c: number): number {
  if (c >= 0xd800 && c <= 0xdbff) return U_HIGH
  if (c >= 0xdc00 && c <= 0xdfff) return U_LOW
  if (c === 0xab || c === 0xbb || c === 0x2039 || c === 0x203a) return c | GUILLEMET_FLAG
  const kind = foldKind(c)
  if (kind === DROP) return U_DROP
  if (kind === SPACE) return U_SPACE
  if (kind === APOSTROPHE) return 0x27
  if (kind === QUOTE) return 0x22
  if (kind === DASH) return 0x2d
  if (kind === ELLIPSIS) return U_ELLIPSIS
  // `toLowerCase` maps every unit of the BMP but U+0130 to one unit, whatever surrounds it but
  // for final sigma (Σ to ς at a word's end), the one context rule of the root locale: σ and ς
  // both fold to σ here.
  if (c === 0x130) return U_I_DOT
  if (c === 0x3a3) return 0x3c3
  const lower = String.fromCharCode(c).toLowerCase().charCodeAt(0)
  return lower === 0xdf ? U_SHARP_S : lower === 0x3c2 ? 0x3c3 : lower
}

/** Whether NFKC may change unit `c`, alone or with a neighbour, in a way its fold does not already. */
function needsNfkc(c: number): boolean {
  if (c >= 0xd800 && c <= 0xdfff) return true // astral text (CJK compatibility ideographs, mathematical letters, astral marks)
  if (combines(c)) return true
  const to = isolatedNfkc(c)
  if (to === c || c === 0x2026) return false // the ellipsis: NFKC's three dots fold as its fold
  return to < 0 || combines(to) || isolatedNfkc(to) !== to || normalizedFold(to) !== normalizedFold(c)
}

/** Marks combine with the unit before them (and NFKC reorders them); conjoining jamo compose into a syllable with the one before. */
function combines(c: number): boolean {
  return (c >= 0x1160 && c <= 0x11ff) || (c >= 0xd7b0 && c <= 0xd7ff) || MARK.test(String.fromCharCode(c))
}

const MARK = /\p{M}/u

/** The one unit NFKC maps unit `c` to alone, `-1` when it maps it to more or fewer than one. */
function isolatedNfkc(c: number): number {
  const nfkc = String.fromCharCode(c).normalize('NFKC')
  return nfkc.length === 1 ? nfkc.charCodeAt(0) : -1
}

/** Where {@link foldUnits} writes; grown as needed, reused (one paragraph at a time). */
let foldScratch = new Uint16Array(1024)

/** `foldText`'s last result, and whether it holds a guillemet: `foldGuillemets` of it then costs nothing. */
let lastFolded = ''
let lastHasGuillemets = false

/**
 * {@link foldText} after NFKC, in one pass over the code units: what a chain of passes did (the
 * marks folded, `trim()`, `toLowerCase()`, `ß` and `ς`: a string and a scan each), without
 * building a string per step. A paragraph the folds leave as it is (no capital, no mark, no
 * run of white space) is read to its end and returned as it is.
 *
 * @param table One of {@link FOLD_TABLES}: `raw` for any text, `normalized` for text in NFKC.
 * @returns The folded text; `null` when `table` is `raw` and the text needs NFKC first.
 */
function foldUnits(text: string, table: Int32Array): string | null {
  const length = text.length
  // The first unit a fold changes: a space that starts the text or follows one, or any unit the
  // table does not map to itself.
  let first = 0
  let inSpace = true
  for (; first < length; first++) {
    const c = text.charCodeAt(first)
    if (table[c] === c) inSpace = false
    else if (c === 0x20 && !inSpace) inSpace = true
    else break
  }
  if (first === length) {
    lastHasGuillemets = false
    lastFolded = inSpace && length > 0 ? text.slice(0, length - 1) : text
    return lastFolded
  }
  // An ellipsis becomes three units: the most the text can grow to.
  if (foldScratch.length < 3 * length) foldScratch = new Uint16Array(3 * length)
  const out = foldScratch
  for (let k = 0; k < first; k++) out[k] = text.charCodeAt(k)
  let n = first
  let guillemets = false
  let wellFormed = true
  // 1 after white space (and at the start), else 0: a number, for the arithmetic below.
  let spaced = inSpace ? 1 : 0
  for (let i = first; i < length; i++) {
    const c = text.charCodeAt(i)
    const fold = table[c]!
    if (fold >= U_SPACE && fold < GUILLEMET_FLAG) {
      // A unit written as its fold, or white space, without a branch on which: white space is
      // written as a space and kept (n moves on) only after a unit, not at the start nor after
      // more white space. A branch there went the wrong way at every word's end, and this pass
      // took twice the time of a plain copy (2026-12-02, bench corpus).
      const space = fold >>> 31
      out[n] = fold + (0x20 - U_SPACE) * space
      n += 1 - (space & (spaced | ((n - 1) >>> 31)))
      spaced = space
    } else if (fold === U_UNKNOWN) {
      learnFold(c, table)
      i-- // read again, now that the tables know it
    } else if (fold >= GUILLEMET_FLAG) {
      out[n++] = c
      guillemets = true
      spaced = 0
    } else if (fold !== U_DROP) {
      // A dropped character neither ends a run of white space nor starts one ("a \u200b b" → "a b").
      spaced = 0
      if (fold === U_ELLIPSIS) {
        out[n++] = 0x2e
        out[n++] = 0x2e
        out[n++] = 0x2e
      } else if (fold === U_SHARP_S) {
        out[n++] = 0x73
        out[n++] = 0x73
      } else if (fold === U_I_DOT) {
        out[n++] = 0x69
        out[n++] = 0x307
      } else if (fold === U_NFKC) {
        return null
      } else if (fold === U_HIGH && i + 1 < length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        // Every pair is lower-cased, not only the planes that have cased letters today: the
        // Unicode version comes with the machine's ICU, and a newer one may add cased letters
        // elsewhere, which `toLowerCase()` in the old chain would have folded.
        const pair = String.fromCharCode(c, text.charCodeAt(++i)).toLowerCase()
        // Two units in leave room for six out (the scratch is three per unit): more than any case mapping gives.
        for (let k = 0; k < pair.length; k++) out[n++] = pair.charCodeAt(k)
      } else {
        out[n++] = c // a lone surrogate, kept
        wellFormed = false
      }
    }
  }
  if (spaced === 1 && n > 0 && out[n - 1] === 0x20) n-- // the chain's trim() at the end
  const folded = unitsToString(out, n, wellFormed)
  if (foldScratch.length > KEPT_SCRATCH) foldScratch = new Uint16Array(1024)
  lastFolded = folded
  lastHasGuillemets = guillemets
  return folded
}

/** A scratch grown past this (units) for one huge paragraph is let go, not kept for all later ones. */
const KEPT_SCRATCH = 1 << 16

/**
 * The string of `units[0, n)`. The UTF-16 decoder is the fast way, but it would replace lone
 * surrogates, which the folds keep: text that has any is built by `String.fromCharCode` in chunks.
 */
function unitsToString(units: Uint16Array, n: number, wellFormed: boolean): string {
  if (wellFormed) return decodeUnits(units, n)
  let out = ''
  for (let k = 0; k < n; k += 8192) out += String.fromCharCode(...units.subarray(k, Math.min(n, k + 8192)))
  return out
}
