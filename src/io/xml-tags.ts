/**
 * Finding XML tags by name in one pass, for the feed reader (`read-xml-feed.ts`).
 *
 * Why not a regular expression per tag (`<title(?:\s[^>]*)?>([\s\S]*?)</title>`): on a miss the
 * regex engine retries from every later `<title`, each retry reading to the end of the input,
 * so many unclosed tags (`<title <title …`, `<link …` without `>`, `<![CDATA[` without `]]>`)
 * took time quadratic in the item. Here each function reads the input once from `from`:
 * candidates are found with `indexOf`, and the search stops as soon as no later candidate can
 * complete (no `>` left after an open tag's name).
 *
 * Names are compared ASCII case-insensitively, as the `i` flag did. Not a validating parser: a
 * tag ends at the first `>`, quotes or not. These functions do not skip CDATA themselves: the
 * reader searches an item's fields in its text with CDATA blanked out ({@link blankCdata}) and
 * finds an item's end with `item-end.ts`.
 *
 * @module
 */

/** An open tag found by {@link findOpenTag}. */
export interface OpenTag {
  /** The name of `names` that matched, as given there. */
  name: string
  /** Offset of the `<`. */
  start: number
  /** Offset just after the `>`. */
  end: number
  /** What stands between the name and the `>`. */
  attributes: string
}

/** Which character may follow a tag's name (`''` at the end of the input). */
export type AfterName = (character: string) => boolean

const WHITE = /\s/
/** The markers of a CDATA section. */
export const CDATA_OPEN = '<![CDATA['
export const CDATA_CLOSE = ']]>'

/** White space or `>`: the `<name(?:\s[^>]*)?>` of an element read by name. */
export const SPACE_OR_END: AfterName = (c) => c === '>' || (c !== '' && WHITE.test(c))
/** White space, `>` or `/`: an item or entry start, self-closed included. */
export const SPACE_END_OR_SLASH: AfterName = (c) => c === '/' || SPACE_OR_END(c)
/** Anything but a word character (`\b`). */
export const WORD_BOUNDARY: AfterName = (c) => !/^\w$/.test(c)

/**
 * The first open tag `<name…>` at or after `from` whose name is one of `names` and is followed
 * by a character `after` accepts, up to the first `>`, and at most `maxLength` characters long
 * from `<` to `>` (a longer one is text: its `>` belongs to something else).
 * @returns The tag, or `null` when there is none (then none starts at or after `from`).
 */
export function findOpenTag(xml: string, names: readonly string[], from: number, after: AfterName, maxLength = Infinity): OpenTag | null {
  const lower = names.map((name) => name.toLowerCase())
  for (let at = xml.indexOf('<', from); at !== -1; at = xml.indexOf('<', at + 1)) {
    const k = nameAt(xml, at, lower, after)
    if (k === -1) continue
    const nameEnd = at + 1 + lower[k]!.length
    const close = xml.indexOf('>', nameEnd)
    // No `>` after this name: no later tag can end either.
    if (close === -1) return null
    if (close + 1 - at <= maxLength) return { name: names[k]!, start: at, end: close + 1, attributes: xml.slice(nameEnd, close) }
    // Too long; so is every tag starting before `close + 1 - maxLength`: they end at the same `>`.
    at = Math.max(at, close - maxLength)
  }
  return null
}

/**
 * Where the first tag named one of `names` starts at or after `from` whose `>` has not come in
 * `xml` (the name, then a character `after` accepts or the end of `xml`), or -1.
 */
export function unendedOpenTag(xml: string, names: readonly string[], from: number, after: AfterName): number {
  const lower = names.map((name) => name.toLowerCase())
  const open = (c: string): boolean => c === '' || after(c)
  // Only a tag after the last `>` has no `>` after it.
  for (let at = xml.indexOf('<', Math.max(from, xml.lastIndexOf('>') + 1)); at !== -1; at = xml.indexOf('<', at + 1)) {
    if (nameAt(xml, at, lower, open) !== -1) return at
  }
  return -1
}

