import { DedupeError } from './errors.js'
import { languageTagsOf } from './language/iso639.js'
import { KNOWN_LANGUAGES } from './language/known-languages.js'
import type { LanguageOptions } from './language/tag-language.js'
import type { TextSplitOptions } from './parse/from-text.js'
import type { InputFormat } from './types.js'

/** Options of the duplicate-detection stage. */
export interface DetectOptions {
  /**
   * Token similarity (0–1, see `README.md#algorithm`) at or above which a paragraph is a
   * `near` repeat of an earlier one. Measured by `npm run eval`: injected near repeats
   * (≤ 15 % of words edited) score ≥ 0.85, distinct paragraphs of real articles ≤ 0.6.
   * @default 0.8
   */
  nearThreshold?: number
  /**
   * Share (0–1) of a shorter paragraph's tokens found, in order, in a longer one at or
   * above which the shorter one is `contained` in it (a teaser, a cut-off copy).
   * @default 0.9
   */
  containThreshold?: number
  /**
   * Paragraphs shorter than this many characters are only checked for exact repeats:
   * near and contained matches of short lines ("Photo: AFP") are too often chance. Lengths
   * are Latin-equivalent: a Han, kana or Hangul character counts three (`measureLength`).
   * @default 40
   */
  minLength?: number
  /**
   * Sentences inside a kept paragraph that repeat a sentence seen earlier are cut when
   * they are at least this many characters long (CJK characters count three, as for
   * `minLength`); 0 turns sentence checks off.
   * @default 40
   */
  minSentenceLength?: number
}


/** Options of {@link clean}. Every field is optional; `null` and `undefined` mean the default. */
export interface Options {
  /** Input format; guessed from the content when absent (markup → html, else text). @default undefined */
  format?: InputFormat
  /** How plain text is split into paragraphs (line breaks, wrap width). */
  split?: TextSplitOptions
  detect?: DetectOptions
  /** Language identification: candidate restriction, shortest paragraph tagged on its own. */
  language?: LanguageOptions
  /**
   * For input given as bytes: the Content-Type they came with (`text/html; charset=koi8-r`),
   * which decides their encoding unless they start with a BOM (see `decodeBytes`). An article
   * object's own `contentType`/`charset` win over it. Ignored for string input.
   * @default undefined
   */
  contentType?: string
  /** For input given as bytes: their charset label alone (`koi8-r`); wins over `contentType`. @default undefined */
  charset?: string
}

/** {@link TextSplitOptions} resolved: `wrapWidth` is `null` when it is to be estimated from the text. */
export interface ResolvedSplitOptions {
  lineBreaks: NonNullable<TextSplitOptions['lineBreaks']>
  wrapWidth: number | null
}

/** {@link LanguageOptions} resolved: `only` is `undefined` when every language is a candidate. */
export interface ResolvedLanguageOptions {
  only: string[] | undefined
  minLength: number
}

/** {@link Options} with every default filled in, as the stages see them: no stage checks for a missing value. */
export interface ResolvedOptions {
  format: InputFormat | undefined
  split: ResolvedSplitOptions
  detect: Required<DetectOptions>
  language: ResolvedLanguageOptions
  /** The transport of bytes input (see {@link Options.contentType}). */
  contentType: string | undefined
  charset: string | undefined
}

/**
 * Defaults of the feed deduplicator's cross-article options (`createDeduplicator`, see
 * `DeduplicatorOptions` for each), chosen on `bench/eval-feed.ts` (`bench/results/feed.md`).
 * 16 bands × 4 rows: an article pair becomes a candidate with probability 1 − (1 − s⁴)¹⁶ at
 * Jaccard s, whose midpoint (1/16)^(1/4) = 0.5 is `jaccardThreshold`.
 */
export interface FeedDefaults {
  boilerplateMin: number
  /** `null`: keep every article. */
  ttl: number | null
  shingleSize: number
  bands: number
  rows: number
  jaccardThreshold: number
  containmentThreshold: number
  minShingles: number
  copyThreshold: number
  paragraphThreshold: number
  paragraphMinShingles: number
  maxCandidates: number
}

