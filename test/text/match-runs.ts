/**
 * (Test helper: the bounded-run matching the tokenizer used before its table scans; the reference
 * of test/text/tokenize.test.ts.)
 *
 * All matches of a global regular expression whose runs are bounded (`[…]{1,N}`), with the
 * pieces of a longer run joined again: a piece at least `maxRun` code units long directly
 * followed by another piece that `continues` is one run.
 *
 * Why: V8 keeps one backtracking entry per character of an unbounded `[…]+` run under the
 * `u`/`v` flags, so a "word" of a few million characters (9 M Cyrillic letters, `a` + 6 M
 * combining accents) overflowed the regexp stack with a `RangeError`. A bound of N code points
 * keeps that stack small; a piece cut by the bound has N code points, hence at least N code
 * units, and the character after it belongs to the same run. The fast path is a plain
 * `match()`; the join loop runs only when some piece is that long. Linear in `text`.
 *
 * @param text The text to search.
 * @param pattern A global (`g`) pattern whose repeated part is bounded at `maxRun`.
 * @param maxRun The bound, in code points.
 * @param continues Whether a piece directly after a cut piece is the same run. @default always
 * @returns The matched strings, cut runs joined, in order.
 */
export function matchRuns(text: string, pattern: RegExp, maxRun: number, continues: (piece: string) => boolean = () => true): string[] {
  const pieces = text.match(pattern) ?? []
  for (const piece of pieces) if (piece.length >= maxRun) return joinCutRuns(text, pattern, maxRun, continues)
  return pieces
}

function joinCutRuns(text: string, pattern: RegExp, maxRun: number, continues: (piece: string) => boolean): string[] {
  const runs: string[] = []
  let previousEnd = -1
  let previousCut = false
  pattern.lastIndex = 0
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const piece = match[0]
    if (previousCut && match.index === previousEnd && continues(piece)) runs[runs.length - 1] += piece
    else runs.push(piece)
    previousEnd = match.index + piece.length
    previousCut = piece.length >= maxRun
  }
  return runs
}
