/**
 * Close relatives that eld does not know (id, gl, sr/bs in Latin script, nn, mk, ne, yi) and that
 * franc's UDHR-trained trigram profiles do not tell apart reliably on real text. They are told
 * apart from the eld language they are mistaken for by a few distinctive letters and very frequent
 * function words: linguistic facts, not thresholds fitted to a data set.
 */

/** Distinctive frequent words per language (lower case). */
const MARKERS: Readonly<Record<string, ReadonlySet<string>>> = Object.freeze({
  id: words('bisa karena bahwa tersebut pemerintah mengatakan uang polisi setelah merupakan yaitu tapi saja berbagai perusahaan kemarin besok mobil nggak enggak banget sejumlah kepolisian'),
  ms: words('boleh kerana bahawa kerajaan berkata wang polis selepas ialah iaitu sahaja pelbagai syarikat hospital kenderaan manakala berbanding sekiranya semalam esok bilangan'),
  af: words('nie hulle ek jy vir deur baie mense sal word gee elkeen n sy'),
  nl: words('de een zijn niet wordt door voor zal ze zij worden naar ik je'),
  // Galician against Portuguese, and against Spanish.
  glPt: words('en con un ten teñen sen nin súa persoa persoas dereito dereitos calquera ningunha ningún ninguén unha'),
  ptGl: words('em com um tem têm sem nem sua pessoa pessoas direito direitos qualquer nenhuma nenhum ninguém uma'),
  glEs: words('os as do das á ao ás súa seu unha non xa moi máis tamén persoa dereito dereitos'),
  esGl: words('el los las y del una muy más también ya hay su sus lo al persona derecho derechos'),
  gl: words('non unha unhas dun dunha nun nunha coa coas polo pola polos polas xa tamén máis moi dende cando aínda ademais xunto xente traballo hai facer fai dixo iso tódolos tódalas galego galega xunta'),
  pt: words('não uma umas também mais muito então já ainda isso há disse fazer pelo pela pelos pelas num numa são'),
  es: words('el los las y una del muy también ya hay desde cuando dijo hacer pero'),
  // Ekavian forms and Serbian vocabulary; Croatian vocabulary; Bosnian (ijekavian + eastern vocabulary).
  sr: words('pre posle gde vreme vremena reč deo mesto mesta dete deca dece nedelja nedelje uvek ceo cela celo lepo reka mleko hleb sveta srpski srpska srpske beograd beogradu biće vreme lečenje'),
  hr: words('tisuća tisuće tjedan tjedna tjedno siječanj veljača ožujak travanj svibanj lipanj srpanj kolovoz rujan listopad prosinac tko vlak nogomet nogometni kolodvor sveučilište zrakoplov hrvatska hrvatske hrvatskoj zagreb zagrebu glede bit'),
  bs: words('hiljada hiljade historija historije sedmica sedmice januar februar august septembar oktobar novembar decembar šta kafa hljeb lahko bosne bošnjaci sarajevo sarajevu'),
  nn: words('ikkje eg ho dei kva korleis frå berre mykje vere noko nokon heile òg ein eit vart seier sjølv fleire meir kvar'),
  nb: words('ikke jeg hun hva hvordan fra bare mye være noe noen hele ble sier selv flere mer hver'),
  ne: words('छ छन् हो पनि भएको गरेको र थियो लागि गर्न भने हुन्छ गरे भन्ने छैन यो त्यो गरेका भएका'),
  hi: words('है हैं और में की का के से था थे थी यह वह ने भी नहीं लिए'),
  mr: words('आहे आणि आहेत होते होती व हे या ही तर पण नाही केले'),
  mk: words('во со што ќе тоа беше бил била оваа овој кои нејзиниот'),
  srCyrl: words('је су ће у са био била шта који'),
  yi: words('און איז פֿון ניט נישט דער זיך אויף זײַן'),
})

function words(list: string): ReadonlySet<string> {
  return new Set(list.split(' '))
}

function count(tokens: readonly string[], lang: string): number {
  const set = MARKERS[lang]
  if (!set) return 0
  let n = 0
  for (const t of tokens) if (set.has(t)) n++
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
      let gl = count(tokens, 'gl') + tokens.filter((t) => t.length > 1 && t[0] === 'x').length
      let other = count(tokens, tag)
      if (tag === 'pt') { gl += count(tokens, 'glPt'); other += count(tokens, 'ptGl') } else { gl += count(tokens, 'glEs'); other += count(tokens, 'esGl') }
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
      const sr = count(tokens, 'sr')
      const bs = count(tokens, 'bs')
      if (sr > hr && sr >= bs && ok('sr')) return 'sr'
      if (bs > hr && ok('bs')) return 'bs'
      return tag
    }
    case 'nb': case 'da': {
      if (!ok('nn')) return tag
      const tokens = tokenize(sample)
      const nn = count(tokens, 'nn')
      return nn >= 1 && nn > count(tokens, 'nb') ? 'nn' : tag
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
      if (!ok('ne')) return tag
      const tokens = tokenize(sample)
      const ne = count(tokens, 'ne')
      const own = count(tokens, tag)
      return ne > own ? 'ne' : own > ne ? tag : tiebreak([tag, 'ne'])
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
