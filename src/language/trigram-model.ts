/**
 * A fast naive-Bayes trigram scorer over franc's language profiles (the 300 most frequent trigrams
 * of each language, per script). franc compares rank orders, which is slow (it builds a sorted
 * trigram table of the text for every call) and weak on short text; here the same profiles become
 * log-likelihood weights in one constant table per script, and a text is scored in one pass over its
 * trigrams, against all or a few languages.
 */
import { data } from 'franc/data.js'
import { DedupeError } from '../errors.js'
import { toBcp47 } from './iso639.js'

/** Scripts franc has several languages for. */
export type ModelScript = 'Latin' | 'Cyrillic' | 'Arabic' | 'Devanagari' | 'Hebrew' | 'Myanmar' | 'Ethiopic'

/** The constant scoring table of one script (sparse: a trigram is in ~5 of ~100 profiles). */
export interface TrigramModel {
  /** BCP 47 tags of the languages, in column order. */
  readonly languages: readonly string[]
  /** Column of each tag. */
  readonly column: ReadonlyMap<string, number>
  /** UTF-16 code unit → letter index (0 = not a letter, 1 = a letter no profile uses, 2… = profile letters, lower-cased). */
  readonly letterIndex: Uint16Array
  /** Letter indexes in use (keys are base-`radix` numbers of three letter indexes). */
  readonly radix: number
  /** log2 of the hash table size. */
  readonly bits: number
  /**
   * Open-addressing hash of trigram keys. Slot `h` is `slots[2h]` (the key + 1, 0 = empty) and
   * `slots[2h + 1]` (its row): one cache line per probe, not two arrays' worth.
   */
  readonly slots: Int32Array
  /** Row r's entries are `entries[rowStart[r] .. rowStart[r + 1])`. */
  readonly rowStart: Int32Array
  /**
   * The entries of all trigrams, a row's together: `column × 512 + rank` (its rank in that
   * language's profile), the weight being `rankWeight[rank + 1]`. Ranks, not float weights: a
   * profile has only 300 distinct weights, and the tables are half the bytes (the Latin dense
   * table 2 MB, not 4), which the language stage ran measurably faster with. Read by the walk
   * over all (or many) languages.
   */
  readonly entries: Uint16Array
  /** The evidence weight of each profile rank + 1 (float32, as the scores have always summed them); 0 at 0: not in the profile. */
  readonly rankWeight: Float32Array
  /**
   * The same entries, dense and by column (languages × rows: language `c`'s rank + 1 of row `r`
   * at `c × rows + r`, 0 when not in its profile): faster when scoring a few languages. By
   * column, one language's ranks are one block (7,914 for Latin) that stays in the cache from
   * paragraph to paragraph; by row, the few columns read of each trigram's row of ~126 were as
   * many cache misses (bench/profile-clean.ts). (Summing across the short list one trigram at a
   * time, and a row-major copy of the common languages' ranks, were both measured slower.)
   */
  readonly dense: Uint16Array
}

/** Zipf smoothing of ranks, and the log-odds of a profile trigram against an unseen one. */
const RANK_SMOOTHING = 10
const SEEN_BONUS = 1
const PROFILE_SIZE = 300

/** 1 for letters and combining marks (and surrogates: letters outside the BMP), 0 otherwise; built with the first model. */
let isLetterTable: Uint8Array | null = null

function letterTable(): Uint8Array {
  if (isLetterTable !== null) return isLetterTable
  const table = new Uint8Array(65536)
  table.fill(1, 0xd800, 0xe000)
  // One regular-expression pass over every other code unit (65,536 separate tests cost ~10× more:
  // this table is built during the CLI's start-up).
  const units = new Uint16Array(65536 - 0x41 - 0x800)
  for (let c = 0x41, i = 0; c < 65536; c++) if (c < 0xd800 || c > 0xdfff) units[i++] = c
  let all = ''
  for (let i = 0; i < units.length; i += 8192) all += String.fromCharCode(...units.subarray(i, i + 8192))
  // Runs of letters, not one match per letter: letters come in blocks of the code chart.
  for (const m of all.matchAll(/[\p{L}\p{M}]+/gu)) for (let k = 0; k < m[0].length; k++) table[m[0].charCodeAt(k)] = 1
  isLetterTable = table
  return table
}

