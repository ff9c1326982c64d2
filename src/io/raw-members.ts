/**
 * The members of a JSON object as written: each key with the exact source text of its value and
 * how deeply that value nests. Lets a JSONL record go out with its fields exactly as they came
 * in: an integer id above 2^53 keeps its digits (`JSON.parse` rounds it), and a field nested
 * deeper than `JSON.stringify` can recurse is copied as text instead of re-serialized.
 *
 * @module
 */

/** One member of an object: its key, its value's source text, the value's nesting depth (0 for a scalar). */
export interface RawMember {
  key: string
  text: string
  depth: number
}

const QUOTE = 0x22
const BACKSLASH = 0x5c

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d
}

/**
 * The members of the JSON object in `json`, in order (a repeated key appears each time).
 * `json` must be valid JSON holding an object (`JSON.parse` accepted it): nothing is validated
 * here. One pass with a depth counter, no recursion, so any nesting goes.
 */
export function rawMembers(json: string): RawMember[] {
  const members: RawMember[] = []
  let i = json.indexOf('{') + 1
  const n = json.length
  for (;;) {
    while (i < n && (isSpace(json.charCodeAt(i)) || json.charCodeAt(i) === 0x2c)) i++
    if (i >= n || json.charCodeAt(i) !== QUOTE) return members // `}`: the end
    const keyEnd = stringEnd(json, i)
    const key = JSON.parse(json.slice(i, keyEnd)) as string
    i = keyEnd
    while (i < n && (isSpace(json.charCodeAt(i)) || json.charCodeAt(i) === 0x3a)) i++
    const start = i
    let depth = 0
    let deepest = 0
    for (; i < n; i++) {
      const c = json.charCodeAt(i)
      if (c === QUOTE) i = stringEnd(json, i) - 1
      else if (c === 0x7b || c === 0x5b) deepest = Math.max(deepest, ++depth)
      else if (c === 0x7d || c === 0x5d) {
        if (depth === 0) break // the object's own `}`
        depth--
        if (depth === 0) {
          i++
          break
        }
      } else if (depth === 0 && (c === 0x2c || isSpace(c))) break
    }
    members.push({ key, text: json.slice(start, i), depth: deepest })
  }
}

/** The index just past the string literal starting at `start` (a `"`). */
function stringEnd(json: string, start: number): number {
  for (let i = start + 1; i < json.length; i++) {
    const c = json.charCodeAt(i)
    if (c === BACKSLASH) i++
    else if (c === QUOTE) return i + 1
  }
  return json.length
}
