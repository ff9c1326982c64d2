import { stat } from 'node:fs/promises'

/** Where a progress bar is drawn: stderr, or a fake terminal in tests. */
export interface ProgressStream {
  write(text: string): unknown
  isTTY?: boolean
  columns?: number
}

/** Options of {@link createProgress}. */
export interface ProgressOptions {
  /** Command name at the start of the line. */
  label: string
  /** What the duplicate count counts ("duplicates", "repeats"). @default 'duplicates' */
  duplicates?: string
  /** Total input size in bytes, when known: the bar then shows a share and an ETA. */
  totalBytes?: number
  /** Clock in ms (tests pass a fake one). @default Date.now */
  now?: () => number
  /** No bar before this many ms: short runs print nothing but their result. @default 1000 */
  delay?: number
  /** Least time between two redraws, in ms. @default 250 */
  interval?: number
}

/** What has been done so far. */
export interface ProgressState {
  articles: number
  duplicates: number
  /** Input bytes read so far (with `totalBytes`, for the share and the ETA). */
  bytes?: number
}

/** A progress line redrawn in place on a terminal. */
export interface Progress {
  update(state: ProgressState): void
  /** Clears the line (the caller then prints its summary). */
  done(): void
}

/** Width of the bar itself, in characters. */
const BAR_WIDTH = 20

function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds))
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const pad = (n: number) => String(n).padStart(2, '0')
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`
}

/**
 * A progress bar for long runs, on `stream` only when it is a terminal (`isTTY`): articles
 * done and per second, duplicates so far and, when the input size is known, the share read
 * and the time left. Nothing is ever written to a stream that is not a terminal (a log file,
 * a pipe), so redirected stderr holds the summary alone.
 *
 * @returns `null` when `stream` is not a terminal.
 */
export function createProgress(stream: ProgressStream, options: ProgressOptions): Progress | null {
  if (stream.isTTY !== true) return null
  const now = options.now ?? Date.now
  const started = now()
  const delay = options.delay ?? 1000
  const interval = options.interval ?? 250
  const duplicates = options.duplicates ?? 'duplicates'
  let drawn = false
  let last = -Infinity
  return {
    update(state) {
      const t = now()
      if (t - started < delay || t - last < interval) return
      last = t
      drawn = true
      const seconds = (t - started) / 1000
      const parts = [`${state.articles} articles`, `${Math.round(state.articles / seconds)} articles/s`, `${state.duplicates} ${duplicates}`]
      const total = options.totalBytes
      if (total !== undefined && total > 0 && state.bytes !== undefined) {
        const share = Math.min(1, state.bytes / total)
        const filled = Math.round(share * BAR_WIDTH)
        parts.unshift(`[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${Math.floor(share * 100)} %`)
        if (share > 0) parts.push(`ETA ${duration((seconds / share) * (1 - share))}`)
      }
      let line = `${options.label}: ${parts.join(' · ')}`
      // A line longer than the terminal would wrap, and `\r` would then redraw only its end.
      if (stream.columns !== undefined && line.length >= stream.columns) line = line.slice(0, Math.max(0, stream.columns - 1))
      stream.write(`\r\x1b[K${line}`)
    },
    done() {
      if (drawn) stream.write('\r\x1b[K')
    },
  }
}

/** Passes chunks through, adding each one's size in bytes to `counter.bytes`. */
export async function* countBytes<T extends Uint8Array | string>(chunks: AsyncIterable<T>, counter: { bytes: number }): AsyncGenerator<T> {
  for await (const chunk of chunks) {
    counter.bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength
    yield chunk
  }
}

/**
 * The total size in bytes of the inputs, when every one is a regular file, for the bar's
 * share and ETA; `{}` when one is standard input (`-`, or no input at all) or a directory.
 */
export async function inputSize(inputs: readonly string[]): Promise<{ totalBytes?: number }> {
  if (inputs.length === 0) return {}
  let total = 0
  for (const input of inputs) {
    if (input === '-') return {}
    try {
      const info = await stat(input)
      if (!info.isFile()) return {}
      total += info.size
    } catch {
      return {}
    }
  }
  return { totalBytes: total }
}
