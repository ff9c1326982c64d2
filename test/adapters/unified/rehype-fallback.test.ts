/**
 * Pages whose markup gives no paragraph: `clean()` falls back (the noscript re-read, the
 * visible text), and the plugin reports what `clean()` reports on the same page.
 */
import rehypeParse from 'rehype-parse'
import rehypeStringify from 'rehype-stringify'
import { unified } from 'unified'
import { describe, expect, it } from 'vitest'
import { clean } from '../../../src/index.js'
import { rehypeNewsDedup, type NewsDedupMode } from '../../../src/unified.js'

const FR_1 = 'Le président a annoncé mardi un plan pour l’emploi des jeunes, financé par une taxe nouvelle.'
const FR_2 = 'Les syndicats ont salué une mesure attendue depuis longtemps par les salariés du secteur.'

function run(html: string, mode: NewsDedupMode) {
  const file = unified().use(rehypeParse).use(rehypeNewsDedup, { mode }).use(rehypeStringify).processSync(html)
  return { html: String(file), file }
}

/** The report fields `clean()` and the plugin share. */
function reportOf(html: string) {
  const result = clean({ html })
  return {
    language: result.language,
    paragraphs: result.paragraphs.map(({ index, text, language, duplicate, repeatedSentences }) => ({ index, text, language, duplicate, repeatedSentences })),
  }
}

describe('rehypeNewsDedup on a page whose markup gives no paragraph', () => {
  // An unclosed <div> inside <noscript>: with scripting off (how the tree is parsed) the whole
  // page is inside the noscript, which is dropped; clean() re-reads it as a browser with scripts on.
  const noscript = `<!doctype html><html><body><noscript><div>Activez JavaScript.</noscript><p>${FR_1}</p><p>${FR_2}</p><p>${FR_1}</p></body></html>`

  it.each(['remove', 'mark'] as const)('noscript re-read (%s): the report of clean(), the tree left as it was', (mode) => {
    const { html, file } = run(noscript, mode)
    const { paragraphs, language } = file.data.newsDedup!
    expect(clean({ html: noscript }).warnings?.map((w) => w.code)).toEqual(['visible-text-fallback'])
    expect({ language, paragraphs: paragraphs.map(({ confidence: _c, ...p }) => p) }).toEqual(reportOf(noscript))
    expect(paragraphs.map((p) => p.duplicate?.kind ?? null)).toEqual([null, null, 'exact'])
    // No node of the tree stands for those paragraphs: the repeat is reported, not removed.
    expect(html.match(new RegExp(FR_1, 'g'))).toHaveLength(2)
    expect(html).not.toContain('data-news-dedup')
    expect(file.messages.map((m) => m.reason)).toEqual([expect.stringContaining(`not ${mode === 'mark' ? 'marked' : 'removed'}: the tree held no paragraph`)])
  })

  // Every paragraph in a hidden element: clean() reads the visible text, hidden elements included.
  const hidden = `<!doctype html><html><body><div hidden><p>${FR_1}</p><p>${FR_2}</p><p>${FR_1}</p></div></body></html>`

  it('visible-text fallback: the report of clean(), and the repeat removed from the tree', () => {
    const { html, file } = run(hidden, 'remove')
    const { paragraphs, language } = file.data.newsDedup!
    expect({ language, paragraphs: paragraphs.map(({ confidence: _c, ...p }) => p) }).toEqual(reportOf(hidden))
    expect(paragraphs.map((p) => p.duplicate?.kind ?? null)).toEqual([null, null, 'exact'])
    expect(html.match(new RegExp(FR_1, 'g'))).toHaveLength(1)
    expect(html).toContain(FR_2)
  })
})
