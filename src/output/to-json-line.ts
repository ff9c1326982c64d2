import type { RawMember } from '../io/raw-members.js'
import { fillJsonLine, jsonLineTemplate } from './json-line-template.js'

/**
 * One JSONL output line for a record made from an input line: every field that was carried over
 * from the input (not in `computed`) is written with the exact source text it had there, the
 * others with `JSON.stringify`. So ids keep their digits and their JSON form, and an extra field
 * of any depth is copied, not re-serialized. Own `__proto__` fields are written like any other.
 * The template of {@link jsonLineTemplate}, filled at once: one implementation, so the line a
 * worker thread's template gives and the one made here cannot drift apart.
 *
 * @param record The output record (its own enumerable fields, in order).
 * @param raw The input line's members (`rawMembers`), or none for a record not read from JSON text.
 * @param computed Fields the output computes, never taken from the input text.
 * @returns The line, newline included.
 */
export function toJsonLine(record: object, raw: readonly RawMember[] | undefined, computed: ReadonlySet<string>): string {
  return fillJsonLine(jsonLineTemplate(record, raw?.map((member) => member.key), computed), raw)
}
