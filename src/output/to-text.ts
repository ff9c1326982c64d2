import type { CleanResult } from '../types.js'

/**
 * Renders a result as plain text: the kept paragraphs, repeated sentences cut, separated by a
 * blank line, with a final newline.
 * @param result A `clean()` result.
 */
export function toText(result: CleanResult): string {
  return result.text === '' ? '' : `${result.text}\n`
}