/** Which of the lower-case `names` is the name of a tag whose `<` is at `at`, followed by a character `after` accepts; -1 if none. */
function nameAt(xml: string, at: number, lower: readonly string[], after: AfterName): number {
  for (let k = 0; k < lower.length; k++) if (hasNameAt(xml, at + 1, lower[k]!) && after(xml.charAt(at + 1 + lower[k]!.length))) return k
  return -1
}

/**
 * The first end tag `</name>` at or after `from` (with `spaced`, `</name  >` too).
 * @returns `[start, end)` of the tag, or `null`.
 */
export function findCloseTag(xml: string, name: string, from: number, spaced = false): [number, number] | null {
  const lower = name.toLowerCase()
  for (let at = xml.indexOf('</', from); at !== -1; at = xml.indexOf('</', at + 2)) {
    if (!hasNameAt(xml, at + 2, lower)) continue
    let end = at + 2 + lower.length
    if (spaced) while (end < xml.length && WHITE.test(xml.charAt(end))) end++
    if (xml.charCodeAt(end) === 0x3e) return [at, end + 1]
  }
  return null
}

/**
 * Where the text of the first element named `name` at or after `from` is: from the end of its
 * first open tag to the first `</name>` after it (nested elements of the same name are not counted).
 * @returns `[start, end)` of the raw content, or `undefined` when there is no such element.
 */
export function elementRange(xml: string, name: string, from = 0): [number, number] | undefined {
  const open = findOpenTag(xml, [name], from, SPACE_OR_END)
  if (open === null) return undefined
  const close = findCloseTag(xml, name, open.end)
  return close === null ? undefined : [open.end, close[0]]
}

/** The raw content of the element {@link elementRange} finds, or `undefined`. */
export function elementContent(xml: string, name: string, from = 0): string | undefined {
  const range = elementRange(xml, name, from)
  return range === undefined ? undefined : xml.slice(range[0], range[1])
}

/**
 * `xml` with the inside of each CDATA section (as {@link splitCdata} finds them) blanked out,
 * same length: tags are searched in it, so that markup sent as CDATA (`<title>`, `<link>`,
 * `</description>` in an article's HTML) is not taken for the feed's own, and the text is
 * sliced from `xml` at the same offsets.
 */
export function blankCdata(xml: string): string {
  if (!xml.includes(CDATA_OPEN)) return xml
  return splitCdata(xml)
    .map((part) => (part.cdata ? `${CDATA_OPEN}${' '.repeat(part.text.length)}${CDATA_CLOSE}` : part.text))
    .join('')
}

/** A piece of element text: plain (entities to decode) or the inside of a CDATA section. */
export interface TextPart {
  text: string
  cdata: boolean
}

/**
 * Splits element text into plain parts and the insides of CDATA sections (`<![CDATA[…]]>`), in
 * order. A `<![CDATA[` without `]]>` after it is plain text, and so is all that follows it.
 */
export function splitCdata(text: string): TextPart[] {
  const parts: TextPart[] = []
  let at = 0
  for (;;) {
    const open = text.indexOf(CDATA_OPEN, at)
    const close = open === -1 ? -1 : text.indexOf(CDATA_CLOSE, open + CDATA_OPEN.length)
    if (close === -1) break
    parts.push({ text: text.slice(at, open), cdata: false }, { text: text.slice(open + CDATA_OPEN.length, close), cdata: true })
    at = close + CDATA_CLOSE.length
  }
  parts.push({ text: text.slice(at), cdata: false })
  return parts
}

/** Whether `name` (lower case, ASCII) is at `at` in `xml`, in any case. */
export function hasNameAt(xml: string, at: number, name: string): boolean {
  if (at + name.length > xml.length) return false
  for (let k = 0; k < name.length; k++) {
    let c = xml.charCodeAt(at + k)
    if (c >= 0x41 && c <= 0x5a) c += 0x20
    if (c !== name.charCodeAt(k)) return false
  }
  return true
}
