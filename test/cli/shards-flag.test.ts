import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { indexOptionsOfFlags } from '../../src/cli/feed-command.js'
import { jsonLines, runCli } from '../helpers/fake-io.js'
import { deleteKeys, REDIS_SKIP_REASON, startTestRedis, type TestRedis } from '../helpers/redis-server.js'

/** A database of its own: `feed` writes under the default prefix (`news-dedup:`), which this test deletes after. */
const DB = 12

let redis: TestRedis | null = null
beforeAll(async () => {
  redis = await startTestRedis()
})
afterAll(async () => {
  if (redis) await deleteKeys(onDb(redis.url), 'news-dedup:')
  await redis?.stop()
})

function onDb(url: string): string {
  const u = new URL(url)
  u.pathname = `/${DB}`
  return u.toString()
}

describe('--shards', () => {
  it('is given to the index as a number, absent when not given', () => {
    expect(indexOptionsOfFlags({ shards: '131072' })).toEqual({ create: true, shards: 131072 })
    expect(indexOptionsOfFlags({ 'existing-index': true })).toEqual({ create: false })
  })

  it('refuses what is not a shard count with exit code 2 before opening any index', async () => {
    for (const [value, code] of [['0', 'E_INVALID_OPTION'], ['1.5', 'E_INVALID_OPTION'], ['16777217', 'E_INVALID_OPTION'], ['many', 'E_USAGE']] as const) {
      // A Redis URL nothing listens on: had the index been opened first, this would be E_INDEX_UNAVAILABLE.
      const run = await runCli(['feed', '--index', 'redis://127.0.0.1:9/0', '--shards', value], [])
      expect(run.code).toBe(2)
      expect(run.stderr.split('\n')[0]).toMatch(new RegExp(`^news-dedup: ${code}: .*(shards|${value})`))
    }
    const worker = await runCli(['worker', '--queue', 'redis://127.0.0.1:9/0', '--index', 'redis://127.0.0.1:9/0', '--shards', '0'], [])
    expect(worker.code).toBe(2)
    expect(worker.stderr).toMatch(/^news-dedup: E_INVALID_OPTION: Invalid option shards: 0/)
  })

  it('creates a Redis index with that many shards', async (ctx) => {
    if (!redis) return ctx.skip(REDIS_SKIP_REASON)
    const url = onDb(redis.url)
    await deleteKeys(url, 'news-dedup:')
    const input = `${JSON.stringify({ id: 'a', text: 'One paragraph of a short article, long enough to be compared.' })}\n`
    const run = await runCli(['feed', '--index', url, '--shards', '8', '--workers', '1'], [input])
    expect(run.code).toBe(0)
    expect(jsonLines(run.stdout).map((line) => line.id)).toEqual(['a'])
    const admin = new Redis(url)
    try {
      expect(await admin.get('news-dedup:shards')).toBe('8')
    } finally {
      admin.disconnect()
    }
  })
})
