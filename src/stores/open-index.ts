import { createMemoryIndex } from './memory.js'
import { connectRedisIndex, createRedisIndex } from './redis.js'
import { createSqliteIndex } from './sqlite.js'
import type { FeedIndex } from '../feed/types.js'

/** Options of {@link openIndex} and {@link connectIndex}. */
export interface OpenIndexOptions {
  /**
   * Redis: whether an index without identity (new, or emptied) is created; see
   * `RedisIndexOptions.create`. Ignored by the other stores. @default true
   */
  create?: boolean
  /**
   * Redis: the number of hashes each table is spread over, when the index is created (an
   * existing one keeps its own); see `RedisIndexOptions.shards`. Ignored by the other stores.
   * @default 1024
   */
  shards?: number
}

/** Whether an `--index` spec names a Redis server. */
const isRedis = (spec: string): boolean => /^rediss?:\/\//i.test(spec)

/**
 * Opens an index from one string, as the CLI's `--index` takes it: `':memory:'` → memory,
 * `redis://…` / `rediss://…` → Redis, anything else → a SQLite file at that path.
 * A Redis index connects in the background: if it cannot, its calls reject with
 * `E_INDEX_UNAVAILABLE`. {@link connectIndex} finds that out before the first article.
 */
export function openIndex(spec: string, options: OpenIndexOptions = {}): FeedIndex {
  if (spec === ':memory:') return createMemoryIndex()
  if (isRedis(spec)) return createRedisIndex(spec, options)
  return createSqliteIndex(spec)
}

/**
 * {@link openIndex}, resolved once the index is usable: for Redis, once the first connection
 * is up (bounded in time, tried once).
 *
 * @throws {DedupeError} `E_INDEX_UNAVAILABLE`, naming the URL, when Redis cannot be reached;
 *   `E_INDEX_LOST` when `create` is `false` and the Redis index has no identity.
 */
export async function connectIndex(spec: string, options: OpenIndexOptions = {}): Promise<FeedIndex> {
  if (isRedis(spec)) return connectRedisIndex(spec, options)
  return openIndex(spec, options)
}
