import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Redis } from 'ioredis'
import { connectRedisIndex, createRedisIndex } from '../../src/stores/redis.js'
import type { FeedIndex, IndexRecord } from '../../src/feed/types.js'
import { REDIS_SKIP_REASON, startTestRedis, type TestRedis } from '../helpers/redis-server.js'

/** The database of these tests: only their own connections use it, so only those get killed. */
const DB = 13

let redis: TestRedis | null = null
let admin: Redis | null = null
const opened: FeedIndex[] = []
beforeAll(async () => {
  redis = await startTestRedis()
  if (redis) admin = new Redis(onDb(redis.url, DB))
})
afterAll(async () => {
  for (const index of opened) await index.close()
  admin?.disconnect()
  await redis?.stop()
})

/** `url` with its database replaced by `db`. */
function onDb(url: string, db: number): string {
  const u = new URL(url)
  u.pathname = `/${db}`
  return u.toString()
}

function open(prefix: string): FeedIndex {
  const index = createRedisIndex(onDb(redis!.url, DB), { prefix })
  opened.push(index)
  return index
}

/** Kills every connection on the tests' database but the admin one, as a network blip would. */
async function killConnections(): Promise<void> {
  const list = (await admin!.client('LIST')) as string
  const self = Number(await admin!.client('ID'))
  for (const line of list.split('\n')) {
    const id = Number(/\bid=(\d+)/.exec(line)?.[1])
    if (/\bdb=(\d+)/.exec(line)?.[1] === String(DB) && id !== self) await admin!.client('KILL', 'ID', String(id))
  }
  await new Promise((r) => setTimeout(r, 200)) // ioredis reconnects meanwhile, silently
}

const record = (id: string, time: number, extra: Partial<IndexRecord> = {}): IndexRecord => ({
  id,
  time,
  site: null,
  result: JSON.stringify({ id }),
  of: null,
  paragraphs: [{ index: 0, shingles: Uint32Array.from([1, 2, 3]) }],
  bands: [],
  fingerprints: [],
  ...extra,
})

/** A fingerprint's count for a site, as a fresh session of the index reads it. */
async function siteCount(prefix: string, fp: string, site: string): Promise<number> {
  const session = await open(prefix).begin('count-reader')
  const [info] = await session.fingerprints([fp], site)
  await session.release()
  return info!.siteCount
}

describe('redis commit across a reconnect', () => {
  it('refuses a commit when its connection was killed and another worker wrote into a bucket it read', async (ctx) => {
    if (!redis) return ctx.skip(REDIS_SKIP_REASON)
    const prefix = redis.prefix('kill', onDb(redis.url, DB))
    const p = open(prefix)
    const s = await p.begin('p')
    expect(await s.candidates([7, 8])).toEqual([])
    await killConnections()
    const q = open(prefix)
    const t = await q.begin('q')
    expect(await t.candidates([7, 9])).toEqual([])
    expect(await t.commit(record('q', 1, { bands: [7, 9] }))).toBe(true)
    expect(await s.commit(record('p', 2, { bands: [7, 8] }))).toBe(false)
    // Read back through a session of its own: the bucket holds q alone, and p was not recorded.
    const look = await open(prefix).begin('look')
    expect(await look.candidates([7])).toEqual(['q'])
    expect(await look.articles(['p', 'q'])).toMatchObject([{ id: 'q' }])
    await look.release()
    expect(await q.size()).toBe(1)
    // Judged again, p sees q and records.
    const again = await p.begin('p')
    expect(await again.candidates([7, 8])).toEqual(['q'])
    expect(await again.commit(record('p', 2, { bands: [7, 8] }))).toBe(true)
  })

  it('still commits after a reconnect when nothing it read has changed', async (ctx) => {
    if (!redis) return ctx.skip(REDIS_SKIP_REASON)
    const prefix = redis.prefix('blip', onDb(redis.url, DB))
    const p = open(prefix)
    const s = await p.begin('p')
    expect(await s.fingerprints(['ffff'], 'a.example')).toEqual([{ first: null, siteCount: 0 }])
    expect(await s.candidates([3])).toEqual([])
    await killConnections()
    const r = record('p', 5, { site: 'a.example', bands: [3], fingerprints: [{ fingerprint: 'ffff', paragraph: 0 }] })
    expect(await s.commit(r)).toBe(true)
    expect(await p.size()).toBe(1)
    expect(await siteCount(prefix, 'ffff', 'a.example')).toBe(1)
    expect(await admin!.get(`${prefix}clock`)).toBe('5')
  })
})

