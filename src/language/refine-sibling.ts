/**
 * Close relatives that eld does not know (id, gl, sr/bs in Latin script, nn, mk, ne, yi) and that
 * franc's UDHR-trained trigram profiles do not tell apart reliably on real text. They are told
 * apart from the eld language they are mistaken for by a few distinctive letters and very frequent
 * function words: linguistic facts, not thresholds fitted to a data set.
 */

/** Distinctive frequent words per language (lower case). */
const MARKERS: Readonly<Record<string, ReadonlySet<string>>> = Object.freeze({
  id: words('bisa karena bahwa tersebut pemerintah mengatakan uang polisi setelah merupakan yaitu tapi saja berbagai perusahaan kemarin besok mobil nggak enggak banget sejumlah kepolisian'),
  // Not boleh, berkata, ialah: Indonesian uses them too.
  ms: words('kerana bahawa kerajaan wang polis selepas iaitu sahaja pelbagai syarikat hospital kenderaan manakala berbanding sekiranya esok bilangan antarabangsa tentera baharu bahawasanya berkahwin perkahwinan sesiapa tiada pembezaan'),
  // Afrikaans spells y where Dutch has ij, -sie where Dutch has -tie; and its own function words.
  af: words('nie hulle ek jy julle vir deur baie mense sal word gee elkeen n sy hy hom hierdie daardie soos asook teen sonder vry tyd gelyk nuwe regte'),
  nl: words('de een zijn niet wordt door voor zal ze zij worden naar ik je hij bij wij mij zich heeft hebben tijd zonder tegen'),
  // Galician against Portuguese, and against Spanish.
  glPt: words('en con un ten teñen sen nin súa persoa persoas dereito dereitos calquera ningunha ningún ninguén ninguín unha'),
  ptGl: words('em com um tem têm sem nem sua pessoa pessoas direito direitos qualquer nenhuma nenhum ninguém uma'),
  glEs: words('os as do das á ao ás súa seu unha non xa moi máis tamén persoa dereito dereitos'),
  esGl: words('el los las y del una muy más también ya hay su sus lo al persona derecho derechos'),
  gl: words('ninguén ninguín non unha unhas dun dunha nun nunha coa coas polo pola polos polas xa tamén máis moi dende cando aínda ademais xunto xente traballo hai facer fai dixo iso tódolos tódalas galego galega xunta'),
  pt: words('não uma umas também mais muito então já ainda isso há disse fazer pelo pela pelos pelas num numa são'),
  es: words('el los las y una del muy también ya hay desde cuando dijo hacer pero'),
  // Serbo-Croatian. Ekavian forms (Serbian; Croatian and Bosnian are ijekavian: vreme/vrijeme,
  // čovek/čovjek) and Serbian vocabulary; ijekavian forms; eastern words shared by Serbian and
  // Bosnian (ko/tko, niko/nitko, šta/što, porodica/obitelj, uslov/uvjet, tačno/točno); Croatian
  // vocabulary; Bosnian vocabulary. Forms shared by the standards (vremena, nikoga, svako as
  // "every") are left out.
  sr: words('pre posle gde vreme reč reči deo dela delo delu mesto mesta dete deca dece nedelja nedelje uvek ceo cela celo celog lepo reka mleko hleb srpski srpska srpske beograd beogradu lečenje čovek čoveka čoveku čovekov čovekove vrednost vrednosti savest savesti veroispovest veroispovesti sme mešanje primena primenu razumevanje obezbede obezbedi obezbediti bezbednost bezbednosti istorija istorije opšti opšte opšta opštu opšteg'),
  ije: words('prije poslije gdje uvijek vrijeme riječ riječi dio djela djelo djelu mjesto mjesta dijete djeca djece nedjelja nedjelje cijeli cijela cijelo lijepo rijeka mlijeko čovjek čovjeka čovjeku čovjekov čovjekove vrijednost vrijednosti savjest savjesti smije primjena primjenu razumijevanje svijet svijeta svijetu'),
  east: words('ko niko iko šta porodica porodice porodici porodicu saradnja saradnje saradnji saradnju uslov uslovi uslove uslova hiljada hiljade nauka nauke tačno tačka opština opštine voz vazduh sedmica sedmice januar februar septembar oktobar novembar decembar kafa'),
  hr: words('tisuća tisuće tjedan tjedna tjedno siječanj veljača ožujak travanj svibanj lipanj srpanj kolovoz rujan listopad prosinac tko nitko netko svatko itko vlak nogomet nogometni kolodvor sveučilište zrakoplov hrvatska hrvatske hrvatskoj zagreb zagrebu glede bit tijekom uvjet uvjeti uvjete uvjeta točno točka znanost povijest obveza obveze kazneno kaznenog'),
  bs: words('historija historije august hljeb lahko bosne bošnjaci sarajevo sarajevu'),
  nn: words('ikkje eg ho dei kva korleis frå berre mykje vere noko nokon heile òg ein eit vart seier sjølv fleire meir kvar då betre vore vera medan hjå difor kven'),
  nb: words('ikke jeg hun hva hvordan fra bare mye være noe noen hele ble sier selv flere mer hver'),
  // Bokmål against Danish (nb av/da af, etter/efter, seg/sig, -het/-hed, ...).
  nbDa: words('av etter mellom gjennom seg meg deg nå mye noe noen hverandre blir ble hva rett'),
  daNb: words('af efter mellem gennem sig mig dig nu meget noget nogen hinanden bliver blev hvad ret'),
  ne: words('छ छन् पनि भएको गरेको र थियो लागि गर्न भने हुन्छ गरे भन्ने छैन यो त्यो गरेका भएका मा लाई गर्ने हुने सक्ने रहेको रहेका'),
  // Hindi, Marathi, Nepali: words of one language only (या is Hindi "or" but Marathi "this", हो is Hindi
  // and Nepali, की is Hindi "of" and Marathi "that", व and को are shared: none of them counts).
  hi: words('है हैं और में का के से था थे थी यह वह ने भी नहीं लिए किया कहा गया गई इस उस कि जो'),
  mr: words('आहे आणि आहेत होते होती हे तर पण नाही केले किंवा मध्ये असे त्या त्यांच्या करण्यात केली झाली'),
  mk: words('во со што ќе тоа беше бил била оваа овој кои нејзиниот'),
  srCyrl: words('је су ће у са био била шта који'),
  yi: words('און איז פֿון ניט נישט דער זיך אויף זײַן'),
})

