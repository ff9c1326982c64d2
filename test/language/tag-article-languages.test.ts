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

  // The article's language is taken from the trigram profiles alone when their leader leads by
  // 0.1 nats a trigram, close pairs included (these two samples lead by 0.13-0.15 over each other's
  // language and Spanish); when the leader barely leads, fastText decides: franc has no Icelandic
  // profile, and its leader for Icelandic text is an unrelated language, 0.005 nats ahead.
  it.each([
    ['pt', ['O governo anunciou nesta quarta-feira um novo plano para reduzir o preço da energia nas casas das famílias.',
      'Segundo o ministro, as medidas vão entrar em vigor no próximo mês e devem custar cerca de dois mil milhões de euros.',
      'Os partidos da oposição criticaram a proposta e pediram mais apoio para as pequenas empresas do interior do país.']],
    ['gl', ['O goberno galego anunciou onte un novo plan para baixar o prezo da enerxía nas casas das familias.',
      'Segundo a conselleira, as medidas entrarán en vigor o vindeiro mes e custarán arredor de cen millóns de euros.',
      'Os partidos da oposición criticaron a proposta e pediron máis axudas para as pequenas empresas do rural.']],
    ['is', ['Ríkisstjórnin kynnti í gær nýja áætlun um að lækka orkuverð heimilanna í landinu.',
      'Að sögn ráðherrans taka aðgerðirnar gildi í næsta mánuði og kosta um tíu milljarða króna.',
      'Stjórnarandstaðan gagnrýndi tillöguna og krafðist meiri stuðnings við lítil fyrirtæki á landsbyggðinni.']],
  ])('tags a %s article (a close pair the trigram lead decides, or a language only fastText knows)', (lang, paragraphs) => {
    const r = tagArticleLanguages(paragraphs)
    expect(r.language).toBe(lang)
    expect(r.paragraphs.map((p) => p.language)).toEqual(paragraphs.map(() => lang))
  })

  it('does not take the article language from a trigram leader its letters rule out', () => {
    // Swedish lines between Nynorsk ones: the profiles' leader is Nynorsk by 0.24 nats a trigram,
    // but Nynorsk has no ö; the Swedish lines must not be tagged nn at the article's confidence.
    const r = tagArticleLanguages(['Trump hånade senatorn inför publiken.', 'Vi har ikkje sett noko liknande på lenge.',
      'Kennedy kallade det för en skandal.', 'Dei fleste meiner at det er for seint.'])
    expect(r.language).not.toBe('nn')
    expect([r.paragraphs[0]!.language, r.paragraphs[2]!.language]).toEqual(['sv', 'sv'])
  })

  it('tags a Ukrainian quote in a Russian article uk: a close relative wins when the letters rule the article language out', () => {
    const russian = ['Правительство в среду представило новый план по снижению цен на электроэнергию для населения.',
      'По словам министра, меры вступят в силу в следующем месяце и обойдутся бюджету примерно в сто миллиардов рублей.',
      'Оппозиция раскритиковала предложение и потребовала больше поддержки для малого бизнеса в регионах.']
    const quote = 'Ми не погодимося на жодне скорочення пенсій людей, які працювали все своє життя, заявив лідер профспілки.'
    const r = tagArticleLanguages([...russian.slice(0, 2), quote, russian[2]!])
    expect(r.language).toBe('ru')
    expect(r.paragraphs.map((p) => p.language)).toEqual(['ru', 'ru', 'uk', 'ru'])
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
