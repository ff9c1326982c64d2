import { describe, expect, it } from 'vitest'
import { parseHtml } from '../../src/parse/from-html.js'
import { textsOf } from './offsets.js'

// The minute-long hostile cases of from-html.test.ts (100,000 tags each): run by
// `npm run test:stress`, not by the default loop.

/** Text of an HTML source range, to check offsets: the range parsed again. */
const render = (source: string): string => parseHtml(source).map((b) => b.text).join(' ')
const html = (input: string): string[] => textsOf(input, parseHtml(input), render)

describe('parseHtml: hostile input at scale', () => {
  it('survives 100,000 nested divs', () => {
    const input = '<div>'.repeat(100_000) + 'Deep text' + '</div>'.repeat(100_000) + '<p>After</p>'
    expect(html(input)).toEqual(['Deep text', 'After'])
  })

  it('survives deep nesting followed by broken markup', () => {
    const input = '<div>'.repeat(100_000) + 'Deep <!-- open' + '<a '.repeat(20_000)
    expect(html(input)).toEqual(['Deep'])
    const tail = '<section>'.repeat(50_000) + '<p>Kept</p><script>x' + '<i'.repeat(20_000)
    expect(html(tail)).toEqual(['Kept'])
  })

  it('survives 100,000 unclosed inline and block tags', () => {
    expect(html('<b>'.repeat(100_000) + 'Bold end')).toEqual(['Bold end'])
    expect(html('<p>x'.repeat(100_000)).length).toBe(100_000)
    expect(html('<span><div>'.repeat(50_000) + 'Mixed')).toEqual(['Mixed'])
  })
})
