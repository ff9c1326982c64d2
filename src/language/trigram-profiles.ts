/**
 * franc's trigram profiles of one script read into numbers: the string work of building a
 * trigram model (`trigram-model.ts` lays the numbers out into its scoring tables). The ONE file
 * that reads franc's data, and the one place the tables' inputs are built or loaded.
 *
 * Reading the Latin profiles (126 languages × 300 trigrams, a letter table of the whole Basic
 * Multilingual Plane by regular expression, a `Map` of 7,914 trigram keys) was ~50 ms of the
 * CLI's start-up, spent on the first article. The package build (tsup.config.ts) therefore runs
 * {@link readProfiles} once per script and embeds the results, encoded by
 * {@link encodeTrigramProfiles}, as the constant `__NEWS_DEDUP_TRIGRAM_PROFILES__`; the built
 * package decodes them (a few typed-array copies, 3–4 ms) instead of reading the profiles, and
 * the build resolves franc's data to an empty table, so the package never loads it. Run from
 * source (tests, `tsx`) or bundled from source (the browser bundle), the profiles are read here
 * as before. Both give the same numbers (test/language/trigram-profiles.test.ts); in the built
 * package the letter table is the build's Node's Unicode, not the running one's.
 *
 * @module
 */
import { data } from 'franc/data.js'
import { toBcp47 } from './iso639.js'

/** A script's profiles as numbers: what `trigram-model.ts` builds its tables from. */
export interface TrigramProfiles {
  /** BCP 47 tags of the languages, in column order (a tag two franc codes share: the first). */
  readonly languages: readonly string[]
  /** UTF-16 code unit → letter index (0 = not a letter, 1 = a letter no profile uses, 2… = profile letters, lower-cased). */
  readonly letterIndex: Uint16Array
  /** Letter indexes in use (a trigram's key is the base-`radix` number of its three letter indexes). */
  readonly radix: number
  /** Per column, how many trigrams its profile has (their ranks are 0 …). */
  readonly gramCounts: readonly number[]
  /** Each profile trigram's row, column by column in rank order; -1 for a trigram that cannot occur. */
  readonly gramRow: Int32Array
  /** Each row's key, rows numbered in order of first appearance. */
  readonly rowKeys: Int32Array
  /** Each row's number of profile trigrams. */
  readonly rowSize: Int32Array
}

/** How the build hands its encoded profiles in (see the module's comment): absent when run from source. */
declare const __NEWS_DEDUP_TRIGRAM_PROFILES__: EncodedProfiles | undefined
const BUILT: EncodedProfiles | undefined = typeof __NEWS_DEDUP_TRIGRAM_PROFILES__ === 'undefined' ? undefined : __NEWS_DEDUP_TRIGRAM_PROFILES__

/**
 * The profiles of a script franc has several languages for (`Latin`, `Cyrillic`, …), `undefined`
 * for another: decoded from the build's encoding, else read from franc's data.
 */
export function trigramProfiles(script: string): TrigramProfiles | undefined {
  const built = BUILT?.scripts[script]
  if (built !== undefined) return decodeScript(BUILT!, built)
  const profiles = (data as Record<string, Record<string, string> | undefined>)[script]
  return profiles === undefined ? undefined : readProfiles(profiles)
}

/** 1 for letters and combining marks (and surrogates: letters outside the BMP), 0 otherwise; built with the first profiles read. */
let isLetterTable: Uint8Array | null = null

function letterTable(): Uint8Array {
  if (isLetterTable !== null) return isLetterTable
  const table = new Uint8Array(65536)
  table.fill(1, 0xd800, 0xe000)
  // One regular-expression pass over every other code unit (65,536 separate tests cost ~10× more).
  const units = new Uint16Array(65536 - 0x41 - 0x800)
  for (let c = 0x41, i = 0; c < 65536; c++) if (c < 0xd800 || c > 0xdfff) units[i++] = c
  let all = ''
  for (let i = 0; i < units.length; i += 8192) all += String.fromCharCode(...units.subarray(i, i + 8192))
  // Runs of letters, not one match per letter: letters come in blocks of the code chart.
  for (const m of all.matchAll(/[\p{L}\p{M}]+/gu)) for (let k = 0; k < m[0].length; k++) table[m[0].charCodeAt(k)] = 1
  isLetterTable = table
  return table
}

/**
 * Reads franc's profiles of one script (`code → "gram|gram|…"`, most frequent first) into numbers.
 * @param profiles One script's entry of franc's data.
 */
