/**
 * Identification of one text without context: the script first (many scripts belong to one
 * language), then fastText lid.176 (176 languages), with the close-pair rules of
 * {@link refineSibling} and the alphabet constraints of {@link fitsAlphabet} on top.
 */
import { scriptProfile, SCRIPT_LANGUAGE, type Script } from './script.js'
import { MAX_LABELS, predictLabels } from './fasttext-model.js'
import { fromFastText } from './iso639.js'
import { refineSibling } from './refine-sibling.js'
import { fitsAlphabet } from './alphabet.js'
import { flatCopy } from '../text/flat-copy.js'

/**
 * Close relatives that detectors confuse: choosing among them needs less evidence than jumping to
 * an unrelated language (see `tagArticleLanguages`).
 */
export const SIBLINGS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  ms: ['id'], id: ['ms'], pt: ['gl'], es: ['gl'], gl: ['pt', 'es'], hr: ['bs', 'sr'], bs: ['hr', 'sr'],
  sr: ['bs', 'hr', 'mk'], bg: ['mk'], nl: ['af'], af: ['nl'], mk: ['bg', 'sr'], nb: ['nn', 'da'], da: ['nn', 'nb'], nn: ['nb', 'da'],
  hi: ['ne', 'mai', 'bho', 'mag'], mr: ['ne'], ne: ['hi', 'mr'], mai: ['hi'], bho: ['hi'], mag: ['hi'],
  fa: ['prs'], prs: ['fa'], ur: ['skr'], he: ['yi'], am: ['ti'], ti: ['am'], ca: ['oc'], sq: ['als'],
})

/**
 * Serbo-Croatian in Latin script: lid.176 spreads it over `hr`, `sr`, `bs` and `sh` (the
 * Serbo-Croatian Wikipedia) almost at random; the standards are told apart by their spelling and
 * words instead (ekavian Serbian, ijekavian Croatian and Bosnian, see {@link refineSibling}).
 */
const SERBO_CROATIAN: ReadonlySet<string> = new Set(['hr', 'sr', 'bs', 'sh'])

/** lid.176 labels of languages written both in Latin and in another script. */
const BOTH_SCRIPTS: ReadonlySet<string> = new Set(['sr', 'sh'])

/**
 * lid.176 labels of languages not written in Latin script. fastText reads character n-grams and
 * sometimes gives a short Latin line to one of them ("Ugrizao me!" → Bulgarian): a label the
 * script contradicts is skipped, either way. Serbian is written in both.
 */
const NOT_LATIN: ReadonlySet<string> = new Set(('am ar arz as av azb ba be bg bh bn bo bpy bxr ce ckb cv dty dv el fa gom gu he hi hy '
  + 'ja ka kk km kn ko krc kv ky lez lo lrc mai mhr mk ml mn mr mrj my myv mzn ne new or os pa pnb ps ru rue sa sah sd si ta te tg '
  + 'th tt tyv ug uk ur wuu xal xmf yi yue zh').split(' '))

/**
 * Below this confidence a lone text is `und`: the evidence is too weak to be worth a tag. Chosen on
 * the UDHR dev set (bench/eval-language.ts prints the reliability table it comes from).
 */
export const UND_BELOW = 0.3

/**
 * Labels asked of fastText without `only`: the answer and four runners-up. fastText's top-k costs
 * more with k (a heap over 176 labels): k = 12 was 40 % slower than k = 1 per call.
 */
const TOP_LABELS = 5

/** How much of the text {@link identify} reads (code units). */
export interface IdentifyBudget {
  /** Read by the script profile and by fastText. @default 600 */
  sample?: number
}

/** What {@link identify} concluded. */
export interface Identification {
  /** Ranked `[tag, score]`, best first; `[['und', 0]]` when nothing could be said. */
  ranked: Array<[string, number]>
  script: Script | null
  /** Letters seen (CJK weighted three). */
  letters: number
}

const UND: Array<[string, number]> = [['und', 0]]

/** Is `tag` allowed by an optional allow-list? */
function allowed(allow: ReadonlySet<string> | undefined, tag: string): boolean {
  return allow === undefined || allow.has(tag)
}

/**
 * Identifies the language of `text` alone. `allow` restricts the candidates (BCP 47 tags): a
 * listed language is never turned into another listed one, since the restriction only removes
 * candidates from fastText's ranking. Never throws for content; `und` when there are no letters,
 * no allowed candidate, or the evidence is weak (confidence under {@link UND_BELOW}).
 * Throws `E_LANGUAGE_MODEL` when the model is not loaded.
 */