function buildModel(profiles: Record<string, string>): TrigramModel {
  const IS_LETTER = letterTable()
  const languages: string[] = []
  const column = new Map<string, number>()
  const keep: string[] = []
  for (const code of Object.keys(profiles)) {
    const tag = toBcp47(code)
    if (column.has(tag)) continue // two franc codes never share a tag within a script; keep the first if they do
    column.set(tag, languages.length)
    languages.push(tag)
    keep.push(code)
  }
  // Alphabet of the profiles: space is index 0, unknown letters 1.
  const letterIndex = new Uint16Array(IS_LETTER)
  let next = 2
  const grams = keep.map((code) => (profiles[code] ?? '').split('|').filter((g) => g.length === 3))
  // franc's profiles are all in the BMP: a gram is three characters of one code unit each.
  for (const list of grams) for (const gram of list) for (let u = 0; u < 3; u++) {
    const c = gram.charCodeAt(u)
    if (c === 32 || letterIndex[c]! >= 2 || !IS_LETTER[c]) continue
    letterIndex[c] = next
    const ch = gram[u]!
    const upper = ch.toUpperCase()
    if (upper.length === 1 && upper !== ch && letterIndex[upper.charCodeAt(0)]! < 2) letterIndex[upper.charCodeAt(0)] = next
    next++
  }
  const radix = next
  // Each gram's row (rows numbered in order of first appearance, -1 for a gram that cannot
  // occur), then the rows' entries in typed arrays: a tuple per gram made building the Latin
  // model (37,800 grams) a noticeable part of the CLI's start-up.
  const rowOf = new Map<number, number>()
  const rowSize: number[] = []
  const gramRow = new Int32Array(grams.reduce((n, list) => n + list.length, 0))
  let g = 0
  for (const list of grams) for (const gram of list) {
    const k = keyOf(letterIndex, radix, gram.charCodeAt(0), gram.charCodeAt(1), gram.charCodeAt(2))
    let row = k < 0 ? -1 : rowOf.get(k)
    if (row === undefined) { row = rowSize.length; rowOf.set(k, row); rowSize.push(0) }
    if (row >= 0) rowSize[row]!++
    gramRow[g++] = row
  }
  const rows = rowSize.length
  const rowStart = new Int32Array(rows + 1)
  for (let r = 0; r < rows; r++) rowStart[r + 1] = rowStart[r]! + rowSize[r]!
  const nextEntry = rowStart.slice(0, rows)
  const entries = new Uint16Array(rowStart[rows]!)
  const dense = new Uint16Array(rows * keep.length)
  if (keep.length > 128 || grams.some((list) => list.length > 512)) throw new DedupeError('E_INTERNAL', 'franc profiles larger than the trigram table layout allows')
  g = 0
  grams.forEach((list, col) => {
    for (let rank = 0; rank < list.length; rank++) {
      const row = gramRow[g++]!
      if (row < 0) continue
      entries[nextEntry[row]!++] = (col << 9) | rank
      dense[col * rows + row] = rank + 1
    }
  })
  const rankWeight = new Float32Array(grams.reduce((n, list) => Math.max(n, list.length), 0) + 1)
  for (let rank = 0; rank < rankWeight.length - 1; rank++) rankWeight[rank + 1] = Math.log((PROFILE_SIZE + RANK_SMOOTHING) / (rank + RANK_SMOOTHING)) + SEEN_BONUS
  let bits = 1
  while (1 << bits < rows * 4) bits++
  const size = 1 << bits
  const slots = new Int32Array(2 * size)
  for (const [k, row] of rowOf) {
    let h = hash(k, bits)
    while (slots[2 * h] !== 0) h = (h + 1) & (size - 1)
    slots[2 * h] = k + 1
    slots[2 * h + 1] = row
  }
  return { languages, column, letterIndex, radix, bits, slots, rowStart, entries, rankWeight, dense }
}

/** Key of a trigram given as code units (profile form: lower case, spaces), -1 if it cannot occur. */
function keyOf(letterIndex: Uint16Array, radix: number, a: number, b: number, c: number): number {
  const x = a === 32 ? 0 : letterIndex[a]!
  const y = b === 32 ? 0 : letterIndex[b]!
  const z = c === 32 ? 0 : letterIndex[c]!
  if ((a !== 32 && x < 2) || (b !== 32 && y < 2) || (c !== 32 && z < 2)) return -1
  return (x * radix + y) * radix + z
}

function hash(k: number, bits: number): number {
  return Math.imul(k, 0x9e3779b1) >>> (32 - bits)
}

const MODEL_SCRIPTS: ReadonlySet<string> = new Set<ModelScript>(['Latin', 'Cyrillic', 'Arabic', 'Devanagari', 'Hebrew', 'Myanmar', 'Ethiopic'])
/** Models built so far: each is built on first use (tens of milliseconds), then read-only. */
const built = new Map<ModelScript, TrigramModel>()

/**
 * The model of a script franc has several languages for, `undefined` for other scripts. Built on
 * first use, so that importing the library (the CLI's start-up) does not pay for all seven.
 */
export function trigramModel(script: string | null): TrigramModel | undefined {
  if (script === null || !MODEL_SCRIPTS.has(script)) return undefined
  const name = script as ModelScript
  let model = built.get(name)
  if (model === undefined) {
    model = buildModel(data[name]!)
    built.set(name, model)
  }
  return model
}

