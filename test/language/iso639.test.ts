import { describe, expect, it } from 'vitest'
import { languageTagsOf, toBcp47 } from '../../src/language/iso639.js'

describe('toBcp47', () => {
  it.each([
    ['fra', 'fr'], ['eng', 'en'], ['cmn', 'zh'], ['arb', 'ar'], ['pes', 'fa'], ['zlm', 'ms'], ['nob', 'nb'],
    ['nno', 'nn'], ['npi', 'ne'], ['ekk', 'et'], ['lvs', 'lv'], ['swh', 'sw'], ['uzn', 'uz'], ['azj', 'az'],
    ['khk', 'mn'], ['ydd', 'yi'], ['als', 'sq'], ['plt', 'mg'], ['pbu', 'ps'], ['jpn', 'ja'], ['kor', 'ko'],
    ['ceb', 'ceb'], ['hil', 'hil'], ['ckb', 'ckb'], ['und', 'und'], ['FRA', 'fr'],
  ])('%s → %s', (code, tag) => {
    expect(toBcp47(code)).toBe(tag)
  })
})

describe('languageTagsOf (the `only` option)', () => {
  it.each([
    ['fr', ['fr']], ['fra', ['fr']], ['pt-BR', ['pt']], ['zh-Hant', ['zh']], ['zh_CN', ['zh']], ['cmn', ['zh']],
    ['no', ['nb', 'nn']], ['nob', ['nb']], ['iw', ['he']], ['EN', ['en']], ['', []], ['123', []], ['français', []],
  ])('%s → %j', (name, tags) => {
    expect(languageTagsOf(name)).toEqual(tags)
  })
})