/** Every default of the library, per section: {@link ResolvedOptions}, plus the feed, stream and plugin sections. */
export interface DefaultOptions extends ResolvedOptions {
  feed: Readonly<FeedDefaults>
  /** Streams (`createCleanStream`, `createFeedStream`, …): objects buffered on each side. */
  stream: Readonly<{ highWaterMark: number }>
  /** unified plugins: what happens to a repeated paragraph. */
  plugin: Readonly<{ mode: 'remove' | 'mark' }>
}

/** The defaults, in one place, frozen. */
export const defaultOptions: Readonly<DefaultOptions> = Object.freeze({
  format: undefined,
  detect: Object.freeze({ nearThreshold: 0.8, containThreshold: 0.95, minLength: 40, minSentenceLength: 40 }),
  split: Object.freeze({ lineBreaks: 'auto' as const, wrapWidth: null }),
  // minLength: below ten characters a text is one or two words; see LanguageOptions.minLength.
  language: Object.freeze({ only: undefined, minLength: 10 }),
  feed: Object.freeze({
    boilerplateMin: 3,
    ttl: null,
    shingleSize: 3,
    bands: 16,
    rows: 4,
    jaccardThreshold: 0.5,
    containmentThreshold: 0.8,
    minShingles: 20,
    copyThreshold: 0.9,
    paragraphThreshold: 0.5,
    paragraphMinShingles: 8,
    maxCandidates: 32,
  }),
  stream: Object.freeze({ highWaterMark: 1 }),
  plugin: Object.freeze({ mode: 'remove' as const }),
  contentType: undefined,
  charset: undefined,
})

/** The sections of {@link ResolvedOptions} alone (what `resolveOptions(null)` returns). */
const RESOLVED_DEFAULTS: Readonly<ResolvedOptions> = Object.freeze({
  format: defaultOptions.format,
  split: defaultOptions.split,
  detect: defaultOptions.detect,
  language: defaultOptions.language,
  contentType: defaultOptions.contentType,
  charset: defaultOptions.charset,
})

const FORMATS: readonly InputFormat[] = ['text', 'html', 'markdown']

/**
 * Throws `E_INVALID_OPTION` unless `value` is a number from 0 to 1.
 * @param name The option's path, for the message.
 */
export function assertRatio(name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
    throw new DedupeError('E_INVALID_OPTION', `Expected \`${name}\` between 0 and 1, not \`${String(value)}\``)
  }
}

/**
 * Throws `E_INVALID_OPTION` unless `value` is a whole number ≥ `min`.
 * @param name The option's path, for the message.
 * @param min Smallest value allowed. @default 0
 */
export function assertCount(name: string, value: unknown, min = 0): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new DedupeError('E_INVALID_OPTION', `Expected \`${name}\` to be a whole number ≥ ${min}, not \`${String(value)}\``)
  }
}

/** `value`, or `fallback` when it is `null` or `undefined` (both mean "the default"). */
export function pick<T>(value: T | null | undefined, fallback: T): T {
  return value === null || value === undefined ? fallback : value
}

/** The keys of {@link Options}, per level: a key not listed is a typo (or an option of another layer). */
const KNOWN_KEYS: Readonly<Record<'' | 'detect' | 'split' | 'language', readonly string[]>> = Object.freeze({
  '': ['format', 'split', 'detect', 'language', 'contentType', 'charset'],
  detect: ['nearThreshold', 'containThreshold', 'minLength', 'minSentenceLength'],
  split: ['lineBreaks', 'wrapWidth'],
  language: ['only', 'minLength'],
})

/** Number of single-character edits between two short strings (for "did you mean"). */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const next = [i]
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    row = next
  }
  return row[b.length]!
}

/** Throws for a key of `value` that is not an option at `level` (nor one of `extra`). */
function assertKnownKeys(level: keyof typeof KNOWN_KEYS, value: unknown, extra: readonly string[] = []): void {
  if (value === null || value === undefined) return
  const path = level === '' ? '' : `${level}.`
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new DedupeError('E_INVALID_OPTION', `Expected \`${level || 'options'}\` to be an object, not \`${Array.isArray(value) ? 'array' : typeof value}\``)
  }
  const known = [...KNOWN_KEYS[level], ...extra]
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue
    const near = known.filter((k) => editDistance(k.toLowerCase(), key.toLowerCase()) <= 3).sort((x, y) => editDistance(x, key) - editDistance(y, key))[0]
    throw new DedupeError('E_INVALID_OPTION', `Unknown option \`${path}${key}\`${near ? `: did you mean \`${path}${near}\`?` : ''} (known: ${KNOWN_KEYS[level].join(', ')})`)
  }
}

/** Throws for a name in `language.only` that names no language the identifier knows. */
function assertKnownLanguages(only: readonly string[]): void {
  for (const name of only) {
    if (!languageTagsOf(name).some((tag) => KNOWN_LANGUAGES.has(tag))) {
      throw new DedupeError('E_INVALID_OPTION', `Unknown language \`${name}\` in \`language.only\`: expected BCP 47 or ISO 639-3 codes such as "fr", "en", "pt-BR" or "fra"`)
    }
  }
}

