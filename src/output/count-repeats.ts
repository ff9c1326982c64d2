import type { CleanResult } from '../types.js'

/** Paragraphs of a result that are repeats (what the CLI's progress line counts). */
export function countRepeats(result: CleanResult): number {
  let repeats = 0
  for (const p of result.paragraphs) if (p.duplicate !== null) repeats++
  return repeats
}
