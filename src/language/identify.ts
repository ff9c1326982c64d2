/**
 * Identification of one text without context: script first, then eld (strong on short text, 60
 * languages) fused with a naive-Bayes trigram scorer over franc's profiles (187 languages, the long
 * tail and the close relatives eld lacks: id, gl, bs, mk, ne, nn, ...).
 */
import { scriptProfile, SCRIPT_LANGUAGE, type Script } from './script.js'
import { MODELS, scoreTrigrams, type ModelScript, type TrigramModel } from './trigram-model.js'
import { eldScores } from './eld-scores.js'
import { refineSibling } from './refine-sibling.js'
import { fitsAlphabet } from './alphabet.js'

/** eld languages per script (eld's `sr` is Cyrillic Serbian, its `ckb` Arabic-script Sorani). */
const ELD_BY_SCRIPT: Readonly<Record<ModelScript, ReadonlySet<string>>> = Object.freeze({
  Latin: new Set(['az', 'ca', 'cs', 'da', 'de', 'en', 'es', 'et', 'eu', 'fi', 'fr', 'hr', 'hu', 'is', 'it', 'lt', 'lv',
    'ms', 'nl', 'nb', 'pl', 'pt', 'ro', 'sk', 'sl', 'sq', 'sv', 'tl', 'tr', 'vi', 'yo']),
  Cyrillic: new Set(['be', 'bg', 'ru', 'sr', 'uk']),
  Arabic: new Set(['ar', 'fa', 'ur', 'ckb']),
  Devanagari: new Set(['hi', 'mr']),
  Hebrew: new Set(['he']),
  Myanmar: new Set<string>(),
  Ethiopic: new Set(['am']),
})

/**
 * Close relatives eld does not know, reachable from the eld language they are usually mistaken for.
 * Choosing among them needs less evidence than jumping to an unrelated long-tail language: eld's
 * "reliable" says nothing against a relative it has never seen (it calls Bhojpuri Hindi, reliably).
 */
export const SIBLINGS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  ms: ['id'], id: ['ms'], pt: ['gl'], es: ['gl'], gl: ['pt', 'es'], hr: ['bs', 'sr'], bs: ['hr', 'sr'],
  sr: ['bs', 'hr', 'mk'], bg: ['mk'], nl: ['af'], af: ['nl'], mk: ['bg', 'sr'], nb: ['nn', 'da'], da: ['nn', 'nb'], nn: ['nb', 'da'],
  hi: ['ne', 'mai', 'bho', 'mag'], mr: ['ne'], ne: ['hi', 'mr'], mai: ['hi'], bho: ['hi'], mag: ['hi'],
  fa: ['prs'], prs: ['fa'], ur: ['skr'], he: ['yi'], am: ['ti'], ti: ['am'], ca: ['oc'], sq: ['als'],
})

/**
 * Relatives eld does not know that {@link refineSibling} tells apart by letters and marker words
 * (franc's profiles confuse them with their eld neighbour on real text): the trigram scorer alone
 * never picks them over eld.
 */
const MARKED: ReadonlySet<string> = new Set(['id', 'gl', 'af', 'bs', 'sr', 'nn', 'mk', 'ne', 'yi'])

/**
 * Evidence a language eld does not know needs over the choice so far (eld's, refined by
 * refineSibling): total (nats) and per trigram, when eld itself found its choice atypical, when eld
 * found it reliable, and in between when the language is an unmarked sibling of eld's choice.
 */
const TAIL_MARGIN = 6
const TAIL_PER_TRIGRAM = 0.1
const RELIABLE_TAIL_MARGIN = 20
const RELIABLE_TAIL_PER_TRIGRAM = 0.3
const SIBLING_MARGIN = 12
const SIBLING_PER_TRIGRAM = 0.15