function words(list: string): ReadonlySet<string> {
  return new Set(list.split(' '))
}

function count(tokens: readonly string[], ...langs: string[]): number {
  // A loop, not map then filter: the mapped arrays came in several maps, and V8 threw away the
  // optimized code of this function at the first new one.
  const sets: Array<ReadonlySet<string>> = []
  for (const l of langs) {
    const set = MARKERS[l]
    if (set !== undefined) sets.push(set)
  }
  let n = 0
  for (const t of tokens) if (sets.some((set) => set.has(t))) n++
  return n
}

/** Tokens ending in one of `suffixes`. */
function endings(tokens: readonly string[], suffixes: readonly string[]): number {
  let n = 0
  for (const t of tokens) if (t.length > 4 && suffixes.some((x) => t.endsWith(x))) n++
  return n
}

const TOKEN_SPLIT = /[^\p{L}\p{M}]+/u

/**
 * Given eld's verdict `tag` on `text`, returns the close relative eld does not know when the text
 * carries its marks (when the marks do not decide, `tiebreak` chooses among the candidates) (`ms`→`id`, `pt`/`es`→`gl`, `nl`→`af`, `hr`→`sr`/`bs`, `nb`/`da`→`nn`, Cyrillic
 * `bg`/`sr`/`ru`→`mk`, `hi`/`mr`→`ne`, `he`→`yi`), else `tag` unchanged. `allow` filters candidates.
 * @example refineSibling('ms', 'Dia bilang bahwa polisi tidak bisa datang.') // 'id'
 */
