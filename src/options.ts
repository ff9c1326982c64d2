import { didYouMean } from './did-you-mean.js'
import { DedupeError } from './errors.js'
import { languageTagsOf } from './language/iso639.js'
import { KNOWN_LANGUAGES } from './language/known-languages.js'
import { DEFAULT_MIN_LENGTH, type LanguageOptions } from './language/tag-language.js'
import type { TextSplitOptions } from './parse/from-text.js'
import type { InputFormat } from './types.js'
import { parseDuration } from './feed/parse-duration.js'

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
   * Share (0–1) of a shorter paragraph's tokens that occur in a longer one as one run (a
   * cut-off last word not counted) at or above which the shorter one is `contained` in it (a
   * teaser, a glued block). Its words scattered in order across the longer one do not count.
   * @default 0.95
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
   * HTML input only: take the article out of the full page before splitting (Mozilla
   * Readability finds the container, then link-dense and one-word lines inside it are dropped;
   * see `src/parse/extract-article.ts`). Paragraphs keep their offsets into the page. When no
   * article is found, or its container is suspiciously small, the whole page is kept and a
   * `extract-fallback` warning says so. Ignored for text and Markdown.
   * @default false
   */
  extract?: boolean
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
  extract: boolean
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
  // minLength: below ten characters a text is one or two words; see LanguageOptions.minLength
  // (defined beside tagLanguage, which uses it outside clean() too).
  language: Object.freeze({ only: undefined, minLength: DEFAULT_MIN_LENGTH }),
  extract: false,
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

/** The sections an entry point can ask {@link resolveOptions} for, beside the `clean()` ones. */
export type OptionSection = 'feed' | 'stream' | 'plugin'

/**
 * The extra sections resolved: `feed` (`createDeduplicator`, `ttl` in milliseconds or `null`),
 * `stream` (the streams), `plugin` (the unified plugins). Each one is read from the entry's flat
 * options (`{ bands, ttl }`, `{ highWaterMark }`, `{ mode }`).
 */
export interface ResolvedSections {
  feed: Readonly<FeedDefaults>
  stream: DefaultOptions['stream']
  plugin: DefaultOptions['plugin']
}

/** What {@link resolveOptions} returns: the `clean()` sections and the sections asked for, all frozen. */
export type Resolved<S extends OptionSection = never> = Readonly<ResolvedOptions> & { readonly [K in S]: ResolvedSections[K] }

/** What an entry point tells {@link resolveOptions} besides the options. */
export interface ResolveEntry<S extends OptionSection = never> {
  /** The sections of this entry, resolved besides the `clean()` ones (their keys are then known too). @default [] */
  sections?: readonly S[]
  /** Top-level keys that the caller's own layer consumes, accepted and ignored here. @default [] */
  extraKeys?: readonly string[]
}

/**
 * The top-level keys of each extra section, as its entry takes them (flat). The feed's `index`,
 * `now` and `clean` are its collaborators, not options with a default value: accepted here and
 * left to `createDeduplicator`. `nearThreshold`/`containThreshold` are the feed's deprecated
 * names of `jaccardThreshold`/`containmentThreshold`.
 */
export const SECTION_KEYS: Readonly<Record<OptionSection, readonly string[]>> = Object.freeze({
  feed: Object.freeze([
    'index', 'boilerplateMin', 'ttl', 'shingleSize', 'bands', 'rows', 'jaccardThreshold', 'containmentThreshold',
    'nearThreshold', 'containThreshold', 'minShingles', 'copyThreshold', 'paragraphThreshold', 'paragraphMinShingles',
    'maxCandidates', 'now', 'clean',
  ]),
  stream: Object.freeze(['highWaterMark']),
  plugin: Object.freeze(['mode']),
})

/** Objects `resolveOptions()` returned: given back to it (an entry calling another), they are returned as they are. */
const RESOLVED = new WeakSet<object>()

/** Freezes a resolved object and remembers it as resolved. */
function sealed<T extends object>(value: T): T {
  Object.freeze(value)
  RESOLVED.add(value)
  return value
}

