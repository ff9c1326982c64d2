import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { rawMembers } from '../../src/io/raw-members.js'
import { fillJsonLine, jsonLineTemplate } from '../../src/output/json-line-template.js'

const COMPUTED = new Set(['text', 'language', 'paragraphs'])

/** Sets an own field, `__proto__` included. */
function own(record: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true })
}

describe('jsonLineTemplate', () => {
  it('filled with the input line\'s members: each field as the input wrote it when carried over, else JSON.stringify, in the record\'s order', () => {
    const key = fc.constantFrom('id', 'text', 'language', 'paragraphs', 'site', 'score', '__proto__', 'a"b', '1', 'é')
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.jsonValue()), { maxLength: 8 }), fc.array(fc.tuple(key, fc.option(fc.jsonValue(), { nil: undefined })), { maxLength: 5 }), fc.boolean(), (input, output, fromText) => {
        // The input line as written (repeated keys kept: the last wins), with spacing of its own.
        const line = `{${input.map(([k, v]) => `${JSON.stringify(k)} : ${JSON.stringify(v, null, 1)}`).join(' , ')}}`
        const raw = fromText ? rawMembers(line) : undefined
        const record: Record<string, unknown> = {}
        for (const [k, v] of Object.entries(JSON.parse(line) as Record<string, unknown>)) own(record, k, v)
        for (const [k, v] of output) own(record, k, v) // computed fields, and carried ones changed or left undefined
        const template = jsonLineTemplate(record, raw?.map((m) => m.key), COMPUTED)
        expect(template.parts.length).toBe(template.slots.length + 1)
        const filled = fillJsonLine(template, raw)
        expect(filled.endsWith('}\n')).toBe(true)
        if (raw === undefined || raw.length === 0) {
          expect(filled).toBe(`${JSON.stringify(record)}\n`)
          return
        }
        // Read back member by member (the reader is the one the CLI takes an input line apart with).
        const written = new Map(raw.map((m) => [m.key, m.text])) // the last text of a repeated key
        const expected = Object.entries(record)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => ({ key: k, text: !COMPUTED.has(k) && written.has(k) ? written.get(k) : JSON.stringify(v) }))
        expect(rawMembers(filled).map(({ key, text }) => ({ key, text }))).toEqual(expected)
      }),
    )
  })

  it('leaves a gap for each carried-over member and serializes the rest', () => {
    const line = '{"id":12345678901234567890,"text":"old","site":"a.example","site":"b.example"}'
    const raw = rawMembers(line)
    const record = { id: 12345678901234567000, site: 'b.example', text: 'new', language: 'fr' }
    const template = jsonLineTemplate(record, raw.map((m) => m.key), COMPUTED)
    expect(template).toEqual({ parts: ['{"id":', ',"site":', ',"text":"new","language":"fr"}\n'], slots: [0, 3] })
    expect(fillJsonLine(template, raw)).toBe('{"id":12345678901234567890,"site":"b.example","text":"new","language":"fr"}\n')
  })
})
