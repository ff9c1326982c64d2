import { describe, expect, it } from 'vitest'
import { xmlDeclaredEncoding } from '../../src/parse/xml-declared-encoding.js'

const bytes = (text: string) => new TextEncoder().encode(text)

describe('xmlDeclaredEncoding', () => {
  it.each([
    ['<?xml version="1.0" encoding="ISO-8859-7"?><rss/>', 'ISO-8859-7'],
    ["<?xml version='1.0' encoding='windows-1251' standalone='yes'?>", 'windows-1251'],
    ['\n  <?xml version="1.0" encoding = "EUC-JP"?>', 'EUC-JP'],
    // no encoding in the declaration, no declaration, or a declaration that is not first
    ['<?xml version="1.0"?><rss/>', null],
    ['<rss version="2.0"/>', null],
    ['<p>x</p><?xml version="1.0" encoding="koi8-r"?>', null],
  ])('%s → %s', (head, expected) => {
    expect(xmlDeclaredEncoding(bytes(head))).toBe(expected)
  })
})
