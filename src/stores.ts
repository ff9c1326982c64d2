/**
 * `news-dedup/stores`: the persistent index stores of the feed deduplicator. Node-only
 * (better-sqlite3, ioredis), so they live behind their own entry point and the main entry
 * stays free of native modules.
 */
export { createSqliteIndex, type SqliteIndexOptions } from './feed/stores/sqlite.js'
export { connectRedisIndex, createRedisIndex, type RedisIndexOptions } from './feed/stores/redis.js'
export { connectIndex, openIndex } from './feed/stores/open-index.js'
