/**
 * Removes `[start, end)` ranges (sorted, not overlapping) from a paragraph and tidies the
 * white space left behind.
 *
 * @returns The paragraph without the ranges.
 */
export function cutRanges(text: string, ranges: ReadonlyArray<{ start: number; end: number }>): string {
  if (ranges.length === 0) return text
  let out = ''
  let at = 0
  for (const { start, end } of ranges) {
    out += text.slice(at, start)
    at = end
  }
  out += text.slice(at)
  return out.replace(/\s{2,}/g, ' ').trim()
}
