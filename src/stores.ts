/**
 * `news-dedup/stores`: the persistent index stores of the feed deduplicator. Node-only
 * (better-sqlite3, ioredis), so they live behind their own entry point and the main entry
 * stays free of native modules.
 */
export { createSqliteIndex, type SqliteIndexOptions } from './stores/sqlite.js'
export { connectRedisIndex, createRedisIndex, type RedisIndexOptions } from './stores/redis.js'
export { connectIndex, openIndex, type OpenIndexOptions } from './stores/open-index.js'
