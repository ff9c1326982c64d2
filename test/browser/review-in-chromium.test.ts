import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FeedResult } from '../../src/feed/types.js'
import { renderReview } from '../../src/output/review/render-review.js'
import { sampleFeedResults } from '../output/review/sample-feed.js'
import { launchChromium, ROOT, runBrowserTests, type TestBrowser } from './harness.js'

const ARTIFACTS = join(ROOT, 'test-artifacts')

/**
 * The review page of a small feed (two sites, a verbatim copy, boilerplate, an English quote in a
 * French article, a repeated paragraph and sentence, markup in a title) rendered by headless
 * Chromium with `page.setContent`: the DOM has what the results say, every link lands, the
 * charts' bars carry the counts, and the page fetches nothing. Screenshot: test-artifacts/review.png.
 */
describe.skipIf(!runBrowserTests)('the review page in headless Chromium', () => {
  let browser: TestBrowser
  let page: Page
  let results: FeedResult[]
  const requests: string[] = []
  const dialogs: string[] = []

  beforeAll(async () => {
    const [launched, feed] = await Promise.all([launchChromium(), sampleFeedResults()])
    browser = launched
    results = feed
    page = await browser.context.newPage()
    await page.setViewportSize({ width: 1100, height: 900 })
    page.on('request', (request) => requests.push(request.url()))
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message())
      void dialog.dismiss()
    })
    await page.setContent(renderReview(results, { title: 'Review: sample feed' }), { waitUntil: 'load' })
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
  }, 60_000)

  it('strikes every removed paragraph and repeated sentence', async () => {
    const removed = results.flatMap((r) => r.paragraphs.filter((p) => p.duplicate !== null || p.crossDuplicate !== null))
    const sentences = results.flatMap((r) => r.paragraphs.filter((p) => p.duplicate === null && p.crossDuplicate === null).flatMap((p) => p.repeatedSentences))
    expect(removed).toHaveLength(8)
    expect(sentences).toHaveLength(1)
    expect(await page.locator('del').count()).toBe(removed.length + sentences.length)
    expect(await page.locator('li.removed del').count()).toBe(removed.length)
    expect(await page.locator('li.removed-boilerplate .kind-boilerplate').count()).toBe(2)
    expect(await page.locator('li.kept del.sentence').count()).toBe(1)
    // Struck through as rendered, not only marked up.
    const decoration = await page.evaluate("getComputedStyle(document.querySelector('li.removed del')).textDecorationLine")
    expect(decoration).toContain('line-through')
  })

  it('every in-page link lands on an element of the page', async () => {
    const missing = await page.evaluate(`[...document.querySelectorAll('a[href]')]
      .map((a) => a.getAttribute('href'))
      .filter((href) => !href.startsWith('#') || document.getElementById(decodeURIComponent(href.slice(1))) === null)`)
    expect(missing).toEqual([])
    expect(await page.locator('a[href^="#"]').count()).toBeGreaterThan(15)
    await page.locator('.article-duplicate a').click()
    expect(await page.evaluate('location.hash')).toBe('#a0')
  })

  it('draws the two charts with bars of the right counts', async () => {
    const bars = (await page.evaluate(`[...document.querySelectorAll('svg.chart')].map((svg) => ({
      chart: svg.dataset.chart,
      title: svg.querySelector(':scope > title').textContent,
      bars: [...svg.querySelectorAll('rect.bar')].map((r) => [r.dataset.label, r.dataset.series, Number(r.dataset.value), r.getBBox().width, r.querySelector('title').textContent]),
    }))`)) as Array<{ chart: string; title: string; bars: Array<[string, string, number, number, string]> }>
    expect(bars.map((c) => c.chart)).toEqual(['sites', 'languages'])
    expect(bars[0]!.title).toMatch(/per site/)
    expect(bars[0]!.bars.map(([label, series, value]) => `${label} ${series} ${value}`)).toEqual([
      'presse.example.fr articles 2',
      'presse.example.fr duplicate articles 0',
      'presse.example.fr boilerplate paragraphs 1',
      'zeitung.example.de articles 2',
      'zeitung.example.de duplicate articles 1',
      'zeitung.example.de boilerplate paragraphs 1',
    ])
    expect(bars[1]!.bars.map(([label, , value]) => `${label} ${value}`)).toEqual(['fr 12', 'de 4', 'en 2'])
    for (const chart of bars) {
      const max = Math.max(...chart.bars.map((b) => b[2]))
      for (const [label, series, value, width, tip] of chart.bars) {
        expect(tip).toBe(`${label}: ${value} ${series}`)
        if (value === max) expect(width).toBe(360)
        else expect(width).toBeCloseTo((value / max) * 360, 0)
      }
    }
  })

  it('badges the paragraphs in another language than their article', async () => {
    const badges = await page.locator('.lang-badge').evaluateAll((els) => els.map((el) => [el.closest('li')!.id, el.closest('li')!.lang, el.textContent]))
    expect(badges).toEqual([
      ['a0-p1', 'en', 'en'],
      ['a3-p1', 'en', 'en'],
      ['a3-p5', 'de', 'de'],
    ])
  })

  it('runs no script and fetches nothing; the screenshot is saved', async () => {
    expect(await page.locator('script').count()).toBe(0)
    expect(dialogs).toEqual([])
    expect(await page.locator('h2', { hasText: '<script>alert(1)</script>' }).count()).toBe(1)
    mkdirSync(ARTIFACTS, { recursive: true })
    await page.screenshot({ path: join(ARTIFACTS, 'review.png'), fullPage: true })
    expect(requests.filter((url) => !/^(about:blank|data:)/.test(url))).toEqual([])
  })
})
