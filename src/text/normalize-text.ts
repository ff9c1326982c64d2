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
 * @param text Any text.
 * @returns The comparison form with guillemets kept.
 */
export function foldText(text: string): string {
  let folded = foldMarks(text.normalize('NFKC')).trim().toLowerCase()
  // toLowerCase() is not full case folding: fold two common cases too (ß, and final sigma, which
  // toLowerCase() itself writes for Σ at a word's end). Most text has neither: looked for first.
  if (folded.includes('ß')) folded = folded.replace(/ß/g, 'ss')
  if (folded.includes('ς')) folded = folded.replace(/ς/g, 'σ')
  return folded
}

/** Where {@link foldMarks} writes; grown as needed, reused (one paragraph at a time). */
let foldScratch = new Uint16Array(1024)

/**
 * The folds of {@link FOLD_RANGES} in one pass over the code units: what the chain of six global
 * replacements did (invisible characters dropped, then marks, then runs of white space to one
 * space), without building a string per replacement. Most paragraphs need no fold: they are
 * read up to their end and returned as they are. (A regular expression testing for any fold was
 * slower than this loop, a character class of the folds' ranges twice as slow again.)
 */
function foldMarks(text: string): string {
  // The first unit a fold changes: a folded character other than a space, or a space after one.
  let first = 0
  let inSpace = false
  for (; first < text.length; first++) {
    const c = text.charCodeAt(first)
    const kind = FOLD_KIND[c]!
    if (kind === KEEP) inSpace = false
    else if (c === 0x20 && !inSpace) inSpace = true
    else break
  }
  if (first === text.length) return text
  // An ellipsis becomes three units: the most the text can grow to.
  if (foldScratch.length < 3 * text.length) foldScratch = new Uint16Array(3 * text.length)
  const out = foldScratch
  for (let k = 0; k < first; k++) out[k] = text.charCodeAt(k)
  let n = first
  for (let i = first; i < text.length; i++) {
    const c = text.charCodeAt(i)
    const kind = FOLD_KIND[c]!
    if (kind === KEEP) {
      out[n++] = c
      inSpace = false
    } else if (kind === SPACE) {
      if (!inSpace) out[n++] = 0x20
      inSpace = true
    } else if (kind !== DROP) {
      // A dropped character neither ends a run of white space nor starts one ("a \u200b b" → "a b").
      inSpace = false
      if (kind === APOSTROPHE) out[n++] = 0x27
      else if (kind === QUOTE) out[n++] = 0x22
      else if (kind === DASH) out[n++] = 0x2d
      else {
        out[n++] = 0x2e
        out[n++] = 0x2e
        out[n++] = 0x2e
      }
    }
  }
  const folded = unitsToString(out, n, text)
  if (foldScratch.length > KEPT_SCRATCH) foldScratch = new Uint16Array(1024)
  return folded
}

/** A scratch grown past this (units) for one huge paragraph is let go, not kept for all later ones. */
const KEPT_SCRATCH = 1 << 16

/**
 * The string of `units[0, n)`. The UTF-16 decoder is the fast way, but it would replace lone
 * surrogates, which the folds keep: text that has any (`source` is not well-formed, and the folds
 * neither make nor mend surrogates) is built by `String.fromCharCode` in chunks.
 */
function unitsToString(units: Uint16Array, n: number, source: string): string {
  if (source.isWellFormed()) return UTF16.decode(units.subarray(0, n))
  let out = ''
  for (let k = 0; k < n; k += 8192) out += String.fromCharCode(...units.subarray(k, Math.min(n, k + 8192)))
  return out
}