export function refineSibling(tag: string, text: string, allow?: ReadonlySet<string>,
  tiebreak: (candidates: string[]) => string = (c) => c[0]!): string {
  const ok = (t: string): boolean => allow === undefined || allow.has(t)
  const sample = text.length > 400 ? text.slice(0, 400) : text
  switch (tag) {
    case 'ms': case 'id': {
      const tokens = tokenize(sample)
      const id = count(tokens, 'id')
      const ms = count(tokens, 'ms')
      const pick = ms > id ? 'ms' : id > ms ? 'id' : tiebreak(['id', 'ms'].filter(ok))
      return ok(pick) ? pick : tag
    }
    case 'pt': case 'es': {
      if (!ok('gl') || /[ãõç]|lh/i.test(sample)) return tag
      const tokens = tokenize(sample)
      // Galician words begin with x where Portuguese and Spanish have j/g/ch.
      // Plurals in -óns/-ións are Galician only (pt -ões, es -ones).
      const gl = count(tokens, 'gl', tag === 'pt' ? 'glPt' : 'glEs') + tokens.filter((t) => t.length > 1 && t[0] === 'x').length
        + endings(tokens, ['óns'])
      const other = count(tokens, tag, tag === 'pt' ? 'ptGl' : 'esGl')
      return gl >= 2 && gl > other ? 'gl' : tag
    }
    case 'nl': {
      if (!ok('af')) return tag
      const tokens = tokenize(sample)
      const af = count(tokens, 'af')
      return af >= 1 && af > count(tokens, 'nl') ? 'af' : tag
    }
    case 'hr': {
      const tokens = tokenize(sample)
      const hr = count(tokens, 'hr')
      const ekavian = count(tokens, 'sr')
      const ijekavian = count(tokens, 'ije')
      const east = count(tokens, 'east')
      const bs = count(tokens, 'bs')
      // Ekavian is Serbian; eastern words in ijekavian text are Bosnian (or ijekavian Serbian).
      if (ekavian > ijekavian && ekavian + east > hr && ok('sr')) return 'sr'
      if (east + bs > hr) {
        const pick = ijekavian > 0 || bs > 0 ? 'bs' : tiebreak(['sr', 'bs'].filter(ok))
        return ok(pick) ? pick : tag
      }
      return tag
    }
    case 'nb': case 'da': {
      const tokens = tokenize(sample)
      const nn = count(tokens, 'nn')
      if (ok('nn') && nn >= 1 && nn > count(tokens, 'nb')) return 'nn'
      // Bokmål and Danish: spelling (-het/-hed) and function words, when they clearly disagree with eld.
      const nb = count(tokens, 'nbDa') + endings(tokens, ['het', 'heten', 'heter'])
      const da = count(tokens, 'daNb') + endings(tokens, ['hed', 'heden', 'heder'])
      if (tag === 'da' && nb >= 2 && nb > 2 * da && ok('nb')) return 'nb'
      if (tag === 'nb' && da >= 2 && da > 2 * nb && ok('da')) return 'da'
      return tag
    }
    case 'bg': case 'sr': case 'ru': case 'uk': {
      if (!ok('mk')) return tag
      if (/[ѓќѕЃЌЅ]/.test(sample)) return 'mk'
      if (tag === 'bg' && /[јљњЈЉЊ]/.test(sample)) return /[ђћЂЋ]/.test(sample) && ok('sr') ? 'sr' : 'mk'
      if (tag === 'sr' && !/[ђћЂЋ]/.test(sample)) {
        const tokens = tokenize(sample)
        const mk = count(tokens, 'mk')
        const sr = count(tokens, 'srCyrl')
        return mk > sr ? 'mk' : sr > mk ? tag : tiebreak([tag, 'mk'])
      }
      return tag
    }
    case 'hi': case 'mr': {
      // Hindi, Marathi and Nepali share Devanagari and much vocabulary; their function words differ
      // (hi है/और/में, mr आहे/आणि/मध्ये, ne छ/र/मा). The language with the most of them wins; with
      // none, eld's choice stands against Nepali (which eld does not know) on trigram evidence.
      const tokens = tokenize(sample)
      // Case endings of one language: Marathi genitive -च्या/-चा/-ची/-चे, -पासून, -साठी and the
      // letter ळ (not Hindi), Nepali -लाई, plural -हरू and participles -ेको/-ेका.
      const suffixed: Readonly<Record<'hi' | 'mr' | 'ne', number>> = {
        hi: 0,
        mr: endings(tokens, ['च्या', 'ाचा', 'ाची', 'ाचे', 'ांचा', 'ांची', 'ांचे', 'ण्यात', 'ण्यास', 'पासून', 'साठी']) + tokens.filter((t) => t.includes('ळ')).length,
        ne: endings(tokens, ['लाई', 'हरू', 'हरु', 'ेको', 'ेका']),
      }
      const votes = (['hi', 'mr', 'ne'] as const).filter(ok).map((l) => [l, count(tokens, l) + suffixed[l]] as const)
      const most = Math.max(0, ...votes.map(([, n]) => n))
      if (most === 0) return ok('ne') ? tiebreak([tag, 'ne']) : tag
      const leaders = votes.filter(([, n]) => n === most).map(([l]) => l)
      return leaders.length === 1 ? leaders[0]! : leaders.includes(tag as 'hi' | 'mr') ? tag : tiebreak(leaders)
    }
    case 'he': {
      if (!ok('yi')) return tag
      const marks = sample.match(/[װױײ]|פֿ|א[ַָ]/g)?.length ?? 0
      return marks >= 2 || count(tokenize(sample), 'yi') >= 2 ? 'yi' : tag
    }
    default:
      return tag
  }
}

function tokenize(text: string): string[] {
  return text.toLowerCase().split(TOKEN_SPLIT)
}
