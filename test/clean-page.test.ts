import { describe, expect, it } from 'vitest'
import { clean } from '../src/clean.js'

const lead =
  'Le Parlement européen a rejeté mercredi à Strasbourg l’accord commercial anti-contrefaçon ACTA, ' +
  'par 478 voix contre 39, un vote qui enterre le traité dans l’Union européenne.'

describe('clean() on pages: title, headings, warnings', () => {
  it('exposes <title> as title, keeps the h1 that the title and the breadcrumb repeat, and marks it', () => {
    const html =
      '<html><head><title>ACTA rejeté par le Parlement européen | Le Journal</title></head><body>' +
      '<nav><ol><li><a href="/">Accueil</a></li><li>ACTA rejeté par le Parlement européen</li></ol></nav>' +
      `<h1>ACTA rejeté par le Parlement européen</h1><p>${lead}</p></body></html>`
    const result = clean(html)
    expect(result.title).toBe('ACTA rejeté par le Parlement européen | Le Journal')
    const h1 = result.paragraphs.find((p) => p.heading === true)!
    expect(h1).toMatchObject({ index: 2, text: 'ACTA rejeté par le Parlement européen', duplicate: null })
    // The breadcrumb's copy is the one that goes.
    expect(result.paragraphs[1]!.duplicate).toEqual({ kind: 'exact', of: 2, similarity: 1 })
    expect(result.text).toBe(`Accueil\n\nACTA rejeté par le Parlement européen\n\n${lead}`)
    expect(result.warnings).toBeUndefined()
  })

  it('keeps the opening title line of a plain text whose words all occur, scattered, in the lead', () => {
    const text = `Parlement européen : ACTA rejeté à Strasbourg par 478 voix\n\n${lead}`
    const result = clean(text)
    expect(result.paragraphs[0]).toMatchObject({ heading: true, duplicate: null })
    expect(result.title).toBeUndefined()
  })

  it('still removes a heading that exactly repeats an earlier heading', () => {
    const result = clean('# Crue de la Seine\n\nLe fleuve est monté.\n\n# Crue de la Seine\n\nSuite.', { format: 'markdown' })
    expect(result.paragraphs.map((p) => p.duplicate?.kind ?? null)).toEqual([null, null, 'exact', null])
  })

  it('says so in a warning when the markup gave nothing and the visible text was read', () => {
    const html = '<html><body><noscript><div></noscript><p>Due orsi sono stati avvistati vicino al paese di Pescasseroli.</p></body></html>'
    const result = clean(html)
    expect(result.text).toBe('Due orsi sono stati avvistati vicino al paese di Pescasseroli.')
    expect(result.warnings).toEqual([{ code: 'visible-text-fallback', message: expect.stringContaining('noscript') }])
  })
})
