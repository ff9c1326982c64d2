import { describe, expect, it } from 'vitest'
import { encodingForLabel, prescanMetaCharset } from '../../src/parse/sniff-html-charset.js'

const bytes = (text: string) => new TextEncoder().encode(text)

describe('encodingForLabel: the Encoding standard\'s labels', () => {
  it.each([
    ['ISO-8859-1', 'windows-1252'],
    ['us-ascii', 'windows-1252'],
    [' latin1 ', 'windows-1252'],
    ['GB2312', 'gbk'],
    ['x-sjis', 'shift_jis'],
    ['ks_c_5601-1987', 'euc-kr'],
    ['iso-8859-9', 'windows-1254'],
    ['utf8', 'utf-8'],
    ['iso-2022-kr', 'replacement'],
    ['klingon-8', null],
  ])('%j → %s', (label, expected) => {
    expect(encodingForLabel(label)).toBe(expected)
  })
})

describe('prescanMetaCharset', () => {
  it.each([
    ['<meta charset="koi8-r">', 'koi8-r'],
    ['<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=Shift_JIS">', 'shift_jis'],
    // http-equiv is needed for content=…; a meta in a comment does not count; UTF-16 in a meta means UTF-8
    ['<meta content="text/html; charset=koi8-r">', null],
    ['<!-- <meta charset="koi8-r"> --><p>x</p>', null],
    ['<meta charset="utf-16le">', 'utf-8'],
    ['<p>no declaration</p>', null],
  ])('%s → %s', (html, expected) => {
    expect(prescanMetaCharset(bytes(html))).toBe(expected)
  })
})
