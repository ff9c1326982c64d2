import { describe, expect, it } from 'vitest'
import { rawMembers } from '../../src/io/raw-members.js'
import { toJsonLine } from '../../src/output/to-json-line.js'

describe('toJsonLine', () => {
  it('writes carried fields as written in the input and computed ones with JSON.stringify', () => {
    const input = '{"id":12345678901234567890,"score":1.50,"text":"old","__proto__":{"a":1}}'
    const parsed = JSON.parse(input) as Record<string, unknown>
    const record: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(parsed)) Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true })
    Object.defineProperty(record, 'text', { value: 'new', enumerable: true })
    Object.defineProperty(record, 'language', { value: 'fr', enumerable: true })
    expect(toJsonLine(record, rawMembers(input), new Set(['text', 'language']))).toBe(
      '{"id":12345678901234567890,"score":1.50,"text":"new","__proto__":{"a":1},"language":"fr"}\n',
    )
  })

  it('is JSON.stringify for a record not read from text', () => {
    expect(toJsonLine({ id: 1, a: [1] }, undefined, new Set())).toBe('{"id":1,"a":[1]}\n')
  })
})
