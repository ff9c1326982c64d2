/**
 * The largest record a feed reader holds in memory: one JSONL line (in bytes) or one RSS
 * `<item>` / Atom `<entry>` (in characters, once decoded). A longer one gives an error record
 * and is skipped without being buffered, so a file with a missing newline or a missing end tag
 * cannot exhaust memory. 64 MiB is far above any real article.
 */
export const MAX_RECORD_SIZE = 64 * 1024 * 1024
