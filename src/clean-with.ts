import { findDuplicates } from './detect/find-duplicates.js'
import { groupPassages } from './detect/group-passages.js'
import { DedupeError } from './errors.js'
import { tagArticleLanguages } from './language/tag-article-languages.js'
import { resolveOptions, type Options, type ResolvedOptions } from './options.js'
import { cleanedText } from './output/kept-paragraphs.js'
import { flatCopy } from './text/flat-copy.js'
import type { FormatParsers } from './parse/format-parsers.js'
import type { HtmlTree } from './parse/from-html.js'
import { guessFormat } from './parse/guess-format.js'
import { parseDocument } from './parse/parse-document.js'
import { decodeInput, type ArticleInput } from './parse/decode-input.js'
import type { CleanResult, Duplicate, InputFormat, Paragraph, SourceBlock, Warning } from './types.js'

/*
 * The pipeline of `clean()`, with the format parsers given by the caller: `clean()` (clean.ts)
 * passes them all; the CLI only those its inputs need, loaded when one arrives (see
 * `parse/format-parsers.ts`), so its start-up on plain text loads no HTML or Markdown library.
 */

export type { ArticleInput }

/** What the stages pass along: the blocks, the options, and the report each stage fills in its part of. */
interface Work {
  readonly blocks: readonly SourceBlock[]
  readonly options: ResolvedOptions
  readonly result: CleanResult
}

/** One step of the pipeline: reads what earlier stages wrote on `work.result` and adds its part. */
type Stage = (work: Work) => void

/**
 * The pipeline after parsing, in order: paragraphs → duplicates (fingerprints inside) →
 * passages → languages → cleaned text. Defined once: `clean()`, the unified plugins, the
 * streams and the feed all run it (through {@link runStages}).
 */
const STAGES: readonly Stage[] = [paragraphStage, duplicateStage, passageStage, languageStage, textStage]

/**
 * Runs {@link STAGES} on the blocks a parser found: what `clean()` does after parsing, and
 * what the unified plugins run on the blocks of their tree.
 *
 * @param blocks The paragraphs' texts and offsets, in order.
 * @param options Resolved options (`resolveOptions()`).
 * @returns The report: paragraphs with verdicts and languages, passages, the cleaned text.
 */
export function runStages(blocks: readonly SourceBlock[], options: ResolvedOptions): CleanResult {
  // Fields in the order of the JSON output.
  const result: CleanResult = { language: 'und', confidence: 0, paragraphs: [], passages: [], text: '' }
  const work: Work = { blocks, options, result }
  for (const stage of STAGES) stage(work)
  return result
}

/**
 * `clean()` with the parsers of HTML, Markdown and extraction given (see `format-parsers.ts`):
 * the one implementation of `clean()`, which calls it with every parser loaded.
 *
 * @param parsers The parsers the input's format needs (plain text needs none), and the charset
 *   libraries its bytes need (UTF-8 needs none).
 * @param input As for `clean()`.
 * @param options As for `clean()`.
 * @returns As `clean()`.
 * @throws {DedupeError} As `clean()`; `E_INTERNAL` when the input needs a parser not given.
 */
export function cleanWith(parsers: FormatParsers, input: string | Uint8Array | ArticleInput, options?: Options | null): CleanResult {
  const resolved = resolveOptions(options)
  const decoded = decodeInput(input, resolved, parsers)
  const { text, format } = readInput(decoded.input as string | ArticleInput, resolved)
  const warnings: Warning[] = [...decoded.warnings]
  const document = parseDocument(parsers, text, format, resolved.split, warnings)
  const blocks = resolved.extract && document.tree !== undefined ? keepArticle(parsers, document.blocks, document.title, document.tree, warnings) : document.blocks
  const result = runStages(blocks, resolved)
  if (document.title !== null) result.title = document.title
  if (decoded.encoding !== undefined) result.encoding = decoded.encoding
  if (warnings.length > 0) result.warnings = warnings // last, and only when there is something to say
  return result
}

const EXTRACT_FALLBACK_MESSAGES = {
  'not-found': 'No article was found in the page: the whole page was kept.',
  'too-small': 'The article found in the page was suspiciously small (a form or a box, not the text): the whole page was kept.',
} as const

/** `extract`: only the page's blocks that belong to its article go on (see `extractArticle`). */
function keepArticle(parsers: FormatParsers, blocks: SourceBlock[], title: string | null, tree: HtmlTree, warnings: Warning[]): SourceBlock[] {
  const article = parsers.extract(blocks, title, tree)
  if (article.fallback !== null) warnings.push({ code: 'extract-fallback', message: EXTRACT_FALLBACK_MESSAGES[article.fallback] })
  return article.blocks
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
/** The characters the binary check counts (and NUL): controls other than tab, line feed, form feed, carriage return. */
const COUNTED_CONTROL = /[\u0000-\u0008\u000B\u000E-\u001F]/

function assertText(text: string): void {
  const sample = text.slice(0, SNIFF_LENGTH)
  let control = 0
  // Text almost never has one: a regular-expression scan finds that faster than the loop below,
  // which then runs only on text that has some (the loop alone was ~2 % of clean()'s time, bench/profile-clean.ts).
  for (let k = COUNTED_CONTROL.test(sample) ? 0 : sample.length; k < sample.length; k++) {
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

/*
 * The stages build their arrays with `push`, not `map`: `map` gives a packed array while the
 * stage is interpreted and a holey one (another hidden class) once TurboFan inlines it, and
 * every optimized function downstream that had seen only one kind was deoptimized ("wrong map")
 * and compiled again, in each worker thread (`node --trace-deopt`, bench/results/workers.md).
 */

function paragraphStage(work: Work): void {
  const paragraphs: Paragraph[] = []
  work.blocks.forEach((block, index) => {
    const paragraph: Paragraph = {
      index,
      // A copy of its own, not a slice of the input: every later stage reads it unit by unit.
      text: flatCopy(block.text),
      language: 'und',
      confidence: 0,
      start: block.start,
      end: block.end,
      duplicate: null,
      repeatedSentences: [],
    }
    if (block.heading) paragraph.heading = true
    paragraphs.push(paragraph)
  })
  work.result.paragraphs = paragraphs
}

function duplicateStage(work: Work): void {
  const paragraphs = work.result.paragraphs
  const texts: string[] = []
  const headings: boolean[] = []
  for (const p of paragraphs) {
    texts.push(p.text)
    headings.push(p.heading === true)
  }
  const { duplicates, repeatedSentences } = findDuplicates(texts, work.options.detect, headings)
  paragraphs.forEach((paragraph, k) => {
    paragraph.duplicate = duplicates[k] ?? null
    paragraph.repeatedSentences = repeatedSentences[k] ?? []
  })
}

function passageStage(work: Work): void {
  const duplicates: Array<Duplicate | null> = []
  for (const p of work.result.paragraphs) duplicates.push(p.duplicate)
  work.result.passages = groupPassages(duplicates)
}

function languageStage(work: Work): void {
  const { result } = work
  const texts: string[] = []
  for (const p of result.paragraphs) texts.push(p.text)
  const tags = tagArticleLanguages(texts, work.options.language)
  result.language = tags.language
  result.confidence = tags.confidence
  result.paragraphs.forEach((paragraph, k) => {
    const tag = tags.paragraphs[k]!
    paragraph.language = tag.language
    paragraph.confidence = tag.confidence
  })
}

function textStage(work: Work): void {
  work.result.text = cleanedText(work.result.paragraphs)
}
