import { describe, expect, it } from 'vitest'
import { decodeBase64 } from '../../src/parse/decode-base64.js'

describe('decodeBase64', () => {
  it.each([
    ['Y2Fm6Q==', [0x63, 0x61, 0x66, 0xe9]],
    // padding optional, MIME line breaks, URL-safe alphabet
    ['Y2Fm6Q', [0x63, 0x61, 0x66, 0xe9]],
    ['Y2Fm\r\n6Q==', [0x63, 0x61, 0x66, 0xe9]],
    ['-_8=', [0xfb, 0xff]],
    ['', []],
  ])('%j → %j', (value, expected) => {
    expect([...decodeBase64(value)!]).toEqual(expected)
  })

  it.each([['not base64!'], ['Y2Fm6Q=a'], ['Y']])('%j is not base64', (value) => {
    expect(decodeBase64(value)).toBeNull()
  })
})