describe('redis commit and what it read', () => {
  it('refuses a commit when a site count it read changed (boilerplate is judged on it)', async (ctx) => {
    if (!redis) return ctx.skip(REDIS_SKIP_REASON)
    const prefix = redis.prefix('count', onDb(redis.url, DB))
    const one = open(prefix)
    const two = open(prefix)
    const fp = [{ fingerprint: 'cafe', paragraph: 0 }]
    const seed = await one.begin('a')
    await seed.fingerprints(['cafe'], 'x.example')
    expect(await seed.commit(record('a', 1, { site: 'x.example', fingerprints: fp, bands: [1] }))).toBe(true)
    // p and q, both of site y, read the paragraph's first occurrence (a) and y's count (0).
    const p = await one.begin('p')
    const q = await two.begin('q')
    const first = { first: { article: 'a', paragraph: 0 }, siteCount: 0 }
    expect(await p.fingerprints(['cafe'], 'y.example')).toEqual([first])
    expect(await q.fingerprints(['cafe'], 'y.example')).toEqual([first])
    expect(await q.commit(record('q', 2, { site: 'y.example', fingerprints: fp, bands: [2] }))).toBe(true)
    expect(await p.commit(record('p', 3, { site: 'y.example', fingerprints: fp, bands: [3] }))).toBe(false)
    expect(await siteCount(prefix, 'cafe', 'y.example')).toBe(1)
    const again = await one.begin('p')
    expect(await again.fingerprints(['cafe'], 'y.example')).toEqual([{ ...first, siteCount: 1 }])
    expect(await again.commit(record('p', 3, { site: 'y.example', fingerprints: fp, bands: [3] }))).toBe(true)
    expect(await siteCount(prefix, 'cafe', 'y.example')).toBe(2)
    expect(await admin!.get(`${prefix}clock`)).toBe('3')
  })

  it('refuses a commit when the same id was recorded meanwhile', async (ctx) => {
    if (!redis) return ctx.skip(REDIS_SKIP_REASON)
    const prefix = redis.prefix('same', onDb(redis.url, DB))
    const s1 = await open(prefix).begin('x')
    const s2 = await open(prefix).begin('x')
    expect(await s1.commit(record('x', 1))).toBe(true)
    expect(await s2.commit(record('x', 1))).toBe(false)
    expect(await admin!.zcard(`${prefix}t`)).toBe(1)
  })
})

describe('redis index layout', () => {
  it('refuses an index written in layout 1 (an identity and no layout key) with E_INDEX_UNAVAILABLE, leaving it untouched', async (ctx) => {
    if (!redis) return ctx.skip(REDIS_SKIP_REASON)
    const prefix = redis.prefix('layout1', onDb(redis.url, DB))
    await admin!.set(`${prefix}epoch`, 'an-old-identity')
    await admin!.rpush(`${prefix}b:0:7`, '1\told')
    const error = await connectRedisIndex(onDb(redis.url, DB), { prefix }).then(() => null, (e: unknown) => e)
    expect(error).toMatchObject({ name: 'DedupeError', code: 'E_INDEX_UNAVAILABLE' })
    expect(String((error as Error).message)).toMatch(/layout 1 .*another prefix/)
    expect(await admin!.get(`${prefix}layout`)).toBeNull()
    expect(await admin!.lrange(`${prefix}b:0:7`, 0, -1)).toEqual(['1\told'])
  })

  it('keeps the shard count it was created with: a worker asking for another one reads and writes the same hashes', async (ctx) => {
    if (!redis) return ctx.skip(REDIS_SKIP_REASON)
    const prefix = redis.prefix('shards', onDb(redis.url, DB))
    const first = createRedisIndex(onDb(redis.url, DB), { prefix, shards: 8 })
    opened.push(first)
    const s = await first.begin('a')
    expect(await s.commit(record('a', 1, { bands: [5, 6] }))).toBe(true)
    const second = createRedisIndex(onDb(redis.url, DB), { prefix, shards: 4096 })
    opened.push(second)
    const t = await second.begin('b')
    expect(await t.candidates([5, 0])).toEqual(['a'])
    await t.release()
    expect(await admin!.get(`${prefix}shards`)).toBe('8')
  })
})