/** The sections of {@link ResolvedOptions} alone (what `resolveOptions(null)` returns). */
const RESOLVED_DEFAULTS: Readonly<ResolvedOptions> = sealed({
  format: defaultOptions.format,
  split: defaultOptions.split,
  detect: defaultOptions.detect,
  language: defaultOptions.language,
  extract: defaultOptions.extract,
  contentType: defaultOptions.contentType,
  charset: defaultOptions.charset,
})

const FORMATS: readonly InputFormat[] = ['text', 'html', 'markdown']
const LINE_BREAKS: readonly ResolvedSplitOptions['lineBreaks'][] = ['auto', 'paragraph', 'join']
const MODES: readonly DefaultOptions['plugin']['mode'][] = ['remove', 'mark']

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
  '': ['format', 'split', 'detect', 'language', 'contentType', 'charset', 'extract'],
  detect: ['nearThreshold', 'containThreshold', 'minLength', 'minSentenceLength'],
  split: ['lineBreaks', 'wrapWidth'],
  language: ['only', 'minLength'],
})

/** Throws for a key of `value` that is not an option at `level` (nor one of `extra`). */
function assertKnownKeys(level: keyof typeof KNOWN_KEYS, value: unknown, extra: readonly string[] = []): void {
  if (value === null || value === undefined) return
  const path = level === '' ? '' : `${level}.`
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new DedupeError('E_INVALID_OPTION', `Expected \`${level || 'options'}\` to be an object, not \`${Array.isArray(value) ? 'array' : typeof value}\``)
  }
  const known: readonly string[] = extra.length === 0 ? KNOWN_KEYS[level] : [...KNOWN_KEYS[level], ...extra]
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue
    const near = didYouMean(key, known)
    throw new DedupeError('E_INVALID_OPTION', `Unknown option \`${path}${key}\`${near ? `: did you mean \`${path}${near}\`?` : ''} (known: ${known.join(', ')})`)
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

function resolveDetect(d?: DetectOptions): Required<DetectOptions> {
  const dd = defaultOptions.detect
  // Not given: the frozen defaults themselves (a new frozen copy per `clean()` call was a visible share of a short article's time).
  if (d === undefined) return dd
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
  return Object.freeze(detect)
}

function resolveLanguage(l?: LanguageOptions): ResolvedLanguageOptions {
  const dl = defaultOptions.language
  if (l === undefined) return dl
  const only = pick(l.only, dl.only)
  if (only !== undefined && (!Array.isArray(only) || only.some((code) => typeof code !== 'string' || code === ''))) {
    throw new DedupeError('E_INVALID_OPTION', 'Expected `language.only` to be an array of language codes such as ["fr", "en"]')
  }
  if (only !== undefined) assertKnownLanguages(only)
  const minLength = pick(l.minLength, dl.minLength)
  assertCount('language.minLength', minLength)
  // A copy, frozen: the caller's array may change after the options were resolved.
  return Object.freeze({ only: only === undefined ? undefined : (Object.freeze([...only]) as string[]), minLength })
}

function resolveSplit(s?: TextSplitOptions): ResolvedSplitOptions {
  const ds = defaultOptions.split
  if (s === undefined) return ds
  const split: ResolvedSplitOptions = {
    lineBreaks: pick(s.lineBreaks, ds.lineBreaks),
    wrapWidth: pick(s.wrapWidth, ds.wrapWidth),
  }
  if (!LINE_BREAKS.includes(split.lineBreaks)) {
    throw new DedupeError('E_INVALID_OPTION', `Expected \`split.lineBreaks\` to be auto, paragraph or join, not \`${String(split.lineBreaks)}\``)
  }
  if (split.wrapWidth !== null) assertCount('split.wrapWidth', split.wrapWidth)
  return Object.freeze(split)
}

/** The feed's flat options as `resolveOptions` reads them (documented on `DeduplicatorOptions`). */
type FeedInput = { [K in Exclude<keyof FeedDefaults, 'ttl'>]?: number | null } & {
  ttl?: string | number | null
  nearThreshold?: number | null
  containThreshold?: number | null
}