/** Scores of a text against some languages of a model. */
export interface TrigramScores {
  /** Evidence per requested column, same order as `columns` (higher is better; in nats). */
  scores: Float64Array
  /** Trigrams looked at. */
  trigrams: number
}

/**
 * A scorer bound to some columns of `model` (all when omitted), reusable for many texts: it scores a
 * text (at most `limit` code units) as the sum over its trigrams of each language's evidence weight.
 * Letters only, lower-cased, words padded with one space, like franc. The returned `scores` array is
 * overwritten by the next call of the same scorer.
 * @example trigramScorer(trigramModel('Latin')!, [trigramModel('Latin')!.column.get('en')!])('the cat')
 */
export function trigramScorer(model: TrigramModel, columns?: readonly number[]): (text: string, limit?: number) => TrigramScores {
  const n = model.languages.length
  const slotOf = new Int16Array(n)
  let k = n
  if (columns) {
    slotOf.fill(-1)
    k = columns.length
    columns.forEach((c, j) => { slotOf[c] = j })
  } else {
    for (let i = 0; i < n; i++) slotOf[i] = i
  }
  const scores = new Float64Array(k)
  const { letterIndex, radix, bits, slots, rowStart, entries, rankWeight, dense } = model
  const mask = (slots.length >> 1) - 1
  const rows = rowStart.length - 1
  // A few languages: read their ranks from the dense table; many: walk the sparse row.
  const few = columns !== undefined && columns.length <= 24 ? Int32Array.from(columns, (c) => c * rows) : null
  // Every column in model order (the article language's shortcut): the sparse walk needs no slot lookup.
  const all = few === null && slotOf.every((j, c) => j === c)
  /** The rows of the text's trigrams, in order (the few-languages path sums them per language). */
  let hits = new Int32Array(128)
  return (text: string, limit = 600): TrigramScores => {
    scores.fill(0)
    const end = Math.min(text.length, limit)
    if (few !== null && hits.length < end + 1) hits = new Int32Array(end + 1)
    let found = 0
    let trigrams = 0
    // Letter indexes of the last two positions (0 = space); start as if preceded by a space.
    let a = -1
    let b = 0
    for (let i = 0; i <= end; i++) {
      const c = i < end ? letterIndex[text.charCodeAt(i)]! : 0
      if (c === 0 && b === 0) continue // collapse runs of non-letters
      if (a >= 0) {
        trigrams++
        if (a !== 1 && b !== 1 && c !== 1) {
          const key = (a * radix + b) * radix + c
          let h = Math.imul(key, 0x9e3779b1) >>> (32 - bits)
          let stored = slots[2 * h]!
          while (stored !== 0 && stored !== key + 1) { h = (h + 1) & mask; stored = slots[2 * h]! }
          if (stored !== 0) {
            const row = slots[2 * h + 1]!
            if (few !== null) {
              hits[found++] = row
            } else if (all) {
              for (let e = rowStart[row]!, stop = rowStart[row + 1]!; e < stop; e++) { const entry = entries[e]!; scores[entry >>> 9]! += rankWeight[(entry & 511) + 1]! }
            } else {
              for (let e = rowStart[row]!, stop = rowStart[row + 1]!; e < stop; e++) {
                const entry = entries[e]!
                const j = slotOf[entry >>> 9]!
                if (j >= 0) scores[j]! += rankWeight[(entry & 511) + 1]!
              }
            }
          }
        }
      }
      a = b
      b = c
    }
    // Each language's sum over the trigrams in text order, as the sparse path adds them (so
    // both give the same floating-point sums: adding a 0 for a trigram not in the profile changes no sum).
    if (few !== null) {
      // Two languages per pass over the rows (each its own sum, in the same order): half the
      // reads of `hits` and of loop control.
      let j = 0
      for (; j + 1 < k; j += 2) {
        const base0 = few[j]!
        const base1 = few[j + 1]!
        let sum0 = 0
        let sum1 = 0
        for (let t = 0; t < found; t++) {
          const row = hits[t]!
          sum0 += rankWeight[dense[base0 + row]!]!
          sum1 += rankWeight[dense[base1 + row]!]!
        }
        scores[j] = sum0
        scores[j + 1] = sum1
      }
      if (j < k) {
        const base = few[j]!
        let sum = 0
        for (let t = 0; t < found; t++) sum += rankWeight[dense[base + hits[t]!]!]!
        scores[j] = sum
      }
    }
    return { scores, trigrams }
  }
}

/**
 * Scores `text` (at most `limit` code units of it) against the given columns of `model` (all when
 * omitted); see {@link trigramScorer}.
 * @example scoreTrigrams(trigramModel('Latin')!, 'the cat', [trigramModel('Latin')!.column.get('en')!])
 */
export function scoreTrigrams(model: TrigramModel, text: string, columns?: readonly number[], limit = 600): TrigramScores {
  const { scores, trigrams } = trigramScorer(model, columns)(text, limit)
  return { scores: scores.slice(), trigrams }
}