describe('redis session begun with a hint (its reads fetched in one script)', () => {
  it('serves what a session without a hint reads, and its commit still checks every value it was served', async (ctx) => {
    if (!redis) return ctx.skip(REDIS_SKIP_REASON)
    const prefix = redis.prefix('hint', onDb(redis.url, DB))
    const index = open(prefix)
    const fp = 'c0ffee00c0ffee00'
    const seed = await index.begin('a')
    await seed.fingerprints([fp], 's.example')
    await seed.candidates([11, 12])
    expect(await seed.commit(record('a', 1, { site: 's.example', bands: [11, 12], fingerprints: [{ fingerprint: fp, paragraph: 0 }] }))).toBe(true)
    const hint = () => ({ fingerprints: [fp, 'ffff'], site: 's.example', bands: [11, 40] })
    const hinted = await index.begin('p', hint)
    const plain = await open(prefix).begin('q')
    for (const s of [hinted, plain]) {
      expect(s.stored).toBeNull()
      expect(s.clock).toBe(1)
      expect(await s.fingerprints([fp, 'ffff'], 's.example')).toEqual([{ first: { article: 'a', paragraph: 0 }, siteCount: 1 }, { first: null, siteCount: 0 }])
      expect(await s.candidates([11, 40])).toEqual(['a'])
      expect(await s.articles(['a'])).toMatchObject([{ id: 'a', site: 's.example', of: null }])
    }
    // The plain session records into bucket 40 of band 1, which the hinted one was served empty.
    expect(await plain.commit(record('q', 2, { bands: [13, 40] }))).toBe(true)
    expect(await hinted.commit(record('p', 3, { bands: [11, 40] }))).toBe(false)
    // Judged again with the same hint, it is served the bucket as it is now.
    const again = await index.begin('p', hint)
    expect(await again.candidates([11, 40])).toEqual(['a', 'q'])
    expect(await again.commit(record('p', 3, { bands: [11, 40] }))).toBe(true)
  })

  it('reads now what the hint did not foresee (another band, another site), and returns the verdict alone when there is one', async (ctx) => {
    if (!redis) return ctx.skip(REDIS_SKIP_REASON)
    const prefix = redis.prefix('unforeseen', onDb(redis.url, DB))
    const index = open(prefix)
    const hinted = await index.begin('p', () => ({ fingerprints: ['beef'], site: 's.example', bands: [21, 22] }))
    // Recorded after the hinted session began: in band 0's bucket 23, which the hint did not name.
    const other = await open(prefix).begin('q')
    expect(await other.fingerprints(['beef'], 't.example')).toEqual([{ first: null, siteCount: 0 }])
    expect(await other.commit(record('q', 1, { site: 't.example', bands: [23, 24], fingerprints: [{ fingerprint: 'beef', paragraph: 0 }] }))).toBe(true)
    expect(await hinted.candidates([23, 22])).toEqual(['q'])
    // Another site than the hint's: read now, so q's count for t.example is seen.
    expect(await hinted.fingerprints(['beef'], 't.example')).toEqual([{ first: { article: 'q', paragraph: 0 }, siteCount: 1 }])
    await hinted.release()
    const replay = await index.begin('q', () => ({ fingerprints: ['beef'], site: 't.example', bands: [23, 24] }))
    expect(replay.stored).toBe(JSON.stringify({ id: 'q' }))
    await replay.release()
  })
})
