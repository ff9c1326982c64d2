import { describe, expect, it } from 'vitest'
import { pagePublished } from '../../src/parse/page-published.js'

describe('pagePublished', () => {
  it.each([
    // Open Graph article metadata, either attribute order
    ['<meta property="article:published_time" content="2026-11-29T18:30:00+01:00">', '2026-11-29T18:30:00+01:00'],
    ["<meta content='2026-11-29' property='article:published_time'>", '2026-11-29'],
    // schema.org as a meta, as an itemprop on <time>, as JSON-LD
    ['<meta itemprop="datePublished" content="2026-10-01T08:00:00Z">', '2026-10-01T08:00:00Z'],
    ['<time itemprop="datePublished" datetime="2026-10-02T09:00:00Z">2 octobre</time>', '2026-10-02T09:00:00Z'],
    ['<script type="application/ld+json">{"@type":"NewsArticle","datePublished": "2026-10-03T10:00:00Z"}</script>', '2026-10-03T10:00:00Z'],
    // the specific wins over the generic, wherever it stands
    ['<meta name="date" content="2020-01-01"><meta property="article:published_time" content="2026-11-29">', '2026-11-29'],
    ['<meta name="DC.date.issued" content="2025-05-05">', '2025-05-05'],
    // no date, or one Date.parse cannot read
    ['<meta property="og:title" content="Titre">', undefined],
    ['<meta property="article:published_time" content="hier soir">', undefined],
  ])('%s → %s', (head, expected) => {
    expect(pagePublished(`<html><head>${head}</head><body><p>Texte.</p></body></html>`)).toBe(expected)
  })
})

describe('pagePublished on hostile heads', () => {
  const date = '<meta property="article:published_time" content="2026-11-29T18:30:00Z">'
  it.each([
    ['unclosed <a starts', '<a <b '.repeat(10_000)],
    ['a long run of attribute-name characters', `<meta ${'x'.repeat(100_000)}>`],
    ['an itemprop in a tag never closed', `<span itemprop="datePublished" ${'y'.repeat(50_000)}`],
  ])('still reads the date after %s', (_, junk) => {
    expect(pagePublished(`<html><head>${date}${junk}</head></html>`)).toBe('2026-11-29T18:30:00Z')
  })

  it('reads an itemprop after many tags without one', () => {
    expect(pagePublished(`${'<span class="x">a</span>'.repeat(2_000)}<time ITEMPROP='datePublished' datetime="2026-10-02">2 octobre</time>`)).toBe('2026-10-02')
  })
})

describe('pagePublished: itemprop lists', () => {
  it('reads an element whose itemprop names datePublished among others', () => {
    expect(pagePublished('<p><time itemprop="datePublished dateModified" datetime="2020-01-02">2 janvier</time></p>')).toBe('2020-01-02')
    expect(pagePublished('<p><time itemprop="dateModified datePublished" datetime="2020-01-03">3 janvier</time></p>')).toBe('2020-01-03')
    expect(pagePublished('<p><time itemprop="dateModified" datetime="2020-01-02">2 janvier</time></p>')).toBeUndefined()
  })
})
