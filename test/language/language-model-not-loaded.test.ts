/**
 * Before the model is loaded the taggers throw a typed error naming the fix, and start the load,
 * so that awaiting it and calling again works. Its own file: vitest isolates modules per file, and
 * this file's module state is reset by `vi.resetModules()` before importing a fresh copy.
 */
import { describe, expect, it, vi } from 'vitest'

describe('the taggers before the language model is loaded', () => {
  it('throw E_LANGUAGE_MODEL, then work once loadLanguageModel() has resolved', async () => {
    vi.resetModules()
    const model = await import('../../src/language/fasttext-model.js')
    const { tagLanguage } = await import('../../src/language/tag-language.js')
    expect(model.languageModelLoaded()).toBe(false)
    expect(() => tagLanguage('Le gouvernement a annoncé une réforme.')).toThrow(expect.objectContaining({ code: 'E_LANGUAGE_MODEL', message: expect.stringContaining('loadLanguageModel()') }))
    await model.loadLanguageModel()
    expect(tagLanguage('Le gouvernement a annoncé une réforme.')).toBe('fr')
  })
})
