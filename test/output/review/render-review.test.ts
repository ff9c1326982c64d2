import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Element, Root, RootContent } from 'hast'
import rehypeParse from 'rehype-parse'
import { unified } from 'unified'
import { beforeAll, describe, expect, it } from 'vitest'
import { clean } from '../../../src/clean.js'
import type { FeedResult } from '../../../src/feed/types.js'
import { renderReview } from '../../../src/output/review/render-review.js'
import { sampleFeedResults } from './sample-feed.js'

const REFERENCE = readFileSync(resolve(import.meta.dirname, '..', '..', '..', 'fixtures', 'whatsapp-outage-fr.txt'), 'utf8')

function parse(html: string): Root {
  return unified().use(rehypeParse).parse(html)
}

function elements(node: Root | Element): Element[] {
  const out: Element[] = []
  const visit = (n: Root | RootContent): void => {
    if (n.type === 'element') out.push(n)
    if ('children' in n) for (const child of n.children) visit(child)
    if (n.type === 'element' && n.content) visit(n.content)
  }
  visit(node)
  return out
}

function text(node: Element | RootContent): string {
  if (node.type === 'text') return node.value
  if (node.type === 'element') return node.children.map(text).join('')
  return ''
}

const classes = (el: Element): string[] => (Array.isArray(el.properties.className) ? el.properties.className.map(String) : [])

describe('renderReview on one clean() result', () => {
  const result = clean(REFERENCE)
  const html = renderReview([{ ...result, id: 'fixtures/whatsapp-outage-fr.txt' }])
  const all = elements(parse(html))

  it('is one self-contained page without a summary', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true)
    expect(all.filter((el) => ['script', 'link', 'img', 'iframe', 'object', 'embed'].includes(el.tagName))).toEqual([])
    expect(all.filter((el) => el.properties.src !== undefined)).toEqual([])
    expect(all.filter((el) => el.tagName === 'svg')).toHaveLength(0)
    expect(all.filter((el) => classes(el).includes('summary'))).toHaveLength(0)
  })

  it('strikes the three repeated paragraphs, each annotated with its kind and linked to the paragraph it repeats', () => {
    const removed = all.filter((el) => el.tagName === 'li' && classes(el).includes('removed'))
    expect(removed.map((el) => el.properties.id)).toEqual(['a0-p4', 'a0-p5', 'a0-p6'])
    for (const [k, li] of removed.entries()) {
      const del = elements(li).filter((el) => el.tagName === 'del')
      expect(del).toHaveLength(1)
      expect(text(del[0]!)).toBe(result.paragraphs[4 + k]!.text)
      const why = elements(li).find((el) => classes(el).includes('why'))!
      expect(text(why)).toContain('exact repeat of')
      expect(text(why)).toContain('similarity 1.00')
      const link = elements(why).find((el) => el.tagName === 'a')!
      expect(link.properties.href).toBe(`#a0-p${1 + k}`)
    }
    const kept = all.filter((el) => el.tagName === 'li' && classes(el).includes('kept'))
    expect(kept).toHaveLength(4)
    for (const li of kept) expect(elements(li).filter((el) => el.tagName === 'del')).toEqual([])
  })
})

