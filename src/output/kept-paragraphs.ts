import { cutRanges } from '../text/cut-ranges.js'

/** A paragraph as the renderers print it. */
export interface KeptParagraph {
  text: string
  language: string
  /** Where the paragraph is in the input (UTF-16 offsets), e.g. to look at its Markdown block. */
  start: number
  end: number
  /** Present (`true`) when the parser read the paragraph as a heading (`toMarkdown` writes it as one). */
  heading?: true
}

/** What deciding whether a paragraph is kept needs: `clean()`'s paragraph, or the feed's (with `crossDuplicate`). */
export interface JudgedParagraph {
  text: string
  language: string
  /** Offsets in the input, passed on to the {@link KeptParagraph}. */
  start: number
  end: number
  heading?: boolean
  duplicate: object | null
  repeatedSentences: ReadonlyArray<{ start: number; end: number }>
  /** A feed verdict: set when another article already has the paragraph. */
  crossDuplicate?: object | null
}

/**
 * The paragraphs a cleaned article is made of: those that repeat nothing earlier in the
 * article (`duplicate`) nor, in a feed, an earlier article (`crossDuplicate`), their repeated
 * sentences cut. The one definition behind `clean().text`, the feed's `text` and the renderers.
 *
 * @param paragraphs The paragraphs of a `clean()` or feed result, in order.
 */
export function keptParagraphs(paragraphs: readonly JudgedParagraph[]): KeptParagraph[] {
  const kept: KeptParagraph[] = []
  for (const p of paragraphs) {
    if (p.duplicate !== null || (p.crossDuplicate ?? null) !== null) continue
    const paragraph: KeptParagraph = { text: cutRanges(p.text, p.repeatedSentences), language: p.language, start: p.start, end: p.end }
    if (p.heading === true) paragraph.heading = true
    kept.push(paragraph)
  }
  return kept
}

/**
 * The cleaned text: the {@link keptParagraphs}, separated by a blank line.
 * @param paragraphs The paragraphs of a `clean()` or feed result, in order.
 */
export function cleanedText(paragraphs: readonly JudgedParagraph[]): string {
  // Texts gathered by push, not `map` (an inlined `map` hands back a holey array: "wrong map" deopts).
  const texts: string[] = []
  for (const p of keptParagraphs(paragraphs)) texts.push(p.text)
  return texts.join('\n\n')
}
