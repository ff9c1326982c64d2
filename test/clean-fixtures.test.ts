import { describe, expect, it } from 'vitest'
import { checkFixture, fixtureCases } from './helpers/fixtures.js'

// Each folder of test/fixtures is one article with its reviewed outcome (verdicts, languages,
// offsets, passages, cleaned text). UPDATE_FIXTURES=1 rewrites expected.json after a change
// that is meant; review the diff before keeping it.
const cases = fixtureCases()

describe('fixture articles', () => {
  it('finds every case folder, with its format taken from the input file name', () => {
    expect(cases.map((c) => [c.name, c.options.format])).toEqual([
      ['glued-sentence-fr', 'text'],
      ['html-es', 'html'],
      ['ja-near', 'text'],
      ['markdown-ru', 'markdown'],
      ['mixed-fr-en', 'text'],
      ['near-update-en', 'text'],
      ['teaser-de', 'text'],
      ['zh-repeat', 'text'],
    ])
  })

  it.each(cases.map((fixture) => [fixture.name, fixture] as const))('%s', (_, fixture) => {
    checkFixture(fixture)
  })
})
