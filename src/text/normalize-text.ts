import { isSpace } from './is-space.js'

/** What a character becomes in {@link foldText}'s fold pass (its kind in {@link FOLD_KIND}). */
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
  [0xad, 0xad, DROP], [0x200b, 0x200b, DROP], [0x2060, 0x2060, DROP], [0xfeff, 0xfeff, DROP], [0x180e, 0x180e, DROP],
]

/** The fold kind of every UTF-16 code unit (64 KB, a fill per range). */
const FOLD_KIND = new Uint8Array(0x10000)
for (let c = 0; c < 0x10000; c++) if (isSpace(c)) FOLD_KIND[c] = SPACE
for (const [first, last, kind] of FOLD_RANGES) FOLD_KIND.fill(kind, first, last + 1)

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
  const units = new Uint16Array(folded.length)
  for (let k = 0; k < folded.length; k++) {
    const c = folded.charCodeAt(k)
    units[k] = c === 0xab || c === 0xbb || c === 0x2039 || c === 0x203a ? 0x22 : c
  }
  return UTF16.decode(units)
}

/** Reads a `Uint16Array`'s bytes as they lie in memory (little-endian almost everywhere), BOM kept. */
const UTF16 = new TextDecoder(new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 'utf-16le' : 'utf-16be', { ignoreBOM: true })

/**
 * {@link normalizeText} but for guillemets, which keep their direction (« » ‹ ›): sentence
 * splitting needs it (French `« Nous partons. » Puis…` ends after the `»`). Replacing the
 * guillemets of this form by `"` gives `normalizeText(text)`, at the same offsets.
 *
 * It is, by definition, the chain NFKC → the folds of {@link FOLD_RANGES} → `trim()` →
 * `toLowerCase()` → `ß` to `ss` → `ς` to `σ` (`test/text/normalize-text.test.ts` holds it equal to
 * that chain on every code unit and on random strings); everything after NFKC runs in one pass,
 * and NFKC itself only on text that has a unit it could change (see {@link FoldTables}).
 *
 * @param text Any text.
 * @returns The comparison form with guillemets kept.
 */
export function foldText(text: string): string {
  const tables = (foldTables ??= buildFoldTables())
  return foldUnits(text, tables.raw) ?? (foldUnits(text.normalize('NFKC'), tables.normalized) as string)
}

/*
 * What one code unit becomes in {@link foldUnits}: a code unit (≥ 0) written for it — its lower
 * case, or the fold of its mark — or one of the kinds below (< 0). Guillemets are written as they
 * are, flagged with {@link GUILLEMET_FLAG} so that the pass can tell whether the guillemet fold
 * has anything to do.
 */
/** Dropped (the invisible set, see {@link FOLD_RANGES}). */
const U_DROP = -1
/** White space: a run of it becomes one space; none at either end (the chain's `trim()`). */
const U_SPACE = -2
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

/**
 * The tables of {@link foldUnits}, built on first use. `normalized` folds text already in NFKC;
 * `raw` folds any text, and is the same but for the units that need NFKC first ({@link U_NFKC}).
 * NFKC leaves a text as it is, unit by unit, when each of its units is a starter that nothing
 * composes with and that NFKC maps to itself: that is most text, and NFKC was a third of the
 * fold's time. A unit NFKC maps to another one that folds the same (a no-break space, the Kelvin
 * sign, the ellipsis) needs no NFKC either. Astral text always goes through NFKC.
 */
interface FoldTables {
  readonly raw: Int32Array
  readonly normalized: Int32Array
}

let foldTables: FoldTables | undefined

