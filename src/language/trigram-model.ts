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
  /**
   * The rows of the trigrams of the {@link DIRECT_LETTERS} lowest letter indexes (space, the
   * unknown letter, and the profile letters most used by the profiles: the model numbers its
   * letters by that use), looked up without the hash: row `direct[(a << 10) | (b << 5) | c]`, -1
   * when not in any profile. Most trigrams of a text are of those letters; a lookup here is one
   * read of a 64 kB table instead of a probe of the 256 kB one.
   */
  readonly direct: Int16Array
}

/** Letter indexes below this have their trigrams in {@link TrigramModel.direct} (32: a key is 15 bits). */
const DIRECT_LETTERS = 32

/** Zipf smoothing of ranks, and the log-odds of a profile trigram against an unseen one. */
const RANK_SMOOTHING = 10
const SEEN_BONUS = 1
const PROFILE_SIZE = 300

/** The scoring tables of a script's profiles (read or decoded by `trigram-profiles.ts`). */
function buildModel(profiles: TrigramProfiles): TrigramModel {
  const { languages, radix, gramCounts, gramRow, rowSize } = profiles
  const { letterIndex, rowKeys } = byUse(profiles)
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
  const direct = new Int16Array(DIRECT_LETTERS ** 3).fill(-1)
  if (rows > 0x7fff) throw new DedupeError('E_INTERNAL', 'franc profiles larger than the trigram table layout allows')
  rowKeys.forEach((k, row) => {
    let h = hash(k, bits)
    while (slots[2 * h] !== 0) h = (h + 1) & (size - 1)
    slots[2 * h] = k + 1
    slots[2 * h + 1] = row
    const a = Math.floor(k / (radix * radix))
    const b = Math.floor(k / radix) % radix
    const c = k % radix
    if (a < DIRECT_LETTERS && b < DIRECT_LETTERS && c < DIRECT_LETTERS) direct[(a << 10) | (b << 5) | c] = row
  })
  return { languages, column, letterIndex, radix, bits, slots, rowStart, entries, rankWeight, dense, direct }
}

/**
 * The profiles' letters renumbered by use (space 0 and the unknown letter 1 kept; then the
 * letter in the most profile trigrams first, ties in the profiles' order), with the trigram keys
 * in the new numbering: the same trigrams, the common letters' ones in the direct table.
 */
