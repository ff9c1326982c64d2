/**
 * Fields of a JSONL error record (`errorRecord`) not taken from the input line: written as
 * computed, never as the input's member texts (the id is: as written). The `computed` set of
 * `toJsonLine` for error lines, the same in `clean`, `feed` and the queue's worker.
 */
export const ERROR_FIELDS: ReadonlySet<string> = new Set(['line', 'source', 'error'])
