import type { CleanResult } from '../types.js'

/**
 * Renders a result as indented JSON (the result is plain data: this is `JSON.stringify`).
 * @param result A `clean()` result.
 */
export function toJson(result: CleanResult): string {
  return `${JSON.stringify(result, null, 2)}\n`
}