function byUse(profiles: TrigramProfiles): { letterIndex: Uint16Array; rowKeys: Int32Array } {
  const { radix, rowKeys, rowSize } = profiles
  const use = new Float64Array(radix)
  rowKeys.forEach((k, row) => {
    use[Math.floor(k / (radix * radix))]! += rowSize[row]!
    use[Math.floor(k / radix) % radix]! += rowSize[row]!
    use[k % radix]! += rowSize[row]!
  })
  const order = Array.from({ length: radix - 2 }, (_, i) => i + 2).sort((x, y) => use[y]! - use[x]! || x - y)
  const renumber = new Uint16Array(radix)
  renumber[1] = 1
  order.forEach((old, i) => { renumber[old] = i + 2 })
  const letterIndex = profiles.letterIndex.map((old) => renumber[old]!)
  const keys = rowKeys.map((k) => (renumber[Math.floor(k / (radix * radix))]! * radix + renumber[Math.floor(k / radix) % radix]!) * radix + renumber[k % radix]!)
  return { letterIndex, rowKeys: keys }
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

/** Trigrams a scorer keeps room for: a text of 600 code units (the default limit) has at most 601. */
const HITS = 1024
/** How a scorer sums: from the dense table (a few languages), by the sparse walk over all columns, or over some. */
const FEW = 0
const ALL = 1
const SUBSET = 2
type Path = typeof FEW | typeof ALL | typeof SUBSET

/** The state of one scorer: its tables, and the text being read. */
class Scorer {
  readonly model: TrigramModel
  /** The hash's slot mask. */
  readonly mask: number
  readonly rows: number
  readonly path: Path
  readonly k: number
  /** Model column → requested index, -1 when not requested (the subset path). */
  readonly slotOf: Int16Array
  /** Requested index → its block of the dense table (the few-languages path). */
  readonly bases: Int32Array
  readonly scores: Float64Array
  /** How many of `hits` the scores have summed. */
  walked = 0
  /** The rows of the text's trigrams in the profiles, in text order. */
  hits = new Int32Array(HITS)
  found = 0
  // The scan's state: the text, where the scan stopped, the letter indexes of the last two
  // positions (0 = space; at the start as if preceded by a space), trigrams looked at.
  text = ''
  at = 0
  a = -1
  b = 0
  trigrams = 0
  readonly result: TrigramScores

  constructor(model: TrigramModel, columns: readonly number[] | undefined) {
    const n = model.languages.length
    this.model = model
    this.mask = (model.slots.length >> 1) - 1
    this.rows = model.rowStart.length - 1
    this.slotOf = new Int16Array(n)
    if (columns) {
      this.slotOf.fill(-1)
      columns.forEach((c, j) => { this.slotOf[c] = j })
    } else {
      for (let i = 0; i < n; i++) this.slotOf[i] = i
    }
    this.k = columns ? columns.length : n
    // A few languages: read their ranks from the dense table; many: walk the sparse rows (every
    // column in model order, the article language's shortcut, needs no slot lookup).
    const few = columns !== undefined && columns.length <= 24
    this.path = few ? FEW : this.slotOf.every((j, c) => j === c) ? ALL : SUBSET
    this.bases = few ? Int32Array.from(columns, (c) => c * this.rows) : new Int32Array(0)
    this.scores = new Float64Array(this.k)
    this.result = { scores: this.scores, trigrams: 0 }
  }

  start(text: string): void {
    this.text = text
    this.at = 0
    this.a = -1
    this.b = 0
    this.trigrams = 0
    this.found = 0
    this.scores.fill(0)
    this.walked = 0
  }

  /** Reads the text from `at` to `end` (past it a virtual space when `close`), noting each profile trigram's row. */
  scan(end: number, close: boolean): void {
    const stop = close ? end : end - 1
    if (this.hits.length < this.found + stop - this.at + 2) {
      const grown = new Int32Array(2 * (this.found + stop - this.at + 2))
      grown.set(this.hits)
      this.hits = grown
    }
    const { letterIndex, radix, bits, slots, direct } = this.model
    const { mask, hits, text } = this
    let { a, b, found, trigrams } = this
    for (let i = this.at; i <= stop; i++) {
      const c = i < end ? letterIndex[text.charCodeAt(i)]! : 0
      if (c === 0 && b === 0) continue // collapse runs of non-letters
      if (a >= 0) {
        trigrams++
        if ((a | b | c) < DIRECT_LETTERS) {
          // (A trigram with the unknown letter 1 has no row there, as it has none in the hash.)
          const row = direct[(a << 10) | (b << 5) | c]!
          if (row >= 0) hits[found++] = row
        } else if (a !== 1 && b !== 1 && c !== 1) {
          const key = (a * radix + b) * radix + c
          let h = Math.imul(key, 0x9e3779b1) >>> (32 - bits)
          let stored = slots[2 * h]!
          while (stored !== 0 && stored !== key + 1) { h = (h + 1) & mask; stored = slots[2 * h]! }
          if (stored !== 0) hits[found++] = slots[2 * h + 1]!
        }
      }
      a = b
      b = c
    }
    this.a = a
    this.b = b
    this.found = found
    this.trigrams = trigrams
    if (end > this.at) this.at = end
  }

  /**
   * Brings every score up to all of `hits`: each language's sum over the trigrams in text order,
   * whichever path adds them (so all paths give the same floating-point sums: adding a 0 for a
   * trigram not in the profile changes no sum), continuing the sums so far (so a text read in
   * steps adds what one read would, in order).
   */
  sums(): TrigramScores {
    if (this.path === FEW) this.sumFew()
    else if (this.path === ALL) this.walkAll()
    else this.walkSubset()
    this.result.trigrams = this.trigrams
    return this.result
  }

  /**
   * The dense sums. Four languages per pass over the rows (each its own sum, in the same order):
   * a quarter of the reads of `hits` and of loop control, and four additions in flight instead of
   * two (6 % less CPU per paragraph than two per pass on the bench corpus, 11 columns); then one by one.
   */
  sumFew(): void {
    const { k, walked, found, hits, bases, scores } = this
    const { dense, rankWeight } = this.model
    let j = 0
    for (; j + 3 < k; j += 4) {
      const base0 = bases[j]!
      const base1 = bases[j + 1]!
      const base2 = bases[j + 2]!
      const base3 = bases[j + 3]!
      let sum0 = scores[j]!
      let sum1 = scores[j + 1]!
      let sum2 = scores[j + 2]!
      let sum3 = scores[j + 3]!
      for (let t = walked; t < found; t++) {
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
      const base = bases[j]!
      let sum = scores[j]!
      for (let t = walked; t < found; t++) sum += rankWeight[dense[base + hits[t]!]!]!
      scores[j] = sum
    }
    this.walked = found
  }

  walkAll(): void {
    const { found, hits, scores } = this
    const { rowStart, entries, rankWeight } = this.model
    for (let t = this.walked; t < found; t++) {
      const row = hits[t]!
      for (let e = rowStart[row]!, stop = rowStart[row + 1]!; e < stop; e++) { const entry = entries[e]!; scores[entry >>> 9]! += rankWeight[(entry & 511) + 1]! }
    }
    this.walked = found
  }

  walkSubset(): void {
    const { found, hits, scores, slotOf } = this
    const { rowStart, entries, rankWeight } = this.model
    for (let t = this.walked; t < found; t++) {
      const row = hits[t]!
      for (let e = rowStart[row]!, stop = rowStart[row + 1]!; e < stop; e++) {
        const entry = entries[e]!
        const j = slotOf[entry >>> 9]!
        if (j >= 0) scores[j]! += rankWeight[(entry & 511) + 1]!
      }
    }
    this.walked = found
  }
}

/**
 * A scorer bound to some columns of `model` (all when omitted), reusable for many texts: it scores a
 * text (at most `limit` code units) as the sum over its trigrams of each language's evidence weight.
 * Letters only, lower-cased, words padded with one space, like franc. The returned `scores` array is
 * overwritten by the next call of the same scorer.
 * @example trigramScorer(trigramModel('Latin')!, [trigramModel('Latin')!.column.get('en')!])('the cat')
 */
export function trigramScorer(model: TrigramModel, columns?: readonly number[]): TrigramScorer {
  const core = new Scorer(model, columns)
  const scorer = (of: string, limit = 600): TrigramScores => {
    core.start(of)
    core.scan(Math.min(of.length, limit), true)
    return core.sums()
  }
  return Object.assign(scorer, {
    prefix(of: string, limit: number): TrigramScores {
      core.start(of)
      const end = Math.min(of.length, limit)
      core.scan(end, end === of.length)
      return core.sums()
    },
    extend(limit: number): TrigramScores {
      core.scan(Math.min(core.text.length, limit), true)
      return core.sums()
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
