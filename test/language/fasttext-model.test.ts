import { describe, expect, it } from 'vitest'
import { languageModelLoaded, loadLanguageModel, predictLabels } from '../../src/language/fasttext-model.js'
import { tagLanguages } from '../../src/language/tag-language.js'
import { DedupeError } from '../../src/errors.js'
import { HARD_LINES } from '../helpers/hard-lines.js'

// The setup file (test/helpers/load-language-model.ts) has loaded the model for this file.
describe('the fastText lid.176 model', () => {
  it('is loaded once: a second load resolves at once and changes nothing', async () => {
    expect(languageModelLoaded()).toBe(true)
    await expect(loadLanguageModel()).resolves.toBeUndefined()
    expect(predictLabels('Le gouvernement a annoncé une réforme des retraites.', 1)[0]![0]).toBe('fr')
  })

  it('reads a text with newlines as one line', () => {
    const [label] = predictLabels('Der Zug fährt\num acht Uhr\nvom Hauptbahnhof ab.', 1)[0]!
    expect(label).toBe('de')
  })

  it('ranks at most k labels, probabilities descending', () => {
    const ranked = predictLabels('The committee approved the budget on Tuesday.', 5)
    expect(ranked).toHaveLength(5)
    expect(ranked[0]![0]).toBe('en')
    for (let i = 1; i < ranked.length; i++) expect(ranked[i]![1]).toBeLessThanOrEqual(ranked[i - 1]![1])
  })

  it('reports a model that cannot be loaded as E_LANGUAGE_MODEL (the loaded one stays)', async () => {
    // Loaded already, so the bad source is never read: loading is once per process.
    await expect(loadLanguageModel({ model: '/nonexistent/lid.176.ftz' })).resolves.toBeUndefined()
    expect(tagLanguages('Le gouvernement a annoncé une réforme.')[0]![0]).toBe('fr')
    expect(new DedupeError('E_LANGUAGE_MODEL', 'x').code).toBe('E_LANGUAGE_MODEL')
  })
})

/** The hard lines of issue 11 (lines of scraped pages): right or `und`. */
describe('hard lines of scraped pages', () => {
  it.each(HARD_LINES.map(([text, answers, only]) => [text, answers, only ?? null] as const))('%s (only: %j)', (text, answers, only) => {
    expect(answers).toContain(tagLanguages(text, only ? { only } : {})[0]![0])
  })

  it('keeps Indonesian Indonesian under only: [id, en]', () => {
    const text = 'Presiden mengatakan bahwa pemerintah akan membangun jalan baru di Kalimantan tahun depan.'
    expect(tagLanguages(text, { only: ['id', 'en'] })[0]![0]).toBe('id')
    expect(tagLanguages(text, { only: ['en', 'id'] })[0]![0]).toBe('id')
  })

  it('never gives a listed language for text in an unlisted one (und instead)', () => {
    expect(tagLanguages('Le gouvernement a annoncé lundi une réforme des retraites.', { only: ['id', 'en'] })[0]![0]).toBe('und')
  })
})
