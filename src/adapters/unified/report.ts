/**
 * The report the rehype and remark plugins put on `file.data.newsDedup`: `runStages()` (the
 * stage list of `clean()`, run on the tree's blocks) without what only makes sense for a
 * string (offsets, the cleaned text).
 *
 * @module
 */
import { runStages } from '../../clean.js'
import type { ResolvedOptions } from '../../options.js'
import type { Duplicate, Passage, RepeatedSentence, SourceBlock } from '../../types.js'

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

/** Runs the stages of `clean()` on the blocks of a tree: the plugins' report. */
export function reportOf(blocks: readonly SourceBlock[], options: ResolvedOptions): NewsDedupReport {
  const result = runStages(blocks, options)
  return {
    language: result.language,
    confidence: result.confidence,
    paragraphs: result.paragraphs.map(({ start: _start, end: _end, ...paragraph }) => paragraph),
    passages: result.passages,
  }
}