describe('renderReview on a feed', () => {
  let results: FeedResult[]
  let html: string
  let all: Element[]
  beforeAll(async () => {
    results = await sampleFeedResults()
    html = renderReview(results)
    all = elements(parse(html))
  })

  it('creates no element or attribute from article text', () => {
    expect(all.filter((el) => el.tagName === 'script')).toEqual([])
    expect(all.filter((el) => el.tagName === 'img')).toEqual([])
    const handlers = all.flatMap((el) => Object.keys(el.properties).filter((key) => key.toLowerCase().startsWith('on')))
    expect(handlers).toEqual([])
    // The markup is shown as text, where it was written.
    const heading = all.find((el) => el.tagName === 'h2' && text(el).includes('Grève'))!
    expect(text(heading)).toContain('<script>alert(1)</script> " onmouseover="alert(2)')
    expect(html).not.toContain('<script>')
    expect(html).not.toContain('" onmouseover="')
  })

  it('has only in-page links, and every one of them resolves', () => {
    const ids = new Set(all.map((el) => el.properties.id).filter((id) => id !== undefined).map(String))
    const hrefs = all.filter((el) => el.tagName === 'a').map((el) => String(el.properties.href))
    expect(hrefs.length).toBeGreaterThan(10)
    for (const href of hrefs) {
      expect(href.startsWith('#'), href).toBe(true)
      expect(ids.has(href.slice(1)), href).toBe(true)
    }
    expect(ids.size).toBe(all.filter((el) => el.properties.id !== undefined).length) // no id twice
  })

  it('annotates struck paragraphs with their kind', () => {
    const removed = all.filter((el) => el.tagName === 'li' && classes(el).includes('removed'))
    const expected = results.flatMap((r) => r.paragraphs.filter((p) => p.duplicate !== null || p.crossDuplicate !== null))
    expect(removed).toHaveLength(expected.length)
    removed.forEach((li, k) => {
      const p = expected[k]!
      const kind = p.duplicate?.kind ?? p.crossDuplicate!.kind
      const del = elements(li).find((el) => el.tagName === 'del')!
      expect(del.properties.dataKind).toBe(kind)
      expect(text(elements(li).find((el) => classes(el).includes('why'))!)).toContain(kind)
    })
    const boilerplate = removed.filter((li) => classes(li).includes('removed-boilerplate'))
    expect(boilerplate).toHaveLength(2)
    // A cross-article repeat links to the earlier article's paragraph.
    const copy = all.find((el) => el.properties.id === 'a3-p0')!
    expect(elements(copy).some((el) => el.tagName === 'a' && el.properties.href === '#a0-p0')).toBe(true)
  })

  it('shows the article-level duplicate with a link to the original', () => {
    const banner = all.find((el) => classes(el).includes('article-duplicate'))!
    // A verbatim copy: a copy at similarity 1, each site's boilerplate left out of the comparison.
    expect(text(banner)).toMatch(/(?<!near-)copy of La Commission présente un plan pour le rail européen · similarity 1\.00/)
    expect(elements(banner).find((el) => el.tagName === 'a')!.properties.href).toBe('#a0')
  })

  it('strikes repeated sentences inside kept paragraphs', () => {
    const kept = all.find((el) => el.properties.id === 'a0-p4')!
    expect(classes(kept)).toContain('kept')
    const sentence = elements(kept).find((el) => el.tagName === 'del')!
    expect(text(sentence)).toBe('Les billets seront communs à tous les opérateurs nationaux et vendus sur une plateforme unique.')
  })

  it('tags paragraphs in another language than their article', () => {
    const badges = all.filter((el) => classes(el).includes('lang-badge'))
    const expected = results.flatMap((r) => r.paragraphs.filter((p) => p.language !== r.language).map((p) => p.language))
    expect(badges.map(text)).toEqual(expected)
    expect(expected).toEqual(['en', 'en', 'de'])
    expect(all.find((el) => el.properties.id === 'a0-p1')!.properties.lang).toBe('en')
  })

  it('summarises sites and languages in two accessible SVG charts', () => {
    const charts = all.filter((el) => el.tagName === 'svg')
    expect(charts.map((svg) => svg.properties.dataChart)).toEqual(['sites', 'languages'])
    for (const svg of charts) {
      expect(svg.properties.role).toBe('img')
      expect(svg.children.find((c) => c.type === 'element')).toMatchObject({ tagName: 'title' })
    }
    const bars = (svg: Element) =>
      elements(svg)
        .filter((el) => el.tagName === 'rect' && classes(el).includes('bar'))
        .map((el) => `${el.properties.dataLabel} ${el.properties.dataSeries} ${el.properties.dataValue}`)
    expect(bars(charts[0]!)).toEqual([
      'presse.example.fr articles 2',
      'presse.example.fr duplicate articles 0',
      'presse.example.fr boilerplate paragraphs 1',
      'zeitung.example.de articles 2',
      'zeitung.example.de duplicate articles 1',
      'zeitung.example.de boilerplate paragraphs 1',
    ])
    expect(bars(charts[1]!)).toEqual(['fr paragraphs 12', 'de paragraphs 4', 'en paragraphs 2'])
  })
})