function resolveFeed(options: FeedInput): Readonly<FeedDefaults> {
  const d = defaultOptions.feed
  const count = (name: Exclude<keyof FeedDefaults, 'ttl'>, min = 1): number => {
    const v = pick(options[name], d[name])
    assertCount(name, v, min)
    return v
  }
  // A renamed option: the new name wins, the old one is still read (and named in its error).
  const renamed = (name: 'jaccardThreshold' | 'containmentThreshold', old: 'nearThreshold' | 'containThreshold'): number => {
    const given = options[name] ?? options[old]
    const v = pick(given, d[name])
    assertRatio(options[name] == null && options[old] != null ? old : name, v)
    return v
  }
  const ratio = (name: 'copyThreshold' | 'paragraphThreshold'): number => {
    const v = pick(options[name], d[name])
    assertRatio(name, v)
    return v
  }
  const ttl = pick(options.ttl, d.ttl)
  return Object.freeze({
    boilerplateMin: count('boilerplateMin', 2),
    ttl: ttl === null ? null : parseDuration(ttl),
    shingleSize: count('shingleSize'),
    bands: count('bands'),
    rows: count('rows'),
    jaccardThreshold: renamed('jaccardThreshold', 'nearThreshold'),
    containmentThreshold: renamed('containmentThreshold', 'containThreshold'),
    minShingles: count('minShingles', 0),
    copyThreshold: ratio('copyThreshold'),
    paragraphThreshold: ratio('paragraphThreshold'),
    paragraphMinShingles: count('paragraphMinShingles', 1),
    maxCandidates: count('maxCandidates'),
  })
}

function resolveStream(options: { highWaterMark?: number | null }): DefaultOptions['stream'] {
  const highWaterMark = pick(options.highWaterMark, defaultOptions.stream.highWaterMark)
  assertCount('highWaterMark', highWaterMark)
  return Object.freeze({ highWaterMark })
}

function resolvePlugin(options: { mode?: string | null }): DefaultOptions['plugin'] {
  const mode = pick(options.mode, defaultOptions.plugin.mode) as DefaultOptions['plugin']['mode']
  if (!MODES.includes(mode)) {
    throw new DedupeError('E_INVALID_OPTION', `Expected \`mode\` to be remove or mark, not \`${String(mode)}\``)
  }
  return Object.freeze({ mode })
}

const SECTION_RESOLVERS: { [K in OptionSection]: (options: Record<string, unknown>) => ResolvedSections[K] } = {
  feed: (options) => resolveFeed(options as FeedInput),
  stream: (options) => resolveStream(options as { highWaterMark?: number | null }),
  plugin: (options) => resolvePlugin(options as { mode?: string | null }),
}

/**
 * The one resolver of the library's options: every entry point (`clean()`, `createDeduplicator`,
 * the streams, the unified plugins, the CLI) calls it once, with the sections it reads. It
 * validates the options and fills in every default from {@link defaultOptions}, so no stage
 * checks for a missing value again. An unknown key (a typo such as `detect.nearTreshold`) is an
 * error with a did-you-mean, not silently ignored. The result is frozen; given back to
 * `resolveOptions()` (one entry calling another), it is returned as it is.
 *
 * @param options The entry's options; `null` and `undefined` mean every default.
 * @param entry The sections the entry reads besides the `clean()` ones (`{ sections: ['feed'] }`),
 *   and top-level keys its own layer consumes (`extraKeys`). An array is read as `extraKeys`
 *   (the form of earlier versions).
 * @throws {DedupeError} `E_INVALID_OPTION` or `E_UNKNOWN_FORMAT`, naming the value and the fix.
 * @example
 * resolveOptions({ detect: { nearThreshold: 0.7 } }).detect.minLength            // 40
 * resolveOptions({ bands: 20 }, { sections: ['feed'] }).feed.rows                 // 4
 */
