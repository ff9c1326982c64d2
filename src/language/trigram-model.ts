/**
 * A fast naive-Bayes trigram scorer over franc's language profiles (the 300 most frequent trigrams
 * of each language, per script). franc compares rank orders, which is slow (it builds a sorted
 * trigram table of the text for every call) and weak on short text; here the same profiles become
 * log-likelihood weights in one constant table per script, and a text is scored in one pass over its
 * trigrams, against all or a few languages.
 */
import { DedupeError } from '../errors.js'
import { trigramProfiles, type TrigramProfiles } from './trigram-profiles.js'

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

/** The scoring tables of a script's profiles (read or decoded by `trigram-profiles.ts`). */
function buildModel(profiles: TrigramProfiles): TrigramModel {
  const { languages, letterIndex, radix, gramCounts, gramRow, rowKeys, rowSize } = profiles
  const column = new Map<string, number>(languages.map((tag, c) => [tag, c]))
  const rows = rowSize.length
  const rowStart = new Int32Array(rows + 1)
  for (let r = 0; r < rows; r++) rowStart[r + 1] = rowStart[r]! + rowSize[r]!
  const nextEntry = rowStart.slice(0, rows)
  const entries = new Uint16Array(rowStart[rows]!)
  const dense = new Uint16Array(rows * languages.length)
  if (languages.length > 128 || gramCounts.some((count) => count > 512)) throw new DedupeError('E_INTERNAL', 'franc profiles larger than the trigram table layout allows')
  let g = 0
  gramCounts.forEach((count, col) => {
    for (let rank = 0; rank < count; rank++) {
      const row = gramRow[g++]!
      if (row < 0) continue
      entries[nextEntry[row]!++] = (col << 9) | rank
      dense[col * rows + row] = rank + 1
    }
  })
  const rankWeight = new Float32Array(gramCounts.reduce((n, count) => Math.max(n, count), 0) + 1)
  for (let rank = 0; rank < rankWeight.length - 1; rank++) rankWeight[rank + 1] = Math.log((PROFILE_SIZE + RANK_SMOOTHING) / (rank + RANK_SMOOTHING)) + SEEN_BONUS
  let bits = 1
  while (1 << bits < rows * 4) bits++
  const size = 1 << bits
  const slots = new Int32Array(2 * size)
  rowKeys.forEach((k, row) => {
    let h = hash(k, bits)
    while (slots[2 * h] !== 0) h = (h + 1) & (size - 1)
    slots[2 * h] = k + 1
    slots[2 * h + 1] = row
  })
  return { languages, column, letterIndex, radix, bits, slots, rowStart, entries, rankWeight, dense }
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
    const profiles = trigramProfiles(name)
    if (profiles === undefined) return undefined
    model = buildModel(profiles)
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
 * A scorer of some columns of a model (see {@link trigramScorer}). Called, it scores a text (at
 * most `limit` code units). `prefix` and `extend` score the same text in two steps, so that a
 * caller can stop after the first when that already decides: `prefix(text, 60)` then
 * `extend(120)` gives exactly the scores of `scorer(text, 120)` (the same trigrams summed in the
 * same order), but `prefix`'s own scores leave the word cut at `limit` open.
 */
export interface TrigramScorer {
  (text: string, limit?: number): TrigramScores
  /** The scores of `text`'s first `limit` code units, its last word left open unless the text ends there. */
  prefix(text: string, limit: number): TrigramScores
  /** The scores of the text of the last `prefix` call, continued up to `limit` code units. */
  extend(limit: number): TrigramScores
}

/**
 * A scorer bound to some columns of `model` (all when omitted), reusable for many texts: it scores a
 * text (at most `limit` code units) as the sum over its trigrams of each language's evidence weight.
 * Letters only, lower-cased, words padded with one space, like franc. The returned `scores` array is
 * overwritten by the next call of the same scorer.
 * @example trigramScorer(trigramModel('Latin')!, [trigramModel('Latin')!.column.get('en')!])('the cat')
 */
export function trigramScorer(model: TrigramModel, columns?: readonly number[]): TrigramScorer {
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
  // The scan's state between `prefix` and `extend`: the text, where the scan stopped, the letter
  // indexes of the last two positions (0 = space; at the start as if preceded by a space).
  let text = ''
  let at = 0
  let a = -1
  let b = 0
  let trigrams = 0
  const result: TrigramScores = { scores, trigrams: 0 }

  /** Scans `text` from `at` to `end` (past it a virtual space when `close`) and adds the trigrams' weights. */
  const advance = (end: number, close: boolean): TrigramScores => {
    if (few !== null && hits.length < end + 1) {
      const grown = new Int32Array(end + 1)
      grown.set(hits)
      hits = grown
    }
    let found = 0
    const stop = close ? end : end - 1
    for (let i = at; i <= stop; i++) {
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
    at = Math.max(at, end)
    // Each language's sum over the trigrams in text order, as the sparse path adds them (so
    // both give the same floating-point sums: adding a 0 for a trigram not in the profile changes
    // no sum), continuing the sums of the scan so far (so two steps add what one would, in order).
    if (few !== null) {
      // Four languages per pass over the rows (each its own sum, in the same order): a quarter
      // of the reads of `hits` and of loop control, and four additions in flight instead of two
      // (6 % less CPU per paragraph than two per pass on the bench corpus, 11 columns); then one by one.
      let j = 0
      for (; j + 3 < k; j += 4) {
        const base0 = few[j]!
        const base1 = few[j + 1]!
        const base2 = few[j + 2]!
        const base3 = few[j + 3]!
        let sum0 = scores[j]!
        let sum1 = scores[j + 1]!
        let sum2 = scores[j + 2]!
        let sum3 = scores[j + 3]!
        for (let t = 0; t < found; t++) {
          const row = hits[t]!
          sum0 += rankWeight[dense[base0 + row]!]!
          sum1 += rankWeight[dense[base1 + row]!]!
          sum2 += rankWeight[dense[base2 + row]!]!
          sum3 += rankWeight[dense[base3 + row]!]!
        }
        scores[j] = sum0
        scores[j + 1] = sum1
        scores[j + 2] = sum2
        scores[j + 3] = sum3
      }
      for (; j < k; j++) {
        const base = few[j]!
        let sum = scores[j]!
        for (let t = 0; t < found; t++) sum += rankWeight[dense[base + hits[t]!]!]!
        scores[j] = sum
      }
    }
    result.trigrams = trigrams
    return result
  }
  const start = (of: string): void => {
    scores.fill(0)
    text = of
    at = 0
    a = -1
    b = 0
    trigrams = 0
  }
  const scorer = (of: string, limit = 600): TrigramScores => {
    start(of)
    return advance(Math.min(of.length, limit), true)
  }
  return Object.assign(scorer, {
    prefix(of: string, limit: number): TrigramScores {
      start(of)
      const end = Math.min(of.length, limit)
      return advance(end, end === of.length)
    },
    extend(limit: number): TrigramScores {
      return advance(Math.min(text.length, limit), true)
    },
  })
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
