import { createMemoryIndex } from './memory.js'
import { connectRedisIndex, createRedisIndex } from './redis.js'
import { createSqliteIndex } from './sqlite.js'
import type { FeedIndex } from '../feed/types.js'

/** Whether an `--index` spec names a Redis server. */
const isRedis = (spec: string): boolean => /^rediss?:\/\//i.test(spec)

/**
 * Opens an index from one string, as the CLI's `--index` takes it: `':memory:'` → memory,
 * `redis://…` / `rediss://…` → Redis, anything else → a SQLite file at that path.
 * A Redis index connects in the background: if it cannot, its calls reject with
 * `E_INDEX_UNAVAILABLE`. {@link connectIndex} finds that out before the first article.
 */
export function openIndex(spec: string): FeedIndex {
  if (spec === ':memory:') return createMemoryIndex()
  if (isRedis(spec)) return createRedisIndex(spec)
  return createSqliteIndex(spec)
}

/**
 * {@link openIndex}, resolved once the index is usable: for Redis, once the first connection
 * is up (bounded in time, tried once).
 *
 * @throws {DedupeError} `E_INDEX_UNAVAILABLE`, naming the URL, when Redis cannot be reached.
 */
export async function connectIndex(spec: string): Promise<FeedIndex> {
  if (isRedis(spec)) return connectRedisIndex(spec)
  return openIndex(spec)
}