/**
 * Validates options once at the entry point and fills in the defaults. An unknown key (a typo
 * such as `detect.nearTreshold`) is an error, not silently ignored.
 * @param extraKeys Top-level keys that the caller's own layer consumes (a stream's
 *   `highWaterMark`, a plugin's `mode`), accepted and ignored here.
 * @throws {DedupeError} `E_INVALID_OPTION` or `E_UNKNOWN_FORMAT`, naming the value and the fix.
 */
export function resolveOptions(options?: Options | null, extraKeys: readonly string[] = []): ResolvedOptions {
  if (options === null || options === undefined) return RESOLVED_DEFAULTS
  if (typeof options !== 'object') {
    throw new DedupeError('E_INVALID_OPTION', `Expected options to be an object, not \`${typeof options}\``)
  }
  assertKnownKeys('', options, extraKeys)
  assertKnownKeys('detect', options.detect)
  assertKnownKeys('split', options.split)
  assertKnownKeys('language', options.language)
  const format = pick(options.format, undefined)
  if (format !== undefined && !FORMATS.includes(format)) {
    throw new DedupeError(
      'E_UNKNOWN_FORMAT',
      `Expected \`format\` to be one of ${FORMATS.join(', ')}, not \`${String(format)}\``,
    )
  }
  const d = options.detect ?? {}
  const dd = defaultOptions.detect
  const detect = {
    nearThreshold: pick(d.nearThreshold, dd.nearThreshold),
    containThreshold: pick(d.containThreshold, dd.containThreshold),
    minLength: pick(d.minLength, dd.minLength),
    minSentenceLength: pick(d.minSentenceLength, dd.minSentenceLength),
  }
  assertRatio('detect.nearThreshold', detect.nearThreshold)
  assertRatio('detect.containThreshold', detect.containThreshold)
  assertCount('detect.minLength', detect.minLength)
  assertCount('detect.minSentenceLength', detect.minSentenceLength)
  const only = pick(options.language?.only, defaultOptions.language.only)
  if (only !== undefined && (!Array.isArray(only) || only.some((code) => typeof code !== 'string' || code === ''))) {
    throw new DedupeError('E_INVALID_OPTION', 'Expected `language.only` to be an array of language codes such as ["fr", "en"]')
  }
  if (only !== undefined) assertKnownLanguages(only)
  const dl = defaultOptions.language
  const minLength = pick(options.language?.minLength, dl.minLength)
  assertCount('language.minLength', minLength)
  const language: ResolvedLanguageOptions = { only, minLength }
  const ds = defaultOptions.split
  const split: ResolvedSplitOptions = {
    lineBreaks: pick(options.split?.lineBreaks, ds.lineBreaks),
    wrapWidth: pick(options.split?.wrapWidth, ds.wrapWidth),
  }
  if (!['auto', 'paragraph', 'join'].includes(split.lineBreaks)) {
    throw new DedupeError('E_INVALID_OPTION', `Expected \`split.lineBreaks\` to be auto, paragraph or join, not \`${String(split.lineBreaks)}\``)
  }
  if (split.wrapWidth !== null) assertCount('split.wrapWidth', split.wrapWidth)
  for (const name of ['contentType', 'charset'] as const) {
    const value = options[name]
    if (value !== undefined && value !== null && typeof value !== 'string') {
      throw new DedupeError('E_INVALID_OPTION', `Expected \`${name}\` to be a string such as "text/html; charset=koi8-r", not \`${typeof value}\``)
    }
  }
  return { format, split, detect, language, contentType: pick(options.contentType, undefined), charset: pick(options.charset, undefined) }
}
