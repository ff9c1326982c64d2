import { Redis } from 'ioredis'

/** Why the Redis tests are skipped outside CI when no server is given. */
export const REDIS_SKIP_REASON = 'NEWS_DEDUP_REDIS_URL is not set: Redis tests skipped (set it to a redis:// URL to run them)'

/** The Redis server of the tests: the one at `NEWS_DEDUP_REDIS_URL` (never one started here). */
export interface TestRedis {
  url: string
  /**
   * A key prefix of its own for one test (`news-dedup-test:LABEL:PID-N:`), on the database of
   * `url` (default: the server's URL); {@link stop} deletes every key under it.
   */
  prefix(label: string, url?: string): string
  /** Deletes the keys of every prefix handed out, so a run leaves the server as it found it. */
  stop(): Promise<void>
}

let handedOut = 0

/** Deletes every key starting with `prefix` on the database of `url` (SCAN, then UNLINK in batches). */
export async function deleteKeys(url: string, prefix: string): Promise<number> {
  const client = new Redis(url, { maxRetriesPerRequest: 1 })
  client.on('error', () => {})
  // Glob characters in the prefix would widen the match: escape them.
  const pattern = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`
  let deleted = 0
  try {
    let cursor = '0'
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 1000)
      cursor = next
      if (keys.length > 0) deleted += await client.unlink(...keys)
    } while (cursor !== '0')
  } finally {
    client.disconnect()
  }
  return deleted
}

let warned = false

/**
 * The Redis for the tests, from `NEWS_DEDUP_REDIS_URL` (`.ci/run` starts one and exports
 * it). Without the variable: throws under `CI`, so the tests fail rather than skip; elsewhere
 * returns `null` (the tests skip, with {@link REDIS_SKIP_REASON} printed once). Throws when
 * the variable is set but no server answers there.
 */
export async function startTestRedis(): Promise<TestRedis | null> {
  const url = process.env.NEWS_DEDUP_REDIS_URL
  if (!url) {
    if (process.env.CI) throw new Error('CI: NEWS_DEDUP_REDIS_URL must name the Redis server of the tests (.ci/run exports it)')
    if (!warned) console.warn(REDIS_SKIP_REASON)
    warned = true
    return null
  }
  await ping(url)
  const prefixes: Array<[string, string]> = []
  return {
    url,
    prefix(label, on = url) {
      const prefix = `news-dedup-test:${label}:${process.pid}-${++handedOut}:`
      prefixes.push([on, prefix])
      return prefix
    },
    async stop() {
      for (const [on, prefix] of prefixes.splice(0)) await deleteKeys(on, prefix)
    },
  }
}

/** Checks that a server answers at `url`, trying once for at most 2 s. */
async function ping(url: string): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 0, retryStrategy: () => null })
  client.on('error', () => {})
  try {
    await client.connect()
    await client.ping()
  } catch (error) {
    throw new Error(`NEWS_DEDUP_REDIS_URL=${url}: no Redis answers there (${(error as Error).message})`)
  } finally {
    client.disconnect()
  }
}
