import { DedupeError } from './errors.js'
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
}

/** {@link Options} with every default filled in, as the stages see them. */
export interface ResolvedOptions {
  format: InputFormat | undefined
  split: TextSplitOptions
  detect: Required<DetectOptions>
  language: LanguageOptions
}

/** The defaults, in one place. */
export const defaultOptions: Readonly<ResolvedOptions> = Object.freeze({
  format: undefined,
  detect: Object.freeze({ nearThreshold: 0.8, containThreshold: 0.95, minLength: 40, minSentenceLength: 40 }),
  split: Object.freeze({}),
  language: Object.freeze({}),
})

const FORMATS: readonly InputFormat[] = ['text', 'html', 'markdown']

function assertRatio(name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
    throw new DedupeError('E_INVALID_OPTION', `Expected \`${name}\` between 0 and 1, not \`${String(value)}\``)
  }
}

function assertCount(name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new DedupeError('E_INVALID_OPTION', `Expected \`${name}\` to be a whole number ≥ 0, not \`${String(value)}\``)
  }
}

function pick<T>(value: T | null | undefined, fallback: T): T {
  return value === null || value === undefined ? fallback : value
}

/**
 * Validates options once at the entry point and fills in the defaults.
 * @throws {DedupeError} `E_INVALID_OPTION` or `E_UNKNOWN_FORMAT`, naming the value and the fix.
 */
export function resolveOptions(options?: Options | null): ResolvedOptions {
  if (options === null || options === undefined) return defaultOptions
  if (typeof options !== 'object') {
    throw new DedupeError('E_INVALID_OPTION', `Expected options to be an object, not \`${typeof options}\``)
  }
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
  const only = pick(options.language?.only, undefined)
  if (only !== undefined && (!Array.isArray(only) || only.some((code) => typeof code !== 'string' || code === ''))) {
    throw new DedupeError('E_INVALID_OPTION', 'Expected `language.only` to be an array of language codes such as ["fr", "en"]')
  }
  const split = options.split ?? {}
  if (split.lineBreaks !== undefined && !['auto', 'paragraph', 'join'].includes(split.lineBreaks)) {
    throw new DedupeError('E_INVALID_OPTION', `Expected \`split.lineBreaks\` to be auto, paragraph or join, not \`${String(split.lineBreaks)}\``)
  }
  if (split.wrapWidth !== undefined) assertCount('split.wrapWidth', split.wrapWidth)
  const minLength = pick(options.language?.minLength, undefined)
  if (minLength !== undefined) assertCount('language.minLength', minLength)
  const language: LanguageOptions = {}
  if (only !== undefined) language.only = only
  if (minLength !== undefined) language.minLength = minLength
  return { format, split, detect, language }
}
