/**
 * The reader of standard output went away (`news-dedup clean … | head`): writing then fails with
 * EPIPE. Like a Unix tool killed by SIGPIPE, the CLI stops at once, prints nothing and exits with
 * 128 + 13. Stopping there loses nothing: `feed` writes a line only after its article is committed,
 * so a rerun over the same input replays what was written and judges the rest.
 */
export const CLOSED_PIPE_EXIT_CODE = 141

/** True for the error a write to a pipe whose reader has closed it gives. */
export function isClosedPipe(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'EPIPE'
}
