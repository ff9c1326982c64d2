import { describe, expect, it } from 'vitest'
import { xmlText } from '../../src/io/read-xml-feed.js'
import { pageUrl } from '../../src/parse/page-url.js'

describe('pageUrl', () => {
  it('takes the canonical link, else og:url, with entities decoded; only absolute http(s) URLs', () => {
    expect(pageUrl('<head><meta property="og:url" content="https://b.example/"><link rel="alternate canonical" href="https://a.example/x?a=1&amp;b=2"></head>', xmlText)).toBe('https://a.example/x?a=1&b=2')
    expect(pageUrl("<head><meta content='https://b.example/two' property='OG:URL'></head>", xmlText)).toBe('https://b.example/two')
    expect(pageUrl('<head><link rel="canonical" href="/relative"><link rel=canonical href="ftp://a.example/"></head>', xmlText)).toBeUndefined()
  })

  it('reads only the head when there is one', () => {
    expect(pageUrl('<head></head><body><link rel="canonical" href="https://a.example/"></body>', xmlText)).toBeUndefined()
  })

  it('finds the link after hostile text in a page without a head', () => {
    const link = '<link rel="canonical" href="https://a.example/x">'
    for (const junk of ['<meta <link '.repeat(10_000), `<p ${'n'.repeat(200_000)}>`]) expect(pageUrl(`${junk}${link}`, xmlText)).toBe('https://a.example/x')
  })
})