export function readProfiles(profiles: Record<string, string>): TrigramProfiles {
  const IS_LETTER = letterTable()
  const languages: string[] = []
  const column = new Set<string>()
  const keep: string[] = []
  for (const code of Object.keys(profiles)) {
    const tag = toBcp47(code)
    if (column.has(tag)) continue // two franc codes never share a tag within a script; keep the first if they do
    column.add(tag)
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
  // occur), in typed arrays: a tuple per gram made reading the Latin profiles (37,800 grams) a
  // noticeable part of the CLI's start-up.
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
  return { languages, letterIndex, radix, gramCounts: grams.map((list) => list.length), gramRow, rowKeys: Int32Array.from(rowOf.keys()), rowSize: Int32Array.from(rowSize) }
}

/** Key of a trigram given as code units (profile form: lower case, spaces), -1 if it cannot occur. */
function keyOf(letterIndex: Uint16Array, radix: number, a: number, b: number, c: number): number {
  const x = a === 32 ? 0 : letterIndex[a]!
  const y = b === 32 ? 0 : letterIndex[b]!
  const z = c === 32 ? 0 : letterIndex[c]!
  if ((a !== 32 && x < 2) || (b !== 32 && y < 2) || (c !== 32 && z < 2)) return -1
  return (x * radix + y) * radix + z
}

// --- The build's encoding ------------------------------------------------------------------------

/** Every script's profiles as the build embeds them: JSON, typed arrays in base64 (little-endian). */
export interface EncodedProfiles {
  /** The letter table's letters (index 1), as inclusive code-unit ranges `[first, last, …]`: one table for every script. */
  letters: string
  scripts: Record<string, EncodedScript>
}

interface EncodedScript {
  languages: string
  radix: number
  /** The profile letters: `[code unit, letter index, …]` (the upper-case forms too). */
  alphabet: string
  gramCounts: string
  /** Rows + 1 (0: a trigram that cannot occur). */
  gramRow: string
  rowKeys: string
}

/**
 * Encodes the profiles of several scripts (see {@link readProfiles}) for {@link trigramProfiles}
 * to decode: what the package build embeds.
 * @throws {Error} When the scripts' letter tables differ (they are one table) or a count does not fit the encoding.
 */
export function encodeTrigramProfiles(scripts: Record<string, TrigramProfiles>): EncodedProfiles {
  let letters: string | undefined
  const encoded: Record<string, EncodedScript> = {}
  for (const [script, p] of Object.entries(scripts)) {
    const ranges: number[] = []
    const alphabet: number[] = []
    for (let c = 0; c < 65536; c++) {
      const index = p.letterIndex[c]!
      if (index >= 2) alphabet.push(c, index)
      if (index === 0) continue
      if (ranges.length > 0 && ranges[ranges.length - 1] === c - 1) ranges[ranges.length - 1] = c
      else ranges.push(c, c)
    }
    const table = base64(Uint16Array.from(ranges))
    if (letters !== undefined && letters !== table) throw new Error(`The ${script} profiles have another letter table`)
    letters = table
    if (p.rowKeys.length >= 65535 || p.gramCounts.some((n) => n > 65535)) throw new Error(`The ${script} profiles are too large to encode`)
    encoded[script] = {
      languages: p.languages.join(' '),
      radix: p.radix,
      alphabet: base64(Uint16Array.from(alphabet)),
      gramCounts: base64(Uint16Array.from(p.gramCounts)),
      gramRow: base64(Uint16Array.from(p.gramRow, (row) => row + 1)),
      rowKeys: base64(p.rowKeys),
    }
  }
  return { letters: letters ?? '', scripts: encoded }
}

/** The decoded letter ranges, shared by the scripts. */
let letterRanges: Uint16Array | null = null

/** Decodes one script of an {@link encodeTrigramProfiles} encoding. */
export function decodeScript(all: EncodedProfiles, script: EncodedScript): TrigramProfiles {
  letterRanges ??= new Uint16Array(bytes(all.letters).buffer)
  const letterIndex = new Uint16Array(65536)
  for (let i = 0; i < letterRanges.length; i += 2) letterIndex.fill(1, letterRanges[i]!, letterRanges[i + 1]! + 1)
  const alphabet = new Uint16Array(bytes(script.alphabet).buffer)
  for (let i = 0; i < alphabet.length; i += 2) letterIndex[alphabet[i]!] = alphabet[i + 1]!
  const rowKeys = new Int32Array(bytes(script.rowKeys).buffer)
  const rows = new Uint16Array(bytes(script.gramRow).buffer)
  const gramRow = new Int32Array(rows.length)
  const rowSize = new Int32Array(rowKeys.length)
  for (let g = 0; g < rows.length; g++) {
    const row = rows[g]! - 1
    gramRow[g] = row
    if (row >= 0) rowSize[row]!++
  }
  return { languages: script.languages.split(' '), letterIndex, radix: script.radix, gramCounts: Array.from(new Uint16Array(bytes(script.gramCounts).buffer)), gramRow, rowKeys, rowSize }
}

/** The part of Node's `Buffer` class used here: base64 both ways, natively. */
interface NodeBytes {
  from(data: string | Uint8Array, encoding?: string): Uint8Array & { toString(encoding: string): string }
}
// Read by name, so that the browser build has no reference to Node's global; where it is absent,
// `atob` and `btoa` do the same, slower (Node 20's `atob` is ~3× slower than `Buffer` on the Latin profiles).
// biome-ignore lint/complexity/useLiteralKeys: the name is a string on purpose (see above)
const nodeBytes = (globalThis as Record<string, unknown>)['Buffer'] as NodeBytes | undefined

/** A typed array's bytes in base64 (the platform's byte order: little-endian wherever Node and browsers run). */
function base64(array: Uint16Array | Int32Array): string {
  const view = new Uint8Array(array.buffer, array.byteOffset, array.byteLength)
  if (nodeBytes) return nodeBytes.from(view).toString('base64')
  let binary = ''
  for (let i = 0; i < view.length; i += 8192) binary += String.fromCharCode(...view.subarray(i, i + 8192))
  return btoa(binary)
}

/** Base64 to bytes, in a buffer of their own (aligned for a typed-array view). */
function bytes(text: string): Uint8Array {
  if (nodeBytes) return new Uint8Array(nodeBytes.from(text, 'base64'))
  const binary = atob(text)
  const out = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i)
  return out
}
