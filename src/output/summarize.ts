import type { CleanResult } from '../types.js'
import { countNoun } from './count-noun.js'

/**
 * A short human-readable account of what `clean()` removed and why, one line per repeated
 * passage (1-based paragraph numbers, as people count them).
 *
 * @param result A `clean()` result.
 * @example summarize(result)
 * // '7 paragraphs, 4 kept, language fr (0.98)\n- paragraphs 5–7: exact repeat of 2–4\n'
 */
export function summarize(result: CleanResult): string {
  const kept = result.paragraphs.filter((p) => p.duplicate === null)
  const lines = [`${countNoun(result.paragraphs.length, 'paragraph')}, ${kept.length} kept, language ${result.language} (${result.confidence.toFixed(2)})`]
  const span = ([first, last]: [number, number]) => (first === last ? `${first + 1}` : `${first + 1}–${last + 1}`)
  for (const passage of result.passages) {
    const noun = passage.paragraphs[0] === passage.paragraphs[1] ? 'paragraph' : 'paragraphs'
    lines.push(`- ${noun} ${span(passage.paragraphs)}: ${passage.kind} repeat of ${span(passage.of)}`)
  }
  for (const paragraph of kept) {
    for (const sentence of paragraph.repeatedSentences) {
      lines.push(`- paragraph ${paragraph.index + 1}, characters ${sentence.start}–${sentence.end}: sentence repeated from ${sentence.of + 1}`)
    }
  }
  return `${lines.join('\n')}\n`
}
