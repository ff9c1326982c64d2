import type { CleanResult, Paragraph } from '../../src/types.js'

/** A hand-built paragraph for renderer tests (renderers only read the result). */
export function paragraph(index: number, text: string, extra: Partial<Paragraph> = {}): Paragraph {
  return { index, text, language: 'fr', confidence: 0.9, start: 0, end: text.length, duplicate: null, repeatedSentences: [], ...extra }
}

/** A hand-built result; `text` is the kept paragraphs joined as clean() joins them. */
export function result(paragraphs: Paragraph[], extra: Partial<CleanResult> = {}): CleanResult {
  return {
    language: 'fr',
    confidence: 0.9,
    paragraphs,
    passages: [],
    text: paragraphs.filter((p) => p.duplicate === null).map((p) => p.text).join('\n\n'),
    ...extra,
  }
}
