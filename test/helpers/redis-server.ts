import { Redis } from 'ioredis'

/** Why the Redis tests are skipped outside CI when no server is given. */
export const REDIS_SKIP_REASON = 'NEWS_DEDUP_REDIS_URL is not set: Redis tests skipped (set it to a redis:// URL to run them)'

/** The Redis server of the tests: the one at `NEWS_DEDUP_REDIS_URL` (never one started here). */
export interface TestRedis {
  url: string
  stop(): Promise<void>
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
  return { url, stop: async () => {} }
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
