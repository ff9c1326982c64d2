import { findDuplicates } from './detect/find-duplicates.js'
import { cutRanges } from './text/cut-ranges.js'
import { groupPassages } from './detect/group-passages.js'
import { DedupeError } from './errors.js'
import { tagArticleLanguages } from './language/tag-article-languages.js'
import { resolveOptions, type Options, type ResolvedOptions } from './options.js'
import { guessFormat, parseInput } from './parse/parse-input.js'
import type { CleanResult, InputFormat, Paragraph, SourceBlock } from './types.js'

/** An article as an object: one of `text`, `html` or `markdown` (checked in that order). */
export interface ArticleInput {
  text?: string
  html?: string
  markdown?: string
}

/** What the stages pass along. Each stage fills in its part. */
interface Work {
  input: string
  format: InputFormat
  options: ResolvedOptions
  blocks: SourceBlock[]
  paragraphs: Paragraph[]
  language: string
  confidence: number
}

type Stage = (work: Work) => void

/** The pipeline, in order: paragraphs → duplicates (fingerprints inside) → languages. */
const STAGES: readonly Stage[] = [splitStage, duplicateStage, languageStage]

/**
 * Cleans one article: splits it into paragraphs, flags the ones that repeat earlier material
 * (and sentences repeated inside kept paragraphs), tags every paragraph and the article with
 * its language, and builds the cleaned text.
 *
 * Synchronous and pure: the same input and options give the same result, byte for byte.
 *
 * @param input The article: a string (format from `options.format`, else guessed), or `{ text | html | markdown }`.
 * @param options Thresholds and restrictions; see {@link Options}. Defaults in `defaultOptions`.
 * @returns Paragraphs with verdicts and languages, repeated passages, and the cleaned text.
 * @throws {DedupeError} `E_INVALID_OPTION`, `E_UNKNOWN_FORMAT`, `E_INVALID_INPUT` (not text, or unpaired UTF-16 surrogates), `E_BINARY_INPUT`.
 * @example
 * const result = clean('Le chat dort.\n\nLe chat dort.')
 * result.text // 'Le chat dort.'
 * result.paragraphs[1].duplicate // { kind: 'exact', of: 0, similarity: 1 }
 */
export function clean(input: string | ArticleInput, options?: Options | null): CleanResult {
  const resolved = resolveOptions(options)
  const { text, format } = readInput(input, resolved)
  const work: Work = { input: text, format, options: resolved, blocks: [], paragraphs: [], language: 'und', confidence: 0 }
  for (const stage of STAGES) stage(work)
  return {
    language: work.language,
    confidence: work.confidence,
    paragraphs: work.paragraphs,
    passages: groupPassages(work.paragraphs.map((p) => p.duplicate)),
    text: cleanedText(work.paragraphs),
  }
}

function readInput(input: string | ArticleInput, options: ResolvedOptions): { text: string; format: InputFormat } {
  let text: unknown
  let format = options.format
  if (typeof input === 'string') text = input
  else if (input !== null && typeof input === 'object') {
    if (typeof input.text === 'string') [text, format] = [input.text, format ?? 'text']
    else if (typeof input.html === 'string') [text, format] = [input.html, 'html']
    else if (typeof input.markdown === 'string') [text, format] = [input.markdown, 'markdown']
  }
  if (typeof text !== 'string') {
    throw new DedupeError('E_INVALID_INPUT', 'Expected a string or an object with a `text`, `html` or `markdown` string')
  }
  assertText(text)
  return { text, format: format ?? guessFormat(null, text) }
}

/** Share of control characters (other than tab, line feed, form feed, carriage return) above which input is binary. */
const MAX_CONTROL_SHARE = 0.01
/** How much of the input the binary check reads. */
const SNIFF_LENGTH = 65_536

function assertText(text: string): void {
  const sample = text.slice(0, SNIFF_LENGTH)
  let control = 0
  for (let k = 0; k < sample.length; k++) {
    const code = sample.charCodeAt(k)
    if (code === 0) throw new DedupeError('E_BINARY_INPUT', `Expected text, found a NUL character at offset ${k}: this looks like binary data`)
    if (code < 32 && code !== 9 && code !== 10 && code !== 12 && code !== 13) control++
  }
  if (control > MAX_CONTROL_SHARE * sample.length) {
    throw new DedupeError('E_BINARY_INPUT', `Expected text, found ${control} control characters in the first ${sample.length}: this looks like binary data`)
  }
  if (!text.isWellFormed()) {
    throw new DedupeError('E_INVALID_INPUT', 'Expected well-formed text, found an unpaired UTF-16 surrogate (decode the bytes as UTF-8 first)')
  }
}

function splitStage(work: Work): void {
  work.blocks = parseInput(work.input, work.format, work.options.split)
  work.paragraphs = work.blocks.map((block, index) => ({
    index,
    text: block.text,
    language: 'und',
    confidence: 0,
    start: block.start,
    end: block.end,
    duplicate: null,
    repeatedSentences: [],
  }))
}

function duplicateStage(work: Work): void {
  const { duplicates, repeatedSentences } = findDuplicates(
    work.paragraphs.map((p) => p.text),
    work.options.detect,
  )
  work.paragraphs.forEach((paragraph, k) => {
    paragraph.duplicate = duplicates[k] ?? null
    paragraph.repeatedSentences = repeatedSentences[k] ?? []
  })
}

function languageStage(work: Work): void {
  const tags = tagArticleLanguages(
    work.paragraphs.map((p) => p.text),
    work.options.language,
  )
  work.language = tags.language
  work.confidence = tags.confidence
  work.paragraphs.forEach((paragraph, k) => {
    const tag = tags.paragraphs[k]!
    paragraph.language = tag.language
    paragraph.confidence = tag.confidence
  })
}

function cleanedText(paragraphs: readonly Paragraph[]): string {
  return paragraphs
    .filter((p) => p.duplicate === null)
    .map((p) => cutRanges(p.text, p.repeatedSentences))
    .join('\n\n')
}
