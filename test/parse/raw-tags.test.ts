import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { rawAttributes, rawTags } from '../../src/parse/raw-tags.js'

const SEED = Number(process.env.PROPERTY_SEED ?? 20261202)

/** An attribute written out one of the ways HTML allows, and what it reads as. */
const attribute = fc
  .tuple(
    fc.stringMatching(/^[a-z][a-z0-9:-]{0,8}$/),
    fc.string({ unit: fc.constantFrom('a', 'B', ' ', '/', '=', '<', '&', 'é', '"', "'", '1'), maxLength: 12 }),
    fc.constantFrom('"', "'", '', 'none'),
    fc.constantFrom(' ', '  ', '\n', '\t'),
  )
  .filter(([, value, quote]) => (quote === '"' ? !value.includes('"') : quote === "'" ? !value.includes("'") : quote === '' ? value !== '' && !/[\s"'=<`]/.test(value) : true))
  .map(([name, value, quote, space]) => ({ name, value: quote === 'none' ? '' : value, text: quote === 'none' ? `${space}${name}` : `${space}${name}${space.length > 1 ? ' = ' : '='}${quote}${value}${quote}` }))

describe('rawAttributes', () => {
  it('reads every attribute back as written (names lower-cased, the first of two alike counts)', () => {
    fc.assert(
      fc.property(fc.array(attribute, { maxLength: 6 }), (attributes) => {
        const expected = new Map<string, string>()
        for (const a of attributes) if (!expected.has(a.name)) expected.set(a.name, a.value)
        expect(rawAttributes(attributes.map((a) => a.text).join(''))).toEqual(expected)
      }),
      { seed: SEED, numRuns: 300 },
    )
  })

  it('reads a quote left open to the end, and values next to a self-closing slash', () => {
    expect(rawAttributes(' content="2026-01-01 name=x')).toEqual(new Map([['content', '2026-01-01 name=x']]))
    expect(rawAttributes(' CONTENT=a/ href="b"/')).toEqual(new Map([['content', 'a/'], ['href', 'b']]))
  })
})

describe('rawTags', () => {
  it('finds the tags of one name, each up to its first >, and no tag that only starts with it', () => {
    const html = '<head><META name="a" content="1"><metadata content="no"><meta\ncontent=\'2\'/><link rel=canonical href="/x"></head>'
    expect([...rawTags(html, 'meta')].map((t) => Object.fromEntries(t.attributes))).toEqual([{ name: 'a', content: '1' }, { content: '2' }])
    expect([...rawTags(html)].map((t) => t.name)).toEqual(['head', 'meta', 'metadata', 'meta', 'link'])
  })

  it('finds a tag after hostile text: unclosed starts, a long attribute name, a tag never closed', () => {
    const tag = '<meta property="og:url" content="https://site.example/a">'
    for (const junk of ['<meta '.repeat(20_000), '<a <b '.repeat(20_000), `<meta ${'x'.repeat(200_000)}>`, `<p ${'a=" '.repeat(5_000)}>`]) {
      const found = [...rawTags(`${junk}${tag}`, 'meta')].map((t) => t.attributes.get('content'))
      expect(found.at(-1)).toBe('https://site.example/a')
    }
    expect([...rawTags(`${tag}<meta content="x"`, 'meta')]).toHaveLength(1)
  })
})
