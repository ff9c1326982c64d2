import { describe, expect, it } from 'vitest'
import { tagLanguage, tagLanguages } from '../../src/language/tag-language.js'

describe('tagLanguage on lone sentences', () => {
  it.each([
    ['en', 'The city council approved the new budget after a long debate on Tuesday night.'],
    ['fr', 'Le conseil municipal a adopté le nouveau budget après un long débat mardi soir.'],
    ['de', 'Der Stadtrat hat den neuen Haushalt nach einer langen Debatte am Dienstagabend verabschiedet.'],
    ['es', 'El ayuntamiento aprobó el nuevo presupuesto tras un largo debate el martes por la noche.'],
    ['pt', 'A câmara municipal aprovou o novo orçamento depois de um longo debate na terça-feira à noite.'],
    ['it', 'Il consiglio comunale ha approvato il nuovo bilancio dopo un lungo dibattito martedì sera.'],
    ['nl', 'De gemeenteraad heeft dinsdagavond na een lang debat de nieuwe begroting goedgekeurd.'],
    ['pl', 'Rada miejska zatwierdziła nowy budżet po długiej debacie we wtorek wieczorem.'],
    ['cs', 'Městská rada schválila nový rozpočet po dlouhé debatě v úterý večer.'],
    ['sk', 'Mestské zastupiteľstvo schválilo nový rozpočet po dlhej diskusii v utorok večer.'],
    ['sv', 'Kommunfullmäktige godkände den nya budgeten efter en lång debatt på tisdagskvällen.'],
    ['da', 'Byrådet vedtog det nye budget efter en lang debat tirsdag aften, og borgmesteren var tilfreds.'],
    ['fi', 'Kaupunginvaltuusto hyväksyi uuden talousarvion pitkän keskustelun jälkeen tiistai-iltana.'],
    ['hu', 'A városi tanács kedd este hosszú vita után elfogadta az új költségvetést.'],
    ['tr', 'Belediye meclisi salı akşamı uzun bir tartışmanın ardından yeni bütçeyi onayladı.'],
    ['ro', 'Consiliul local a aprobat noul buget după o dezbatere lungă marți seara.'],
    ['id', 'Pemerintah kota mengatakan bahwa anggaran baru tersebut sudah disetujui setelah perdebatan panjang.'],
    ['ms', 'Kerajaan negeri berkata bahawa bajet baharu itu telah diluluskan selepas perbahasan yang panjang.'],
    ['gl', 'O concello aprobou onte o novo orzamento despois dun longo debate, e a xente non estaba contenta.'],
    ['ru', 'Городской совет утвердил новый бюджет после долгих дебатов во вторник вечером.'],
    ['uk', 'Міська рада затвердила новий бюджет після тривалих дебатів у вівторок ввечері.'],
    ['bg', 'Общинският съвет прие новия бюджет след дълъг дебат във вторник вечерта.'],
    ['mk', 'Градскиот совет го усвои новиот буџет по долгата дебата во вторник навечер.'],
    ['el', 'Το δημοτικό συμβούλιο ενέκρινε τον νέο προϋπολογισμό μετά από μακρά συζήτηση.'],
    ['he', 'מועצת העיר אישרה את התקציב החדש לאחר דיון ארוך ביום שלישי בערב.'],
    ['ar', 'وافق مجلس المدينة على الميزانية الجديدة بعد نقاش طويل مساء الثلاثاء.'],
    ['fa', 'شورای شهر پس از بحثی طولانی در شب سه‌شنبه بودجه جدید را تصویب کرد.'],
    ['hi', 'नगर परिषद ने मंगलवार रात लंबी बहस के बाद नया बजट मंजूर किया है।'],
    ['ne', 'नगर परिषदले मंगलबार राति लामो बहसपछि नयाँ बजेट पारित गरेको छ।'],
    ['zh', '市议会在周二晚上经过长时间辩论后批准了新的预算。'],
    ['ja', '市議会は火曜日の夜、長い議論の末に新しい予算を承認した。'],
    ['ko', '시의회는 화요일 밤 긴 토론 끝에 새 예산을 승인했다.'],
    ['th', 'สภาเมืองอนุมัติงบประมาณใหม่หลังจากการอภิปรายที่ยาวนานในคืนวันอังคาร'],
    ['ka', 'ქალაქის საბჭომ სამშაბათს საღამოს ახალი ბიუჯეტი დაამტკიცა.'],
    ['hy', 'Քաղաքային խորհուրդը երեքշաբթի երեկոյան հաստատեց նոր բյուջեն։'],
  ])('%s', (lang, text) => {
    expect(tagLanguage(text)).toBe(lang)
  })
})

