import { describe, expect, it } from 'vitest'
import { escapeHtml } from '../../src/output/escape-html.js'

describe('escapeHtml', () => {
  it.each([
    ['plain text', 'Bonjour à tous', 'Bonjour à tous'],
    ['a tag', '<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['an ampersand (escaped first, not twice)', 'AT&T &amp; co', 'AT&amp;T &amp;amp; co'],
    ['double quotes', '" onmouseover="x', '&quot; onmouseover=&quot;x'],
    ["single quotes", "' onfocus='y", '&#39; onfocus=&#39;y'],
    ['already-escaped markup stays text', '&lt;b&gt;', '&amp;lt;b&amp;gt;'],
    ['empty', '', ''],
    ['non-ASCII is left alone', '東京 « » — ü', '東京 « » — ü'],
  ])('%s', (_, input, expected) => {
    expect(escapeHtml(input)).toBe(expected)
  })
})