function buildFoldTables(): FoldTables {
  const normalized = foldTable()
  const raw = normalized.slice()
  // Every unit's NFKC at once: each unit, then a line feed, which nothing composes with.
  const probe = new Uint16Array(0x20000)
  for (let c = 0; c < 0x10000; c++) {
    probe[2 * c] = (c >= 0xd800 && c <= 0xdfff) || c === 0x0a ? 0x61 : c
    probe[2 * c + 1] = 0x0a
  }
  const nfkc = UTF16.decode(probe).normalize('NFKC')
  const isolated = new Int32Array(0x10000).fill(-1) // the unit NFKC maps it to, -1 when more or fewer than one
  for (let c = 0, at = 0; c < 0x10000; c++) {
    const end = nfkc.indexOf('\n', at)
    if (end === at + 1) isolated[c] = nfkc.charCodeAt(at)
    at = end + 1
  }
  isolated[0x0a] = 0x0a
  // Marks combine with the unit before them (and NFKC reorders them); conjoining jamo compose
  // into a syllable with the one before.
  const combines = new Uint8Array(0x10000)
  for (const match of UTF16.decode(probe.filter((_, k) => k % 2 === 0)).matchAll(/\p{M}/gu)) combines[match.index] = 1
  combines.fill(1, 0x1160, 0x1200)
  combines.fill(1, 0xd7b0, 0xd800)
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue
    const to = isolated[c]!
    const same = to === c || (to >= 0 && combines[to] === 0 && isolated[to] === to && normalized[to] === normalized[c])
    if (combines[c] === 1 || !(same || c === 0x2026)) raw[c] = U_NFKC
  }
  // Astral text (CJK compatibility ideographs, mathematical letters, astral marks): NFKC first.
  raw.fill(U_NFKC, 0xd800, 0xdc00)
  return { raw, normalized }
}

function foldTable(): Int32Array {
  const units = new Uint16Array(0x10000)
  for (let c = 0; c < 0x10000; c++) units[c] = c >= 0xd800 && c <= 0xdfff ? 0x61 : c
  units[0x130] = 0x61 // the one BMP unit whose lower case is longer: set apart below
  // `toLowerCase` maps every code unit of the BMP but U+0130 on its own, as one unit, whatever
  // surrounds it (the one context rule of the root locale, final sigma, is overridden: σ and ς
  // both fold to σ). One call over all of them: 65,536 calls cost a tenth of a second.
  const lower = UTF16.decode(units).toLowerCase()
  const table = new Int32Array(0x10000)
  for (let c = 0; c < 0x10000; c++) {
    const kind = FOLD_KIND[c]!
    let fold: number
    if (kind === KEEP) {
      const l = lower.charCodeAt(c)
      fold = l === 0xdf ? U_SHARP_S : l === 0x3c2 ? 0x3c3 : l
    } else if (kind === DROP) fold = U_DROP
    else if (kind === SPACE) fold = U_SPACE
    else if (kind === APOSTROPHE) fold = 0x27
    else if (kind === QUOTE) fold = 0x22
    else if (kind === DASH) fold = 0x2d
    else fold = U_ELLIPSIS
    table[c] = fold
  }
  table[0x3a3] = 0x3c3
  table[0x130] = U_I_DOT
  for (const c of [0xab, 0xbb, 0x2039, 0x203a]) table[c] = c | GUILLEMET_FLAG
  table.fill(U_HIGH, 0xd800, 0xdc00)
  table.fill(U_LOW, 0xdc00, 0xe000)
  return table
}

/** High surrogates of the astral letters that have a lower case (U+10400–U+1E921: Deseret … Adlam). */
const CASED_HIGH_FIRST = 0xd801
const CASED_HIGH_LAST = 0xd83a

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
 * @param table {@link FoldTables}: `raw` for any text, `normalized` for text in NFKC.
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
  for (let i = first; i < length; i++) {
    const c = text.charCodeAt(i)
    const fold = table[c]!
    if (fold >= 0) {
      if (fold < GUILLEMET_FLAG) out[n++] = fold
      else {
        out[n++] = c
        guillemets = true
      }
      inSpace = false
    } else if (fold === U_SPACE) {
      // None at the start: the chain trimmed it.
      if (!inSpace && n > 0) out[n++] = 0x20
      inSpace = true
    } else if (fold !== U_DROP) {
      // A dropped character neither ends a run of white space nor starts one ("a \u200b b" → "a b").
      inSpace = false
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
        const low = text.charCodeAt(++i)
        if (c >= CASED_HIGH_FIRST && c <= CASED_HIGH_LAST) {
          const pair = String.fromCharCode(c, low).toLowerCase()
          out[n++] = pair.charCodeAt(0)
          out[n++] = pair.charCodeAt(1)
        } else {
          out[n++] = c
          out[n++] = low
        }
      } else {
        out[n++] = c // a lone surrogate, kept
        wellFormed = false
      }
    }
  }
  if (inSpace && n > 0 && out[n - 1] === 0x20) n-- // the chain's trim() at the end
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
  if (wellFormed) return UTF16.decode(units.subarray(0, n))
  let out = ''
  for (let k = 0; k < n; k += 8192) out += String.fromCharCode(...units.subarray(k, Math.min(n, k + 8192)))
  return out
}
