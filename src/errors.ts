/** Stable error codes carried by {@link DedupeError}. */
export type DedupeErrorCode =
  /** An option has the wrong type or is out of range. */
  | 'E_INVALID_OPTION'
  /** `format` names no input format this library reads. */
  | 'E_UNKNOWN_FORMAT'
  /** The input is not a string or an article object with `text`, `html` or `markdown`. */
  | 'E_INVALID_INPUT'
  /** The input looks like binary data (NUL bytes, control characters), not text. */
  | 'E_BINARY_INPUT'
  /** Bytes that are not valid UTF-8 (CLI and stream readers). */
  | 'E_INVALID_UTF8'
  /** A JSONL line that is not a JSON object, or a feed item without a body. */
  | 'E_INVALID_RECORD'
  /** An input file or folder that could not be read (CLI). */
  | 'E_READ'
  /** An output file that could not be written, e.g. in a folder that does not exist (CLI). */
  | 'E_WRITE'
  /**
   * The feed index cannot be opened: Redis cannot be reached (the message names its URL,
   * password hidden), the SQLite driver, an optional dependency, is missing, or the SQLite file
   * cannot be opened (its folder does not exist, it is not a database, no permission).
   */
  | 'E_INDEX_UNAVAILABLE'
  /** An index, or one of its sessions, used after it was closed or committed: open a new one. */
  | 'E_INDEX_CLOSED'
  /** An article could not be recorded because other writers kept changing the index meanwhile: retry it. */
  | 'E_INDEX_CONFLICT'
  /** A command-line usage mistake: an unknown command or flag, a bad flag value (CLI exit code 2). */
  | 'E_USAGE'
  /** Not the caller's mistake: a bug or an unexpected failure of a dependency (error records carry it; please report it). */
  | 'E_INTERNAL'
  /** The language model (fastText lid.176) is not loaded yet (`await loadLanguageModel()` first), or could not be loaded. */
  | 'E_LANGUAGE_MODEL'
  /**
   * The feed index is no longer the one this worker opened: emptied or replaced under it (Redis
   * restarted without persistence, `FLUSHALL`, a failover to an empty or lagging replica). Every
   * `add` fails with it until the operator starts again on purpose.
   */
  | 'E_INDEX_LOST'
  /** The Redis queue of `enqueue`/`worker`/`results` cannot be reached (the message names its URL, password hidden). */
  | 'E_QUEUE_UNAVAILABLE'

/**
 * The one error class of the library. Thrown only for caller mistakes (bad options, unknown
 * format, input that is not text); the message names the value and the fix.
 */
export class DedupeError extends Error {
  readonly code: DedupeErrorCode

  constructor(code: DedupeErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'DedupeError'
    this.code = code
  }
}

/**
 * The `{ code, message }` that error records carry: a {@link DedupeError} keeps its code,
 * an object already of that shape (a reader's error record) is taken as it is, and anything
 * else is `E_INTERNAL`.
 */
export function errorInfo(error: unknown): { code: DedupeErrorCode | string; message: string } {
  if (error instanceof DedupeError) return { code: error.code, message: error.message }
  if (typeof error === 'object' && error !== null && 'code' in error && 'message' in error && !(error instanceof Error)) {
    return { code: String(error.code), message: String(error.message) }
  }
  return { code: 'E_INTERNAL', message: error instanceof Error ? error.message : String(error) }
}

/** Where an error record's input was: its id when it could be read, its JSONL line, its source (`file:line` or file). */
export interface ErrorPlace {
  id?: unknown
  line?: number
  source?: string
}

/** The one error-record shape of every command and stream: `{ id?, line?, source?, error: { code, message } }`. */
export interface ErrorRecord extends ErrorPlace {
  error: { code: string; message: string }
}

/**
 * An error record, its keys always in the same order: `id`, `line`, `source` (each only when
 * known), then `error` (see {@link errorInfo}).
 */
export function errorRecord(error: unknown, place: ErrorPlace = {}): ErrorRecord {
  return {
    ...(place.id === undefined ? {} : { id: place.id }),
    ...(place.line === undefined ? {} : { line: place.line }),
    ...(place.source === undefined ? {} : { source: place.source }),
    error: errorInfo(error),
  }
}
