import type { RawMember } from '../io/raw-members.js'

/**
 * A JSON output line serialized in one thread and finished in another, where the input line's
 * member texts are: the line of {@link toJsonLine} with a gap for each carried-over field. A
 * worker thread serializes the record (the costly part) knowing only the input's member keys;
 * the thread that read the line fills the gaps with the members' source texts. Plain strings and
 * numbers, so it crosses threads cheaply (the record it replaces is thousands of small objects).
 */
export interface JsonLineTemplate {
  /** The line's text, cut at each gap: `slots.length + 1` pieces. */
  parts: string[]
  /** For each gap, the index of the raw member (`rawMembers`) whose text goes there. */
  slots: number[]
}

/**
 * The template of the line `toJsonLine(record, raw, computed)` writes, for an input line whose
 * members have the keys `rawKeys` (in order, repeats included: `raw.map((m) => m.key)`);
 * `undefined` or none for a record not read from JSON text. {@link fillJsonLine} with those
 * members gives the line (`toJsonLine` is exactly that).
 * @throws what `JSON.stringify` throws on a computed field (or on a carried-over one the input
 *   has no text for), as `toJsonLine` would
 */
export function jsonLineTemplate(record: object, rawKeys: readonly string[] | undefined, computed: ReadonlySet<string>): JsonLineTemplate {
  if (rawKeys === undefined || rawKeys.length === 0) return { parts: [`${JSON.stringify(record)}\n`], slots: [] }
  const source = new Map<string, number>()
  rawKeys.forEach((key, i) => source.set(key, i)) // a repeated key: the last wins, as in JSON.parse
  const parts: string[] = []
  const slots: number[] = []
  let text = '{'
  let first = true
  for (const [key, value] of Object.entries(record)) {
    if (value === undefined) continue
    text += `${first ? '' : ','}${JSON.stringify(key)}:`
    first = false
    const slot = computed.has(key) ? undefined : source.get(key)
    if (slot === undefined) text += JSON.stringify(value)
    else {
      parts.push(text)
      slots.push(slot)
      text = ''
    }
  }
  parts.push(`${text}}\n`)
  return { parts, slots }
}

/** The line of a {@link JsonLineTemplate}: its pieces with the texts of the input line's members (those it was made for). */
export function fillJsonLine(template: JsonLineTemplate, raw: readonly RawMember[] | undefined): string {
  const { parts, slots } = template
  if (slots.length === 0) return parts[0] as string
  // A template with gaps is made only for a line with members: a caller's mistake otherwise.
  if (raw === undefined) throw new TypeError('This JSON line template has gaps for the input line\'s member texts: pass its members')
  let line = parts[0] as string
  for (let i = 0; i < slots.length; i++) line += (raw[slots[i] as number] as RawMember).text + (parts[i + 1] as string)
  return line
}
