import { describe, expect, it } from 'vitest'
import { isSpace } from '../../src/text/is-space.js'

describe('isSpace', () => {
  it('holds exactly the code units /\\s/u matches', () => {
    const differ: number[] = []
    for (let c = 0; c <= 0xffff; c++) if (isSpace(c) !== /\s/u.test(String.fromCharCode(c))) differ.push(c)
    expect(differ).toEqual([])
  })
})
