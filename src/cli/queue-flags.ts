import { hostname } from 'node:os'
import type { FlagTable } from './parse-flags.js'
import { number } from './clean-flags.js'
import { UsageError } from './usage-error.js'

/** The flags naming a Redis Streams queue, shared by `enqueue`, `worker` and `results`. */
export const QUEUE_FLAGS = {
  queue: { type: 'string', value: 'redis://...', help: 'the Redis server (and database: redis://host:6379/2)\nof the queue (required)' },
  stream: { type: 'string', value: 'NAME', help: 'the input stream (default news-dedup-queue:articles)' },
} as const satisfies FlagTable

/** `--output-stream`, taken by `worker` and `results`. */
export const OUTPUT_STREAM_FLAG = {
  'output-stream': { type: 'string', value: 'NAME', help: 'the stream of result lines (default news-dedup-queue:results)' },
} as const satisfies FlagTable

/**
 * The `--queue` URL.
 * @throws {UsageError} when it is missing or not a redis:// or rediss:// URL.
 */
export function queueUrl(value: string | undefined): string {
  if (value === undefined) throw new UsageError('Expected --queue redis://HOST[:PORT][/DB]: the Redis server of the queue')
  if (!/^rediss?:\/\//i.test(value)) throw new UsageError(`Expected --queue to be a redis:// or rediss:// URL, not \`${value}\``)
  return value
}

/**
 * A whole number of milliseconds (or of entries) ≥ `min`.
 * @throws {UsageError} for anything else.
 */
export function wholeNumber(flag: string, value: string | undefined, min: number): number | undefined {
  const n = number(flag, value)
  if (n === undefined) return undefined
  if (!Number.isSafeInteger(n) || n < min) throw new UsageError(`Expected ${flag} to be a whole number ≥ ${min}, not \`${value}\``)
  return n
}

/** The default consumer name of a worker: its host and process id, unique while it runs. */
export const defaultConsumer = (): string => `${hostname()}-${process.pid}`
