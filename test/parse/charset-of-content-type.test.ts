import { describe, expect, it } from 'vitest'
import { charsetOfContentType } from '../../src/parse/charset-of-content-type.js'

describe('charsetOfContentType', () => {
  it.each([
    ['text/html; charset=ISO-8859-1', 'ISO-8859-1'],
    ['text/html;charset="koi8-r"', 'koi8-r'],
    ['text/html; CHARSET = shift_jis ; q=1', 'shift_jis'],
    ['application/xhtml+xml; profile=x; charset=utf-8', 'utf-8'],
    ['text/html', null],
    ['text/html; charset=', null],
    ['text/html; charset=""; charset=gbk', 'gbk'],
  ])('%s → %s', (contentType, expected) => {
    expect(charsetOfContentType(contentType)).toBe(expected)
  })
})
