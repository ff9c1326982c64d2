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

/**
 * Whether the letters of `text` are possible in language `tag`. One forbidden letter rules a short
 * text out; a long one (≥ 100 letters) needs two, since a foreign name may slip in.
 * @example fitsAlphabet('ru', 'Київ — столиця України') // false
 */
export function fitsAlphabet(tag: string, text: string): boolean {
  const forbidden = FORBIDDEN[tag]
  const required = REQUIRED[tag]
  if (forbidden === undefined && required === undefined) return true
  const lower = text.length > 400 ? text.slice(0, 400).toLowerCase() : text.toLowerCase()
  if (forbidden !== undefined) {
    let hits = 0
    for (let i = 0; i < lower.length; i++) if (forbidden.includes(lower[i]!)) hits++
    if (hits > 0 && (hits >= 2 || lower.length < 100)) return false
  }
  if (required !== undefined && lower.length >= REQUIRED_AFTER) {
    let found = false
    for (let i = 0; i < lower.length && !found; i++) found = required.includes(lower[i]!)
    if (!found) return false
  }
  return true
}
