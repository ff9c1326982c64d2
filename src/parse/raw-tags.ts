/**
 * Tags read straight off a page's text, without a parser, for the few attributes wanted before a
 * page is parsed or instead of parsing it: its publication date (`page-published.ts`, per WARC
 * record) and its canonical URL (the feed, per page).
 *
 * Linear in the text, whatever it holds. The regular expressions this replaces were not: from
 * every unclosed `<meta` an expression such as `<meta\b[^>]*>` rescans to the end of the text, and
 * an attribute pattern `([^\s=/>]+)\s*=` retries a long run of name characters from each of its
 * positions; 128 KiB of either took seconds, 256 KiB over a minute. Here each tag ends at its
 * first `>` (none left: no tag either), the next search starts after it, and an attribute list is
 * read once, left to right.
 *
 * @module
 */

/** ASCII white space as HTML counts it (tab, line feed, form feed, carriage return, space). */
function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d
}

/**
 * The attributes of a tag's text (what follows its name, up to its `>`): names lower-cased,
 * values as written (quotes removed, entities left alone), an attribute without a value `''`.
 * As in HTML, the first of two attributes with one name counts. A quote left open runs to the
 * end of the text.
 */
export function rawAttributes(text: string): Map<string, string> {
  const attributes = new Map<string, string>()
  const n = text.length
  let i = 0
  while (i < n) {
    const code = text.charCodeAt(i)
    if (isSpace(code) || code === 0x2f /* / */ || code === 0x3d /* = */) {
      i++
      continue
    }
    const nameStart = i
    while (i < n) {
      const c = text.charCodeAt(i)
      if (isSpace(c) || c === 0x2f || c === 0x3d) break
      i++
    }
    const name = text.slice(nameStart, i).toLowerCase()
    let j = i
    while (j < n && isSpace(text.charCodeAt(j))) j++
    let value = ''
    if (text.charCodeAt(j) === 0x3d) {
      j++
      while (j < n && isSpace(text.charCodeAt(j))) j++
      const quote = text.charCodeAt(j)
      if (quote === 0x22 || quote === 0x27) {
        const close = text.indexOf(quote === 0x22 ? '"' : "'", j + 1)
        const end = close === -1 ? n : close
        value = text.slice(j + 1, end)
        j = end + 1
      } else {
        const valueStart = j
        while (j < n && !isSpace(text.charCodeAt(j))) j++
        value = text.slice(valueStart, j)
      }
      i = j
    }
    if (!attributes.has(name)) attributes.set(name, value)
  }
  return attributes
}

/** A tag found by {@link rawTags}. */
export interface RawTag {
  /** Its name, lower-cased. */
  name: string
  /** Its attributes (see {@link rawAttributes}). */
  attributes: Map<string, string>
}

/** The start of any tag: `<`, a letter, the rest of the name. */
const ANY_TAG = /<([a-z][^\s/>]*)/gi

/**
 * The start tags in `html`, in order, each up to its first `>`: those named `name` (ASCII
 * case-insensitive; `<meta` but not `<metadata`), or every one when `name` is left out. Comments
 * and scripts are not told apart: a tag written inside one is found too, as a regular expression
 * over the text would find it.
 */
export function* rawTags(html: string, name?: string): Generator<RawTag> {
  const start = name === undefined ? new RegExp(ANY_TAG.source, 'gi') : new RegExp(`<(${escapeName(name)})(?![\\w-])`, 'gi')
  for (let match = start.exec(html); match !== null; match = start.exec(html)) {
    const bodyStart = match.index + match[0].length
    const end = html.indexOf('>', bodyStart)
    if (end === -1) return
    yield { name: match[1]!.toLowerCase(), attributes: rawAttributes(html.slice(bodyStart, end)) }
    start.lastIndex = end + 1
  }
}

function escapeName(name: string): string {
  return name.replace(/[^a-z0-9]/gi, (c) => `\\${c}`)
}