export function identify(input: string, allow?: ReadonlySet<string>, budget: IdentifyBudget = {}): Identification {
  const sample = budget.sample ?? 600
  // The alphabet rules and marker words expect composed characters (ạ, not a + combining dot).
  // A flat copy (`normalize` gives a slice back as it is): the scans it goes through run on every
  // paragraph too, and one more kind of string made their `charCodeAt` megamorphic.
  const text = flatCopy((input.length > sample ? input.slice(0, sample) : input).normalize('NFC'))
  const prof = scriptProfile(text, sample)
  const script = prof.script
  if (script === null) return { ranked: UND, script, letters: 0 }
  const lengthTrust = Math.min(1, prof.letters / 12)
  const single = SCRIPT_LANGUAGE[script]
  if (single !== undefined) {
    if (allowed(allow, single)) return { ranked: [[single, round(prof.share * lengthTrust)]], script, letters: prof.letters }
    // Kanji-only text may be Japanese, kana-laden text is not Chinese: only the Han case swaps.
    if (single === 'zh' && allowed(allow, 'ja')) return { ranked: [['ja', round(0.5 * lengthTrust)]], script, letters: prof.letters }
    return { ranked: UND, script, letters: prof.letters }
  }
  // Only text (almost) all in Latin letters rules out the languages of other scripts: "Twitter:
  // @prachatai … ประชาไท" is Thai in a Latin majority.
  const latinOnly = script === 'Latin' && prof.share > 0.9
  return { ranked: rank(text, script === 'Latin', latinOnly, allow, lengthTrust), script, letters: prof.letters }
}

function rank(text: string, latin: boolean, latinOnly: boolean, allow: ReadonlySet<string> | undefined, lengthTrust: number): Array<[string, number]> {
  const probs = new Map<string, number>()
  let serboCroatian = 0
  let scBest = 0
  for (const [label, p] of predictLabels(text, allow === undefined ? TOP_LABELS : MAX_LABELS)) {
    if (latin ? latinOnly && NOT_LATIN.has(label) : !NOT_LATIN.has(label) && !BOTH_SCRIPTS.has(label)) continue
    if (latin && SERBO_CROATIAN.has(label)) { serboCroatian += p; scBest = Math.max(scBest, p); continue }
    const tag = fromFastText(label)
    if (allowed(allow, tag)) probs.set(tag, (probs.get(tag) ?? 0) + p)
  }
  // Latin Serbo-Croatian is one candidate, ranked by its best label (so that its spread over four
  // labels neither hides it nor, summed, outweighs Slovene), sure as its whole mass; the spelling
  // rules pick the standard below.
  const sc = ['hr', 'sr', 'bs'].filter((t) => allowed(allow, t))[0]
  if (serboCroatian > 0 && sc !== undefined) probs.set(sc, scBest)
  const byP = [...probs.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
  if (byP.length === 0) return UND
  if (serboCroatian > 0 && sc !== undefined) probs.set(sc, serboCroatian)
  // fastText's best choice that the letters of the text allow, then the close-pair rules.
  const fit = byP.find(([t]) => fitsAlphabet(t, text))?.[0] ?? byP[0]![0]
  const tiebreak = (cands: string[]): string => cands.sort((a, b) => (probs.get(b) ?? 0) - (probs.get(a) ?? 0))[0] ?? fit
  let top = refineSibling(latin && SERBO_CROATIAN.has(fit) ? 'hr' : fit, text, allow, tiebreak)
  if (!allowed(allow, top)) top = fit
  // The close-pair rules move the pair's mass, not more: a choice between siblings is as sure as the pair.
  const pTop = top === fit ? probs.get(top) ?? 0 : (probs.get(top) ?? 0) + (probs.get(fit) ?? 0)
  // fastText's own probability, not renormalized over `only`: a text in no listed language stays
  // weak evidence for all of them (so `und`), instead of a confident wrong listed language.
  const conf = round(Math.min(1, pTop) * lengthTrust)
  if (conf < UND_BELOW) return UND
  const ranked: Array<[string, number]> = [[top, conf]]
  for (const [tag, p0] of byP) {
    if (ranked.length >= 5) break
    if (tag === top || (top !== fit && tag === fit)) continue
    const s = round(Math.min(p0, probs.get(tag) ?? p0) * lengthTrust)
    if (s <= 0.001) break
    ranked.push([tag, s])
  }
  return ranked
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000
}
