import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { rawMembers } from '../../src/io/raw-members.js'

describe('rawMembers', () => {
  it('gives each member with its value as written', () => {
    const line = ' { "id" : 12345678901234567890 ,"t":"a\\"}b","o":{"k":[1,{"z":"]"}]},"e":[],"n":-1.50e3,"b":true,"__proto__":null}'
    expect(rawMembers(line)).toEqual([
      { key: 'id', text: '12345678901234567890', depth: 0 },
      { key: 't', text: '"a\\"}b"', depth: 0 },
      { key: 'o', text: '{"k":[1,{"z":"]"}]}', depth: 3 },
      { key: 'e', text: '[]', depth: 1 },
      { key: 'n', text: '-1.50e3', depth: 0 },
      { key: 'b', text: 'true', depth: 0 },
      { key: '__proto__', text: 'null', depth: 0 },
    ])
  })

  it('gives {} no members and measures any depth without recursion', () => {
    expect(rawMembers('{}')).toEqual([])
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`
    expect(rawMembers(`{"x":${deep},"y":1}`).map((m) => [m.key, m.depth, m.text.length])).toEqual([
      ['x', 200_000, 400_000],
      ['y', 0, 1],
    ])
  })

  it('parses back to what JSON.parse gives, for any JSON object', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.boolean(), (object, pretty) => {
        const json = JSON.stringify(object, null, pretty ? 2 : undefined)
        const members = rawMembers(json)
        expect(members.map((m) => m.key)).toEqual(Object.keys(JSON.parse(json)))
        for (const m of members) expect(JSON.parse(m.text)).toEqual(JSON.parse(json)[m.key])
      }),
      { seed: 20261201, numRuns: 300 },
    )
  })
})
