/**
 * Alphabet constraints: letters a language's orthography never uses (Russian has no і, Ukrainian no
 * ы, Czech no ä, Slovak no ř, Slovene no ć, Swedish no ø, ...), and letters it can hardly do without
 * (ə in Azerbaijani). Used to reject a detector's choice that the letters of the text contradict.
 */

/** Letters (lower case) that the language's orthography does not use. */
const FORBIDDEN: Readonly<Record<string, string>> = Object.freeze({
  ru: 'іїєґўјљњђћџѓќѕ', uk: 'ыэъёўјљњђћџѓќѕ', be: 'ищъїєґјљњђћџѓќѕ', bg: 'ыэёіїєґўјљњђћџѓќѕ',
  sr: 'йщъыьэюяёіїєґўѓќѕ', mk: 'йщъыьэюяёіїєґўђћ',
  cs: 'äľĺŕôőűąęł', sk: 'ěřůőűąęł', sl: 'ćđ', sv: 'æø', nb: 'äö', nn: 'äö', da: 'äö', tr: 'ə',
  es: 'ãõç', pt: 'ñ', ca: 'ñ', gl: 'ãõç',
})

/** Letters so frequent in the language that a text of some length without them is not in it. */
const REQUIRED: Readonly<Record<string, string>> = Object.freeze({ az: 'ə' })
const REQUIRED_AFTER = 30

/** The languages with forbidden letters, in the order of their bit in {@link forbiddenBits}. */
const FORBIDDEN_TAGS: readonly string[] = Object.keys(FORBIDDEN)
/** Bit of each such language. */
const FORBIDDEN_BIT: Readonly<Record<string, number>> = Object.fromEntries(FORBIDDEN_TAGS.map((tag, k) => [tag, 1 << k]))

/**
 * The code units the forbidden letters span, and for each the bits of the languages that forbid
 * it: one read per character instead of a search of the language's list with a one-character
 * string (a new string for every letter outside Latin-1).
 */
const { first: FIRST, bits: forbiddenBits } = ((): { first: number; bits: Uint32Array } => {
  if (FORBIDDEN_TAGS.length > 32) throw new Error('More languages with forbidden letters than bits')
  let first = 0xffff
  let last = 0
  for (const letters of Object.values(FORBIDDEN)) for (let i = 0; i < letters.length; i++) { first = Math.min(first, letters.charCodeAt(i)); last = Math.max(last, letters.charCodeAt(i)) }
  const bits = new Uint32Array(last - first + 1)
  for (const [tag, letters] of Object.entries(FORBIDDEN)) for (let i = 0; i < letters.length; i++) bits[letters.charCodeAt(i) - first]! |= FORBIDDEN_BIT[tag]!
  return { first, bits }
})()

/**
 * Whether the letters of `text` are possible in language `tag`. One forbidden letter rules a short
 * text out; a long one (≥ 100 letters) needs two, since a foreign name may slip in.
 * @example fitsAlphabet('ru', 'Київ — столиця України') // false
 */
export function fitsAlphabet(tag: string, text: string): boolean {
  const bit = FORBIDDEN_BIT[tag]
  const required = REQUIRED[tag]
  if (bit === undefined && required === undefined) return true
  const lower = text.length > 400 ? text.slice(0, 400).toLowerCase() : text.toLowerCase()
  if (bit !== undefined) {
    let hits = 0
    for (let i = 0; i < lower.length; i++) {
      const at = lower.charCodeAt(i) - FIRST
      if (at >= 0 && at < forbiddenBits.length && (forbiddenBits[at]! & bit) !== 0) hits++
    }
    if (hits > 0 && (hits >= 2 || lower.length < 100)) return false
  }
  // Some code unit of the text is one of the required letters.
  if (required !== undefined && lower.length >= REQUIRED_AFTER && !required.split('').some((unit) => lower.includes(unit))) return false
  return true
}
