/**
 * Cutting a repeated sentence out of the text nodes of a tree (the plugins' `remove` mode).
 *
 * @module
 */
import { traceWhitespace, type Piece } from '../../parse/clean-whitespace.js'
import { hasVisibleText } from '../../text/invisible.js'
import type { RepeatedSentence } from '../../types.js'
import type { Outcome } from './messages.js'

/**
 * Cuts repeated sentences out of the text nodes of a paragraph. A sentence is cut only when
 * all of it lies in one text node, and only when `text` (what detection compared) is exactly
 * what the pieces give; otherwise it is left and its outcome says why.
 *
 * @returns One outcome per sentence, in order.
 */
export function cutSentences(text: string, pieces: readonly Piece[], sentences: readonly RepeatedSentence[]): Outcome[] {
  const mapped = traceWhitespace(pieces)
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
    if (cut.atEnd && !hasVisibleText(after)) before = before.replace(/\s+$/, '')
    cut.node.value = before + after
  }
  return outcomes
}
