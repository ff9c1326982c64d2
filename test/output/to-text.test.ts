import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { clean } from '../../src/clean.js'
import { toText } from '../../src/output/to-text.js'

describe('toText', () => {
  it('gives the cleaned text with one final newline', () => {
    const input = readFileSync(resolve(import.meta.dirname, '..', '..', 'fixtures', 'whatsapp-outage-fr.txt'), 'utf8')
    expect(toText(clean(input))).toBe(`${input.split('\n').slice(0, 4).join('\n\n')}\n`)
  })

  it.each([[''], ['   \n\n ']])('gives "" (no lone newline) for the empty article %j', (input) => {
    expect(toText(clean(input))).toBe('')
  })
})