export function resolveOptions<S extends OptionSection = never>(
  options?: Options | null,
  entry: ResolveEntry<S> | readonly string[] = {},
): Resolved<S> {
  const { sections = [], extraKeys = [] } = (Array.isArray(entry) ? { extraKeys: entry } : entry) as ResolveEntry<S>
  if (options !== null && options !== undefined && RESOLVED.has(options)) {
    if (sections.every((name) => name in options)) return options as Resolved<S>
    // Resolved without a section: none of that section's keys could be in it (they would have
    // been unknown keys), so the section is its defaults.
    const resolved: Record<string, unknown> = { ...options }
    for (const name of sections) if (!(name in resolved)) resolved[name] = SECTION_RESOLVERS[name]({})
    return sealed(resolved) as Resolved<S>
  }
  if (options !== null && options !== undefined && typeof options !== 'object') {
    throw new DedupeError('E_INVALID_OPTION', `Expected options to be an object, not \`${typeof options}\``)
  }
  if (sections.length === 0 && extraKeys.length === 0 && options !== null && options !== undefined) {
    const simple = simpleOptions(options)
    if (simple !== undefined) return simple as Resolved<S>
  }
  const given = (options ?? {}) as Options & Record<string, unknown>
  assertKnownKeys('', given, [...sections.flatMap((name) => SECTION_KEYS[name]), ...extraKeys])
  const base = options === null || options === undefined ? RESOLVED_DEFAULTS : resolveCleanSections(given)
  if (sections.length === 0) return base as Resolved<S>
  const resolved: Record<string, unknown> = { ...base }
  for (const name of sections) resolved[name] = SECTION_RESOLVERS[name](given)
  return sealed(resolved) as Resolved<S>
}

/**
 * The resolved options of `{ format }`, `{ extract }` or both (the options most calls give, one
 * object literal per call), one frozen object per pair of values, made once: resolving them
 * anew made and froze an object per call and remembered each one as resolved (a WeakSet entry
 * per `clean()`). `undefined` when `options` has another key or a value that is not valid: the
 * full resolution then says what is wrong.
 */
function simpleOptions(options: object): Readonly<ResolvedOptions> | undefined {
  const { format, extract } = options as Options
  const f = format === undefined || format === null ? 0 : FORMATS.indexOf(format) + 1 // 0 for an unknown format too:
  const e = extract === undefined || extract === null ? 0 : extract === false ? 1 : extract === true ? 2 : -1
  if ((f === 0 && format !== undefined && format !== null) || e < 0) return undefined // …which the full resolution names
  for (const key of Object.keys(options)) if (key !== 'format' && key !== 'extract') return undefined
  const slot = f * 3 + e
  return (SIMPLE_RESOLVED[slot] ??= resolveCleanSections({ format, extract }))
}

/** {@link simpleOptions}' objects, by format (none, then {@link FORMATS}) times three, plus `extract` (none, false, true). */
const SIMPLE_RESOLVED: Array<Readonly<ResolvedOptions> | undefined> = []

/** The sections of {@link ResolvedOptions}, from options whose top-level keys were checked. */
function resolveCleanSections(options: Options): ResolvedOptions {
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
  const detect = resolveDetect(options.detect ?? undefined)
  const language = resolveLanguage(options.language ?? undefined)
  const split = resolveSplit(options.split ?? undefined)
  const extract = pick(options.extract, defaultOptions.extract)
  if (typeof extract !== 'boolean') {
    throw new DedupeError('E_INVALID_OPTION', `Expected \`extract\` to be true or false, not \`${String(extract)}\``)
  }
  for (const name of ['contentType', 'charset'] as const) {
    const value = options[name]
    if (value !== undefined && value !== null && typeof value !== 'string') {
      throw new DedupeError('E_INVALID_OPTION', `Expected \`${name}\` to be a string such as "text/html; charset=koi8-r", not \`${typeof value}\``)
    }
  }
  return sealed({ format, split, detect, language, extract, contentType: pick(options.contentType, undefined), charset: pick(options.charset, undefined) })
}
