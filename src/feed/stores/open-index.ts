import { createMemoryIndex } from './memory.js'
import { createRedisIndex } from './redis.js'
import { createSqliteIndex } from './sqlite.js'
import type { FeedIndex } from '../types.js'

/**
 * Opens an index from one string, as the CLI's `--index` takes it: `':memory:'` → memory,
 * `redis://…` / `rediss://…` → Redis, anything else → a SQLite file at that path.
 */
export function openIndex(spec: string): FeedIndex {
  if (spec === ':memory:') return createMemoryIndex()
  if (/^rediss?:\/\//i.test(spec)) return createRedisIndex(spec)
  return createSqliteIndex(spec)
}
