import { INVISIBLE_CLASS } from './invisible.js'

/**
 * Characters folded away before paragraphs are compared: the invisible set (`invisible.ts`:
 * soft hyphen, zero-width space, word joiner, BOM; ZWNJ/ZWJ are kept), plus the Mongolian
 * vowel separator (U+180E). That one is kept in a block's text, because it selects the shape
 * of the next letter when Mongolian is displayed, but it carries no meaning for comparison.
 */
const INVISIBLE = new RegExp(`[${INVISIBLE_CLASS}\u180E]`, 'g')
/** Apostrophe-like marks folded to `'`. */
const APOSTROPHES = /[\u2018\u2019\u201A\u201B\u2032\u02BC\u02B9\u0060\u00B4\uFF07]/g
/** Quotation marks (CJK corner brackets included) folded to `"`. */
const QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u300C\u300D\u300E\u300F\uFF02]/g
/** Guillemets, folded to `"` last, one character for one, so the step before keeps their direction at the same offsets. */
const GUILLEMETS = /[\u00AB\u00BB\u2039\u203A]/g
/** Hyphen and dash variants folded to `-`. */
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g
/**
 * White space that is not already one plain space: a run of two or more white-space characters
 * of any kind (NBSP, narrow NBSP and ideographic space are in `\s`), or one that is not U+0020.
 * Replacing these by a space is replacing every run by one; matching lone spaces too rebuilt
 * every paragraph's string, a third of the time of {@link foldText} (bench/profile-clean.ts).
 */
const SPACES = /\s{2,}|[^\S ]/g
/** Ellipsis marks, folded to three dots. */
const ELLIPSIS = /\u2026/g
/** What any of the folds above would change (not global: a test, not a search from `lastIndex`). */
const ANY_FOLD = new RegExp([INVISIBLE, APOSTROPHES, QUOTES, DASHES, SPACES, ELLIPSIS].map((fold) => fold.source).join('|'))

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
  let folded = text.normalize('NFKC')
  // One pass to see whether any of the six folds applies: most paragraphs need none, and each
  // pass of a replacement that finds nothing costs as much as this test (bench/profile-clean.ts).
  if (ANY_FOLD.test(folded)) {
    folded = folded
      .replace(INVISIBLE, '')
      .replace(APOSTROPHES, "'")
      .replace(QUOTES, '"')
      .replace(DASHES, '-')
      .replace(ELLIPSIS, '...')
      .replace(SPACES, ' ')
  }
  folded = folded.trim().toLowerCase()
  // toLowerCase() is not full case folding: fold two common cases too (ß, and final sigma, which
  // toLowerCase() itself writes for Σ at a word's end). Most text has neither: looked for first.
  if (folded.includes('ß')) folded = folded.replace(/ß/g, 'ss')
  if (folded.includes('ς')) folded = folded.replace(/ς/g, 'σ')
  return folded
}
