/**
 * The vfile messages of the rehype and remark plugins: one per finding, worded the same way.
 *
 * @module
 */
import type { Position } from 'unist'
import type { VFile } from 'vfile'
import type { DuplicateKind, RepeatedSentence } from '../../types.js'
import type { NewsDedupParagraph } from './report.js'

/** `ruleId` of the messages, per finding. */
export type NewsDedupRuleId = 'exact-duplicate' | 'near-duplicate' | 'contained-duplicate' | 'repeated-sentence'

/** `source` of every message the plugins emit. */
export const MESSAGE_SOURCE = 'news-dedup'

const RULE: Readonly<Record<DuplicateKind, NewsDedupRuleId>> = {
  exact: 'exact-duplicate',
  near: 'near-duplicate',
  contained: 'contained-duplicate',
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