describe('tagLanguages', () => {
  it('ranks with scores in 0..1, best first', () => {
    const ranked = tagLanguages('Le gouvernement a annoncé une réforme importante des retraites.')
    expect(ranked[0]![0]).toBe('fr')
    for (const [, s] of ranked) { expect(s).toBeGreaterThanOrEqual(0); expect(s).toBeLessThanOrEqual(1) }
    for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1]![1]).toBeGreaterThanOrEqual(ranked[i]![1])
  })

  it.each([
    ['empty', ''], ['spaces', '   \n\t '], ['punctuation', '?!... --- ;;; !!!'], ['digits', '2024-05-17 12:30 +33 1 23 45'],
    ['emoji', '😀🎉👍🔥😀🎉👍🔥'], ['binary', '\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008'], ['short word', 'Bonjour'],
  ])('returns und for %s', (_, text) => {
    expect(tagLanguages(text)).toEqual([['und', 0]])
    expect(tagLanguage(text)).toBe('und')
  })

  it('honours minLength', () => {
    expect(tagLanguage('Bonjour à tous', { minLength: 20 })).toBe('und')
    expect(tagLanguage('Bonjour à tous', { minLength: 5 })).toBe('fr')
  })

  it('does not throw on non-string input', () => {
    expect(tagLanguage(undefined as unknown as string)).toBe('und')
  })
})

describe('the only option', () => {
  const text = 'O governo anunciou ontem um novo plano para a habitação.'
  it('accepts BCP 47 and ISO 639-3 names', () => {
    expect(tagLanguage(text)).toBe('pt')
    // Portuguese is no evidence for Spanish or Italian: the restriction gives `und`, not a wrong tag.
    expect(tagLanguage(text, { only: ['es', 'it'] })).toBe('und')
    expect(tagLanguage(text, { only: ['spa', 'ita'] })).toBe('und')
    expect(tagLanguage(text, { only: ['por', 'spa'] })).toBe('pt')
    expect(tagLanguage(text, { only: ['pt-BR'] })).toBe('pt')
  })
  it('returns und when no candidate of the script is allowed', () => {
    expect(tagLanguage('Городской совет утвердил новый бюджет.', { only: ['en', 'fr'] })).toBe('und')
  })
  it('can force Japanese on kanji-only text', () => {
    expect(tagLanguage('東京都議会議員選挙投票日')).toBe('zh')
    expect(tagLanguage('東京都議会議員選挙投票日', { only: ['ja'] })).toBe('ja')
  })
})

describe('Japanese vs Chinese', () => {
  it.each([
    ['ja', '東京では明日から新しい制度が始まります。'],
    ['ja', 'この問題について政府は説明していない。'],
    ['zh', '北京明天开始实施新的制度。'],
    ['zh', '政府尚未就这个问题作出解释。'],
    ['zh', '政府尚未就這個問題作出解釋。'],
  ])('%s: %s', (lang, text) => {
    expect(tagLanguage(text)).toBe(lang)
  })
})

