import { describe, expect, it } from 'vitest'

describe('public API (src/index.ts)', () => {
  it('exports exactly these runtime names', async () => {
    expect(Object.keys(await import('../src/index.js')).sort()).toEqual(
      [
        'DEFAULT_HIGH_WATER_MARK',
        'DedupeError',
        'cleanAll',
        'cleanRecord',
        'createCleanStream',
        'createFeedStream',
        'outputSchema',
        'renderReview',
        'schemaMajorVersion',
        'schemaVersion',
        'candidateProbability',
        'clean',
        'createDeduplicator',
        'createMemoryIndex',
        'decodeBytes',
        'defaultOptions',
        'findDuplicates',
        'languageModelLoaded',
        'loadLanguageModel',
        'normalizeText',
        'resolveOptions',
        'splitParagraphs',
        'summarize',
        'tagArticleLanguages',
        'tagLanguage',
        'tagLanguages',
        'toHtml',
        'toJson',
        'toMarkdown',
        'toRecord',
        'toText',
      ].sort(),
    )
  })

  it('exports functions and the error class, and frozen defaults', async () => {
    const api = await import('../src/index.js')
    for (const [name, value] of Object.entries(api)) {
      if (['defaultOptions', 'outputSchema', 'schemaVersion', 'schemaMajorVersion', 'DEFAULT_HIGH_WATER_MARK'].includes(name)) continue
      expect(typeof value, name).toBe('function')
    }
    expect(Object.isFrozen(api.defaultOptions)).toBe(true)
    expect(Object.isFrozen(api.defaultOptions.detect)).toBe(true)
    expect(api.schemaVersion).toMatch(/^\d+\.\d+\.\d+$/)
    expect(api.DEFAULT_HIGH_WATER_MARK).toBe(1)
    expect(api.defaultOptions.detect).toEqual({ nearThreshold: 0.8, containThreshold: 0.95, minLength: 40, minSentenceLength: 40 })
  })
})
