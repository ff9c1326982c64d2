/**
 * ISO 639-3 → BCP 47 mapping for every language the detectors can return (franc's 187-language
 * build, plus eld's codes). This is the ONE place where codes are converted.
 *
 * Rule: the ISO 639-1 code when the language has one; for an individual language inside a
 * macrolanguage, the macrolanguage's 639-1 code when that is what HTML `lang` uses for it
 * (`cmn`→`zh`, `arb`→`ar`, `pes`→`fa`, `zlm`→`ms`, `ekk`→`et`, `npi`→`ne`, ...); otherwise the
 * 639-3 code itself. `nob`/`nno` map to `nb`/`nn` (ISO 639-1 codes of Bokmål and Nynorsk).
 */

/** 639-3 codes that have a different BCP 47 tag. Codes not listed are their own tag. */
const TO_BCP47: Readonly<Record<string, string>> = Object.freeze({
  afr: 'af', als: 'sq', amh: 'am', arb: 'ar', ayr: 'ay', azj: 'az', bam: 'bm', bel: 'be',
  ben: 'bn', bod: 'bo', bos: 'bs', bul: 'bg', cat: 'ca', ces: 'cs', cmn: 'zh', dan: 'da',
  deu: 'de', ekk: 'et', ell: 'el', eng: 'en', epo: 'eo', ewe: 'ee', fin: 'fi', fra: 'fr',
  glg: 'gl', guj: 'gu', hat: 'ht', hau: 'ha', heb: 'he', hin: 'hi', hrv: 'hr', hun: 'hu',
  hye: 'hy', ibo: 'ig', iii: 'ii', ind: 'id', ita: 'it', jav: 'jv', jpn: 'ja', kan: 'kn',
  kat: 'ka', kaz: 'kk', khk: 'mn', khm: 'km', kin: 'rw', kir: 'ky', kng: 'kg', kor: 'ko',
  lao: 'lo', lin: 'ln', lit: 'lt', lug: 'lg', lvs: 'lv', mal: 'ml', mar: 'mr', mkd: 'mk',
  mya: 'my', ndo: 'ng', nld: 'nl', nno: 'nn', nob: 'nb', npi: 'ne', nya: 'ny', pan: 'pa',
  pbu: 'ps', pes: 'fa', plt: 'mg', pol: 'pl', por: 'pt', ron: 'ro', run: 'rn', rus: 'ru',
  sag: 'sg', sin: 'si', slk: 'sk', slv: 'sl', sna: 'sn', som: 'so', sot: 'st', spa: 'es',
  src: 'sc', srp: 'sr', ssw: 'ss', sun: 'su', swe: 'sv', swh: 'sw', tam: 'ta', tat: 'tt',
  tel: 'te', tgk: 'tg', tgl: 'tl', tha: 'th', tir: 'ti', tsn: 'tn', tso: 'ts', tuk: 'tk',
  tur: 'tr', uig: 'ug', ukr: 'uk', urd: 'ur', uzn: 'uz', ven: 've', vie: 'vi', wol: 'wo',
  xho: 'xh', ydd: 'yi', yor: 'yo', zlm: 'ms', zul: 'zu', zyb: 'za',
  // Not in franc's build, but common inputs to `only` or eld outputs.
  isl: 'is', eus: 'eu', ori: 'or', zho: 'zh', msa: 'ms', zsm: 'ms', est: 'et', lav: 'lv',
  fas: 'fa', ara: 'ar', nor: 'no', nep: 'ne', sqi: 'sq', aze: 'az', uzb: 'uz', mon: 'mn',
  swa: 'sw', kur: 'ku', pus: 'ps', yid: 'yi', mlg: 'mg', aym: 'ay', hbs: 'sh', fil: 'tl',
})

/** Extra names accepted in `only` (legacy or macrolanguage tags) → the BCP 47 tags they stand for. */
const ALIASES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  no: ['nb', 'nn'], nor: ['nb', 'nn'], sh: ['hr', 'sr', 'bs'], hbs: ['hr', 'sr', 'bs'],
  iw: ['he'], in: ['id'], ji: ['yi'], fil: ['tl'], ku: ['ckb'], kur: ['ckb'], qu: ['quz', 'quy', 'qug'],
  ff: ['fuv', 'fuf'], fa: ['fa', 'prs'],
})

/**
 * Converts an ISO 639-3 code (as franc returns it) to the BCP 47 tag this library outputs.
 * `und` stays `und`; an unknown code is returned unchanged (lower-cased).
 * @example toBcp47('cmn') // 'zh'; toBcp47('fra') // 'fr'; toBcp47('ceb') // 'ceb'
 */
export function toBcp47(code: string): string {
  const c = code.toLowerCase()
  return TO_BCP47[c] ?? c
}

/**
 * fastText lid.176 labels (Wikipedia language codes) that are not the BCP 47 tag of the language:
 * `als` is the Alemannic Wikipedia (Swiss German, `gsw`; not Albanian), `bh` the Bihari one
 * (written in Bhojpuri), `no` Bokmål. `sh` (Serbo-Croatian) is resolved to hr/sr/bs by the caller.
 */
const FROM_FASTTEXT: Readonly<Record<string, string>> = Object.freeze({ als: 'gsw', bh: 'bho', no: 'nb' })

/**
 * Converts a fastText lid.176 label to the BCP 47 tag this library outputs.
 * @example fromFastText('als') // 'gsw'; fromFastText('fr') // 'fr'
 */
export function fromFastText(label: string): string {
  return FROM_FASTTEXT[label] ?? label
}

/**
 * Normalizes one user-given language name (BCP 47 like `fr`, `pt-BR`, `zh-Hant`, or ISO 639-3
 * like `fra`) to the BCP 47 tags it covers (`no` covers `nb` and `nn`). Empty list for junk.
 * @example languageTagsOf('fra') // ['fr']; languageTagsOf('pt-BR') // ['pt']; languageTagsOf('no') // ['nb', 'nn']
 */
export function languageTagsOf(name: string): string[] {
  const base = name.trim().toLowerCase().split(/[-_]/)[0] ?? ''
  if (!/^[a-z]{2,3}$/.test(base)) return []
  const alias = ALIASES[base]
  if (alias) return [...alias]
  return [toBcp47(base)]
}