describe('tagLanguage on languages lid.176 confuses with a relative', () => {
  // Javanese and Minangkabau beside Indonesian, Cyrillic Azerbaijani (lid.176 has only the Latin
  // one) beside Bashkir, Maithili beside Hindi (Bhojpuri is not here: lid.176 calls it Hindi at 0.97, a known miss): the answer may be the relative, but
  // never with a confidence of 0.9 or more (the calibration promise of the confidence).
  it.each([
    ['jv', 'Aku arep lunga menyang pasar karo ibuku amarga kudu tuku sayuran lan iwak kanggo mangan bengi.'],
    ['min', 'Ambo ka pai ka pasa jo amak dek karano paralu mambali sayua jo lauak untuak makan malam.'],
    ['az', 'Мән бу ҝүн шәһәрә ҝедирәм вә ахшам евә гајыдачағам, чүнки анам мәни ҝөзләјир.'],
    ['mai', 'हम काल्हि गाम जाएब आ ओतए अपन माय-बाबूसँ भेंट करब, ओ सभ बहुत दिनसँ हमर बाट तकैत छथि।'],
  ])('%s', (lang, text) => {
    const [tag, confidence] = tagLanguages(text)[0]!
    if (tag !== lang) expect(confidence).toBeLessThan(0.9)
    // Restricted to the language, the answer is it or `und`: never another language.
    expect([lang, 'und']).toContain(tagLanguages(text, { only: [lang] })[0]![0])
  })
})

describe('tagLanguage on close relatives told apart by their words', () => {
  it.each([
    // Ekavian (čoveka, sme, vere) is Serbian; vremena is Croatian too.
    ['sr', 'Svako ima pravo da kaže šta misli, ali niko ne sme da vređa čoveka zbog njegove vere.'],
    ['hr', 'Nije bilo dovoljno vremena da se sve pripremi prije utakmice.'],
    ['hr', 'Nitko ne zna što će biti sutra, ali svi se nadaju da će se stanje u gradu uskoro popraviti.'],
    // Ijekavian (čovjek) with eastern words (niko, šta): Bosnian.
    ['bs', 'Niko ne zna šta će biti sutra, ali svi se nadaju da će se stanje u gradu uskoro popraviti, rekao je čovjek iz Mostara.'],
    // Galician plurals in -óns, and ninguén.
    ['gl', 'As relacións entre as nacións veciñas melloraron moito nos últimos anos.'],
    ['gl', 'Ninguén pode ser detido sen unha orde do xuíz competente.'],
    // Bokmål rett/friheten, Danish ret/friheden.
    ['nb', 'Enhver har rett til å si sin mening, og friheten gjelder for alle mennesker.'],
    ['da', 'Enhver har ret til at sige sin mening, og friheden gælder for alle mennesker.'],
    // Afrikaans gelyk/teen/die against Dutch gelijk/tegen/de.
    ['af', 'Almal is gelyk voor die reg en het die reg op gelyke beskerming teen enige diskriminasie.'],
    ['nl', 'Iedereen is gelijk voor de wet en heeft recht op gelijke bescherming tegen elke discriminatie.'],
    // bahwa (Malay bahawa) is Indonesian.
    ['id', 'Ketua partai itu berkata kepada wartawan bahwa ia tidak akan mundur.'],
    ['ms', 'Polis berkata bahawa orang ramai tidak boleh menghampiri lokasi kebakaran itu.'],
    ['ms', 'Kerajaan negeri akan membayar wang pampasan kepada syarikat yang terjejas.'],
    // Hindi, Marathi, Nepali at about 50 characters: function words and case endings decide.
    ['hi', 'सरकार ने कहा कि नई योजना अगले महीने से लागू होगी'],
    ['mr', 'सरकारने सांगितले की नवीन योजना पुढील महिन्यापासून लागू'],
    ['mr', 'राज्याच्या राजधानीत पाण्याचा प्रश्न गंभीर झाला आहे'],
    ['mr', 'कोणत्याही नागरिकाला शाळेच्या प्रवेशासाठी अडवले'],
    ['ne', 'सरकारले नयाँ योजना अर्को महिनादेखि लागू गर्ने बताएको'],
    ['ne', 'नागरिकहरूलाई पानीको समस्या समाधान गर्न माग गरिएको'],
  ])('%s: %s', (lang, text) => {
    expect(tagLanguage(text)).toBe(lang)
  })
})