/** How much of the text {@link identify} reads (code units). */
export interface IdentifyBudget {
  /** Read by the trigram scorer. @default 600 */
  sample?: number
  /** Read by eld (which stops at ~350 bytes anyway). @default 300 */
  eldSample?: number
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
 * Identifies the language of `text` alone. `allow` restricts the candidates (BCP 47 tags).
 * Never throws; `und` when there are no letters or no allowed candidate.
 */
export function identify(input: string, allow?: ReadonlySet<string>, budget: IdentifyBudget = {}): Identification {
  // eld and the trigram profiles expect composed characters (ạ, not a + combining dot).
  const text = input.length > 2000 ? input.slice(0, 2000).normalize('NFC') : input.normalize('NFC')
  const prof = scriptProfile(text, budget.sample ?? 600)
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
  const model = MODELS[script as ModelScript]
  if (model === undefined) return { ranked: UND, script, letters: prof.letters }
  return { ranked: fuse(text, script as ModelScript, model, allow, lengthTrust, budget), script, letters: prof.letters }
}

function fuse(text: string, script: ModelScript, model: TrigramModel, allow: ReadonlySet<string> | undefined,
  lengthTrust: number, budget: IdentifyBudget): Array<[string, number]> {
  const eldSet = ELD_BY_SCRIPT[script]
  const cols: number[] = []
  model.languages.forEach((tag, i) => { if (allowed(allow, tag)) cols.push(i) })
  const eld = eldSet.size > 0 ? eldScores(text.slice(0, budget.eldSample ?? 300), (t) => eldSet.has(t) && allowed(allow, t)) : { ranked: [], reliable: false }
  if (cols.length === 0 && eld.ranked.length === 0) return UND
  const { scores, trigrams } = scoreTrigrams(model, text, cols, budget.sample ?? 600)
  const f = new Map<string, number>()
  cols.forEach((c, j) => f.set(model.languages[c]!, scores[j]!))
  const byF = [...f.entries()].sort((x, y) => y[1] - x[1])
  const e1 = eld.ranked[0]?.[0]
  const f1 = byF[0]?.[0]
  let top: string
  let conf: number
  if (e1 === undefined) {
    top = f1!
    conf = sigmoid((byF[0]![1] - (byF[1]?.[1] ?? -Infinity)) - 2)
  } else {
    // eld's best choice that the letters of the text allow.
    const fit = eld.ranked.find(([t]) => fitsAlphabet(t, text))?.[0] ?? e1
    const tiebreak = (cands: string[]): string => {
      let best = fit
      let bestScore = -Infinity
      for (const c of cands) { const v = f.get(c); if (v !== undefined && v > bestScore) { best = c; bestScore = v } }
      return best
    }
    top = refineSibling(fit, text, allow, tiebreak)
    conf = eldConfidence(eld.ranked) * (eld.reliable ? 1 : 0.7) * (top === e1 ? 1 : 0.8)
    if (f1 !== undefined && f1 !== top && !eldSet.has(f1) && !MARKED.has(f1)) {
      // A language eld does not know (and that the marker rules of refineSibling do not decide):
      // the trigram evidence over the choice so far must be strong, and stronger still when eld
      // found the text typical of its own choice.
      const ref = f.get(top) ?? bestOf(byF, eldSet)
      const margin = byF[0]![1] - ref
      const perTrigram = margin / Math.max(1, trigrams)
      const sibling = SIBLINGS[top]?.includes(f1) ?? false
      const [needed, neededPerTrigram] = !eld.reliable ? [TAIL_MARGIN, TAIL_PER_TRIGRAM]
        : sibling ? [SIBLING_MARGIN, SIBLING_PER_TRIGRAM] : [RELIABLE_TAIL_MARGIN, RELIABLE_TAIL_PER_TRIGRAM]
      if (margin >= needed && perTrigram >= neededPerTrigram) {
        top = f1
        conf = sigmoid(margin - TAIL_MARGIN)
      }
    }
  }
  conf = round(conf * lengthTrust)
  const ranked: Array<[string, number]> = [[top, conf]]
  const others: string[] = []
  for (const [tag] of eld.ranked) if (tag !== top && others.length < 2) others.push(tag)
  for (const [tag] of byF) if (tag !== top && !others.includes(tag) && others.length < 4) others.push(tag)
  let left = 1 - conf
  for (const tag of others) {
    const s = Math.min(round(left / 2), ranked[ranked.length - 1]![1])
    if (s <= 0.001) break
    ranked.push([tag, s])
    left -= s
  }
  return ranked
}

function bestOf(byF: Array<[string, number]>, set: ReadonlySet<string>): number {
  for (const [tag, s] of byF) if (set.has(tag)) return s
  return -Infinity
}

/** eld's top vs runner-up share, mapped to 0.5–1. */
function eldConfidence(rank: Array<[string, number]>): number {
  const a = rank[0]?.[1] ?? 0
  const b = rank[1]?.[1] ?? 0
  return a <= 0 ? 0 : 0.5 + 0.5 * Math.min(1, (a - b) / (a * 0.1))
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x))
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000
}

