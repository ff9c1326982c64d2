/**
 * What the rehype and remark plugins share: the detection run on the blocks' texts (the same
 * stages as `clean()`), the report put on `file.data.newsDedup`, the vfile messages, and the
 * mapping from a block's text back to the text nodes it came from (to cut repeated sentences).
 *
 * @module
 */
import type { Position } from 'unist'
import type { VFile } from 'vfile'
import { findDuplicates } from '../../detect/find-duplicates.js'
import { groupPassages } from '../../detect/group-passages.js'
import { tagArticleLanguages } from '../../language/tag-article-languages.js'
import type { ResolvedOptions } from '../../options.js'
import type { Duplicate, DuplicateKind, Passage, RepeatedSentence } from '../../types.js'

/** One paragraph of the report on `file.data.newsDedup`. */
export interface NewsDedupParagraph {
  /** 0-based position among the paragraphs found in the tree (the numbering `clean()` would use on the same source). */
  index: number
  /** The paragraph's text as compared (inline markup reduced to its text, white space folded). */
  text: string
  /** BCP 47 tag, `und` when it cannot be told. */
  language: string
  confidence: number
  /** `null`, or the paragraph it repeats. */
  duplicate: Duplicate | null
  /** Sentences of this kept paragraph that repeat an earlier paragraph (cut in `remove` mode when they lie in one text node). */
  repeatedSentences: RepeatedSentence[]
}

/** The whole report, on `file.data.newsDedup` after the plugin ran. */
export interface NewsDedupReport {
  /** The article's language (BCP 47), `und` when unknown. */
  language: string
  confidence: number
  paragraphs: NewsDedupParagraph[]
  passages: Passage[]
}

declare module 'vfile' {
  interface DataMap {
    /** Set by `rehypeNewsDedup` / `remarkNewsDedup`. */
    newsDedup: NewsDedupReport
  }
}

/** `ruleId` of the messages, per finding. */
export type NewsDedupRuleId = 'exact-duplicate' | 'near-duplicate' | 'contained-duplicate' | 'repeated-sentence'

/** `source` of every message the plugins emit. */
export const MESSAGE_SOURCE = 'news-dedup'

const RULE: Readonly<Record<DuplicateKind, NewsDedupRuleId>> = {
  exact: 'exact-duplicate',
  near: 'near-duplicate',
  contained: 'contained-duplicate',
}

/** Runs duplicate detection and language tagging on the paragraphs' texts, exactly as `clean()` does. */
export function analyze(texts: string[], options: ResolvedOptions): NewsDedupReport {
  const { duplicates, repeatedSentences } = findDuplicates(texts, options.detect)
  const tags = tagArticleLanguages(texts, options.language)
  const paragraphs = texts.map((text, index): NewsDedupParagraph => {
    const tag = tags.paragraphs[index]!
    return {
      index,
      text,
      language: tag.language,
      confidence: tag.confidence,
      duplicate: duplicates[index] ?? null,
      repeatedSentences: repeatedSentences[index] ?? [],
    }
  })
  return {
    language: tags.language,
    confidence: tags.confidence,
    paragraphs,
    passages: groupPassages(paragraphs.map((p) => p.duplicate)),
  }
}

/** Emits one warning (`fatal: false`) in the unified way. */
function report(file: VFile, reason: string, place: Position | undefined, ruleId: NewsDedupRuleId): void {
  file.message(reason, { place, ruleId, source: MESSAGE_SOURCE })
}

/** What happened to a finding, appended to the message (nothing when it was removed). */
export type Outcome = { done: true } | { done: false; why: string }

/**
 * Reports a repeated paragraph: "Paragraph 5 repeats paragraph 2 (exact, similarity 1)".
 * Numbers are 1-based, like `summarize()`; `data-news-dedup-of` and the report are 0-based.
 */
export function reportDuplicate(file: VFile, paragraph: NewsDedupParagraph, place: Position | undefined, outcome: Outcome): void {
  const d = paragraph.duplicate!
  const verb = d.kind === 'contained' ? 'is contained in' : 'repeats'
  let reason = `Paragraph ${paragraph.index + 1} ${verb} paragraph ${d.of + 1} (${d.kind}, similarity ${d.similarity})`
  if (!outcome.done) reason += `; ${outcome.why}`
  report(file, reason, place, RULE[d.kind])
}

