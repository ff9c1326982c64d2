import { cutRanges } from '../text/cut-ranges.js'
import type { FeedParagraph } from './types.js'

/**
 * The cleaned text of a feed article: the paragraphs that are neither repeats inside the
 * article (`duplicate`) nor redundant across articles (`crossDuplicate`), with their repeated
 * sentences cut, separated by a blank line — built exactly like `clean().text`.
 */
export function feedText(paragraphs: readonly FeedParagraph[]): string {
  return paragraphs
    .filter((p) => p.duplicate === null && p.crossDuplicate === null)
    .map((p) => cutRanges(p.text, p.repeatedSentences))
    .join('\n\n')
}
