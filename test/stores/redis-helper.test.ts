import { afterEach, describe, expect, it, vi } from 'vitest'
import { Redis } from 'ioredis'
import { REDIS_SKIP_REASON, startTestRedis } from '../helpers/redis-server.js'

const saved = { url: process.env.NEWS_DEDUP_REDIS_URL, ci: process.env.CI }

/** Sets (or, with `undefined`, removes) an environment variable. */
function setEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name]
  else process.env[name] = value
}

afterEach(() => {
  setEnv('NEWS_DEDUP_REDIS_URL', saved.url)
  setEnv('CI', saved.ci)
  vi.restoreAllMocks()
})

describe('the Redis test helper', () => {
  it('fails under CI when NEWS_DEDUP_REDIS_URL is missing, starting no server', async () => {
    setEnv('NEWS_DEDUP_REDIS_URL', undefined)
    setEnv('CI', 'true')
    await expect(startTestRedis()).rejects.toThrow(/NEWS_DEDUP_REDIS_URL/)
  })

  it('outside CI, without the variable, skips with a reason', async () => {
    setEnv('NEWS_DEDUP_REDIS_URL', undefined)
    setEnv('CI', undefined)
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    expect(await startTestRedis()).toBeNull()
    expect(REDIS_SKIP_REASON).toMatch(/NEWS_DEDUP_REDIS_URL is not set/)
  })

  it('stop() deletes the keys under every prefix it handed out, and only those', async (ctx) => {
    if (!saved.url) return ctx.skip(REDIS_SKIP_REASON)
    const redis = (await startTestRedis())!
    const client = new Redis(redis.url)
    const mine = redis.prefix('helper')
    const other = `${mine.slice(0, -1)}x:` // shares the start of the prefix, not the prefix
    try {
      await client.set(`${mine}a`, '1')
      await client.set(`${mine}b:c`, '2')
      await client.set(`${other}kept`, '3')
      await redis.stop()
      expect(await client.exists(`${mine}a`, `${mine}b:c`)).toBe(0)
      expect(await client.get(`${other}kept`)).toBe('3')
    } finally {
      await client.del(`${other}kept`)
      client.disconnect()
    }
  })

  it('uses the server the variable names', async (ctx) => {
    if (!saved.url) return ctx.skip(REDIS_SKIP_REASON)
    const redis = await startTestRedis()
    expect(redis?.url).toBe(saved.url)
    await redis?.stop()
  })
})
