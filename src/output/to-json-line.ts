import type { RawMember } from '../io/raw-members.js'

/**
 * One JSONL output line for a record made from an input line: every field that was carried over
 * from the input (not in `computed`) is written with the exact source text it had there, the
 * others with `JSON.stringify`. So ids keep their digits and their JSON form, and an extra field
 * of any depth is copied, not re-serialized. Own `__proto__` fields are written like any other.
 *
 * @param record The output record (its own enumerable fields, in order).
 * @param raw The input line's members (`rawMembers`), or none for a record not read from JSON text.
 * @param computed Fields the output computes, never taken from the input text.
 * @returns The line, newline included.
 */
export function toJsonLine(record: object, raw: readonly RawMember[] | undefined, computed: ReadonlySet<string>): string {
  if (raw === undefined || raw.length === 0) return `${JSON.stringify(record)}\n`
  const source = new Map<string, string>()
  for (const member of raw) source.set(member.key, member.text) // a repeated key: the last wins, as in JSON.parse
  const parts: string[] = []
  for (const [key, value] of Object.entries(record)) {
    if (value === undefined) continue
    const text = computed.has(key) ? undefined : source.get(key)
    parts.push(`${JSON.stringify(key)}:${text ?? JSON.stringify(value)}`)
  }
  return `{${parts.join(',')}}\n`
}