const QUOTE_LENGTH = 60

/** Reports a repeated sentence: `Sentence "…" of paragraph 4 repeats paragraph 2`. */
export function reportSentence(
  file: VFile,
  paragraph: NewsDedupParagraph,
  sentence: RepeatedSentence,
  place: Position | undefined,
  outcome: Outcome,
): void {
  let quote = paragraph.text.slice(sentence.start, sentence.end)
  if (quote.length > QUOTE_LENGTH) quote = `${quote.slice(0, QUOTE_LENGTH - 1).trimEnd()}…`
  let reason = `Sentence "${quote}" of paragraph ${paragraph.index + 1} repeats paragraph ${sentence.of + 1}`
  if (!outcome.done) reason += `; ${outcome.why}`
  report(file, reason, place, 'repeated-sentence')
}

/** A text node, or `null` for text the walk adds itself (a `<br>` read as a space). */
export interface Piece {
  node: { value: string } | null
  value: string
}

interface Source {
  piece: number
  offset: number
}

/** Invisible and control characters `cleanWhitespace()` drops. */
const DROPPED_CHAR = /[\u00AD\u200B\u2060\uFEFF\u0000-\u0008\u000E-\u001F\u007F-\u0084\u0086-\u009F]/
const SPACE_CHAR = /[\s\u0085]/
const VISIBLE_TEXT = /[^\s\u0085\u00AD\u200B\u2060\uFEFF]/

/**
 * Builds `cleanWhitespace(pieces.join(''))` one character at a time, remembering where each
 * character came from (`null` for a folded space).
 */
export function mapPieces(pieces: readonly Piece[]): { text: string; sources: Array<Source | null> } {
  const out: string[] = []
  const sources: Array<Source | null> = []
  let space = false
  pieces.forEach((piece, p) => {
    const value = piece.value
    for (let k = 0; k < value.length; k++) {
      const c = value[k]!
      if (DROPPED_CHAR.test(c)) continue
      if (SPACE_CHAR.test(c)) {
        space = true
        continue
      }
      if (space && out.length > 0) {
        out.push(' ')
        sources.push(null)
      }
      space = false
      out.push(c)
      sources.push({ piece: p, offset: k })
    }
  })
  return { text: out.join(''), sources }
}

/**
 * Cuts repeated sentences out of the text nodes of a paragraph. A sentence is cut only when
 * all of it lies in one text node, and only when `text` (what detection compared) is exactly
 * what the pieces give; otherwise it is left and its outcome says why.
 *
 * @returns One outcome per sentence, in order.
 */
export function cutSentences(text: string, pieces: readonly Piece[], sentences: readonly RepeatedSentence[]): Outcome[] {
  const mapped = mapPieces(pieces)
  if (mapped.text !== text) return sentences.map(() => ({ done: false, why: 'not cut: its text could not be traced to one text node' }))
  const cuts: Array<{ node: { value: string }; from: number; to: number; atStart: boolean; atEnd: boolean }> = []
  const outcomes = sentences.map((sentence): Outcome => {
    const first = mapped.sources[sentence.start]
    const last = mapped.sources[sentence.end - 1]
    const node = first ? pieces[first.piece]!.node : null
    if (!first || !last || first.piece !== last.piece || node === null) {
      return { done: false, why: 'not cut: it spans inline markup' }
    }
    cuts.push({ node, from: first.offset, to: last.offset + 1, atStart: sentence.start === 0, atEnd: sentence.end === text.length })
    return { done: true }
  })
  // Right to left, so offsets of earlier cuts in the same node stay valid.
  cuts.sort((a, b) => b.from - a.from)
  for (const cut of cuts) {
    let before = cut.node.value.slice(0, cut.from)
    let after = cut.node.value.slice(cut.to)
    if (cut.atStart || /\s$/.test(before)) after = after.replace(/^\s+/, '')
    if (cut.atEnd && !VISIBLE_TEXT.test(after)) before = before.replace(/\s+$/, '')
    cut.node.value = before + after
  }
  return outcomes
}
