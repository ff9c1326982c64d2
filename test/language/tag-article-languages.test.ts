import { describe, expect, it } from 'vitest'
import { tagArticleLanguages } from '../../src/language/tag-article-languages.js'

const french = [
  'Le gouvernement a présenté mercredi un projet de loi destiné à réformer le système des retraites.',
  'Selon le ministre du Travail, la réforme doit permettre de garantir le financement des pensions.',
  'Les syndicats ont aussitôt appelé à une journée de grève nationale la semaine prochaine.',
  'Plusieurs députés de la majorité ont également exprimé des réserves sur le calendrier retenu.',
]

describe('tagArticleLanguages', () => {
  it('tags a French article and its paragraphs', () => {
    const r = tagArticleLanguages(french)
    expect(r.language).toBe('fr')
    expect(r.confidence).toBeGreaterThan(0.5)
    expect(r.paragraphs.map((p) => p.language)).toEqual(['fr', 'fr', 'fr', 'fr'])
  })

  it('gives a short or ambiguous French line the article language', () => {
    const lines = ['Photo : Jean Martin / AFP', 'Paris, le 12 mars', 'Lire aussi', 'Taxi Uber', 'Mise à jour à 18 h 30']
    for (const line of lines) {
      const r = tagArticleLanguages([...french.slice(0, 2), line, ...french.slice(2)])
      expect(r.paragraphs[2]!.language, line).toBe('fr')
    }
  })

  it('tags a real English quote inside a French article as en', () => {
    const quote = '"We will not accept any cut to the pensions of people who have worked all their lives," the union leader said.'
    const r = tagArticleLanguages([...french.slice(0, 2), quote, ...french.slice(2)])
    expect(r.language).toBe('fr')
    expect(r.paragraphs[2]!.language).toBe('en')
    expect(r.paragraphs.filter((p) => p.language === 'fr')).toHaveLength(4)
  })

  it('tags a German quote inside a French article as de', () => {
    const quote = 'Die Regierung wird diese Reform nicht ohne eine breite Zustimmung der Gewerkschaften durchsetzen.'
    const r = tagArticleLanguages([...french, quote])
    expect(r.paragraphs[4]!.language).toBe('de')
  })

  it('keeps kanji-only headlines Japanese in a Japanese article, and kana text is never Chinese', () => {
    const r = tagArticleLanguages([
      '東京都知事選挙',
      '東京都の知事選挙が日曜日に行われ、現職の候補が当選した。',
      '投票率は前回を上回り、多くの有権者が投票所を訪れた。',
    ])
    expect(r.language).toBe('ja')
    expect(r.paragraphs.map((p) => p.language)).toEqual(['ja', 'ja', 'ja'])
    const zh = tagArticleLanguages(['北京市政府周一宣布了新的交通管理措施。', '新措施将于下月起正式实施，市民反应积极。'])
    expect(zh.language).toBe('zh')
    expect(zh.paragraphs.map((p) => p.language)).toEqual(['zh', 'zh'])
  })

  it('tags an English paragraph inside a Chinese article as en, a short Latin name as zh', () => {
    const r = tagArticleLanguages([
      '北京市政府周一宣布了新的交通管理措施。',
      'The new rules will apply to all private cars entering the city centre during rush hours.',
      'iPhone 15',
      '新措施将于下月起正式实施，市民反应积极。',
    ])
    expect(r.paragraphs.map((p) => p.language)).toEqual(['zh', 'en', 'zh', 'zh'])
  })

  it('keeps a Croatian article Croatian, paragraph by paragraph', () => {
    const r = tagArticleLanguages([
      'Vlada je u četvrtak predstavila novi zakon o mirovinskom sustavu.',
      'Prema riječima ministra, reforma će osigurati stabilno financiranje mirovina.',
      'Sindikati su najavili prosvjed za sljedeći tjedan u Zagrebu.',
    ])
    expect(r.language).toBe('hr')
    expect(r.paragraphs.map((p) => p.language)).toEqual(['hr', 'hr', 'hr'])
  })

  it('applies minLength and the only option', () => {
    const r = tagArticleLanguages([...french, 'Bonjour à tous'], { minLength: 20 })
    expect(r.paragraphs[4]).toEqual({ language: 'fr', confidence: expect.any(Number) })
    // French is no evidence for Spanish or Italian: `und`, never a wrong listed language.
    expect(tagArticleLanguages(french, { only: ['spa', 'ita'] }).language).toBe('und')
    expect(tagArticleLanguages(french, { only: ['fra', 'spa'] }).language).toBe('fr')
  })

  it.each([
    ['no paragraphs', []],
    ['empty paragraphs', ['', '   ']],
    ['digits and punctuation', ['2024', '---', '!!!']],
  ])('returns und for %s without throwing', (_, paragraphs) => {
    const r = tagArticleLanguages(paragraphs as string[])
    expect(r.language).toBe('und')
    expect(r.paragraphs).toHaveLength((paragraphs as string[]).length)
  })

  it.each([['a'], ['OK'], ['a b'], ['Hi!']])('gives und, not a guess, to an article of %j (under minLength in all)', (text) => {
    const r = tagArticleLanguages([text])
    expect(r).toEqual({ language: 'und', confidence: 0, paragraphs: [{ language: 'und', confidence: 0 }] })
  })

  it('is deterministic', () => {
    const input = [...french, 'The minister said the reform was necessary to protect future generations.']
    expect(tagArticleLanguages(input)).toEqual(tagArticleLanguages(input))
  })
})
