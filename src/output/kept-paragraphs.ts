import { cutRanges } from '../text/cut-ranges.js'
import type { CleanResult } from '../types.js'

/** A paragraph as the renderers print it. */
export interface KeptParagraph {
  text: string
  language: string
}

/**
 * The paragraphs a cleaned article is made of: kept ones, their repeated sentences cut.
 * @param result A `clean()` result.
 */
export function keptParagraphs(result: CleanResult): KeptParagraph[] {
  return result.paragraphs
    .filter((p) => p.duplicate === null)
    .map((p) => ({ text: cutRanges(p.text, p.repeatedSentences), language: p.language }))
}
