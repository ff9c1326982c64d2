import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runFeed } from '../../src/cli/feed-command.js'
import { DedupeError } from '../../src/errors.js'
import { createDeduplicator } from '../../src/feed/create-deduplicator.js'
import { connectRedisIndex } from '../../src/stores/redis.js'
import { seeded, story, vocabulary } from '../feed/fixtures.js'
import { fakeIo, jsonLines } from '../helpers/fake-io.js'
import { startOwnRedis, type OwnRedis } from '../helpers/own-redis-server.js'

let redis: OwnRedis | null = null
beforeAll(async () => {
  redis = await startOwnRedis()
})
afterAll(async () => {
  await redis?.stop()
})

const rand = seeded(91)
const common = vocabulary(500, rand)
const topic = vocabulary(50, rand)
const stories = Array.from({ length: 6 }, () => story(rand, common, topic, 3).join('\n\n'))
const lostCode = async (promise: Promise<unknown>): Promise<string | null> => {
  try {
    await promise
    return null
  } catch (error) {
    return error instanceof DedupeError ? error.code : `not a DedupeError: ${String(error)}`
  }
}

describe('a Redis index emptied or replaced under a worker', () => {
  it('FLUSHALL: every later add fails with E_INDEX_LOST, until the index is opened again on purpose', async (ctx) => {
    if (!redis) return ctx.skip()
    const prefix = 'flush:'
    const dedup = createDeduplicator({ index: await connectRedisIndex(redis.url, { prefix }) })
    expect((await dedup.add({ id: 'a', site: 's', text: stories[0] })).duplicate).toBeNull()
    expect((await dedup.add({ id: 'b', site: 't', text: stories[0] })).duplicate?.of).toBe('a')
    await redis.client.flushall()
    // The copy of a story it judged before, and a story it never saw: neither is judged against the empty index.
    expect(await lostCode(dedup.add({ id: 'c', site: 'u', text: stories[0] }))).toBe('E_INDEX_LOST')
    expect(await lostCode(dedup.add({ id: 'd', site: 'u', text: stories[1] }))).toBe('E_INDEX_LOST')
    // Re-adding an id it judged before does not serve anything from the emptied index either.
    expect(await lostCode(dedup.add({ id: 'a', site: 's', text: stories[0] }))).toBe('E_INDEX_LOST')
    await dedup.close()
    // Nothing was written to the emptied index.
    expect(await redis.client.keys(`${prefix}*`)).toEqual([])
    // A worker that must not start over refuses the emptied index…
    expect(await lostCode(connectRedisIndex(redis.url, { prefix, create: false }))).toBe('E_INDEX_LOST')
    // …until the operator opens it with create (the default): a new, empty index.
    const again = createDeduplicator({ index: await connectRedisIndex(redis.url, { prefix }) })
    expect((await again.add({ id: 'c', site: 'u', text: stories[0] })).duplicate).toBeNull()
    await again.close()
  })

  it('a restart without persistence, and an index rolled back, are lost too', async (ctx) => {
    if (!redis) return ctx.skip()
    const index = await connectRedisIndex(redis.url, { prefix: 'restart:' })
    const dedup = createDeduplicator({ index })
    await dedup.add({ id: 'a', text: stories[2] })
    await redis.restart()
    expect(await lostCode(dedup.add({ id: 'b', text: stories[3] }))).toBe('E_INDEX_LOST')
    await dedup.close()

    // Same identity, fewer articles than this worker saw (a failover to a lagging replica, an old snapshot).
    const rolled = createDeduplicator({ index: await connectRedisIndex(redis.url, { prefix: 'rollback:' }) })
    await rolled.add({ id: 'a', text: stories[2] })
    await rolled.add({ id: 'b', text: stories[3] })
    await redis.client.set('rollback:seq', '1')
    expect(await lostCode(rolled.add({ id: 'c', text: stories[4] }))).toBe('E_INDEX_LOST')
    await rolled.close()
  })

  it('the CLI stops at the first record it cannot judge and exits 2', async (ctx) => {
    if (!redis) return ctx.skip()
    const own = redis
    // Standard input that empties the server once the first two records were judged and written
    // (with --workers, records read are staged in threads and judged a little later).
    async function* stdin(): AsyncGenerator<Buffer> {
      for (let i = 0; i < 5; i++) {
        if (i === 2) {
          while (jsonLines(fake.stdout.text).length < 2) await new Promise((r) => setTimeout(r, 20))
          await own.client.flushall()
        }
        yield Buffer.from(JSON.stringify({ id: `n${i}`, site: 's', text: stories[i] }) + '\n')
        await new Promise((r) => setTimeout(r, 50))
      }
    }
    const fake = fakeIo(stdin())
    const code = await runFeed(['-', '--index', `${own.url}`], fake.io)
    const lines = jsonLines(fake.stdout.text)
    expect(code).toBe(2)
    expect(lines.slice(0, 2).map((l) => [l.id, l.duplicate])).toEqual([['n0', null], ['n1', null]])
    expect(lines.slice(2)).toEqual([{ id: 'n2', line: 3, source: '-:3', error: { code: 'E_INDEX_LOST', message: expect.stringContaining('was emptied') } }])
    expect(fake.stderr.text).toMatch(/news-dedup feed: E_INDEX_LOST: The Redis index at redis:\/\/127\.0\.0\.1:\d+\/0 .* was emptied/)
    // --existing-index refuses the emptied index before reading anything.
    const refused = await runFeed(['-', '--index', own.url, '--existing-index'], fakeIo(stdin()).io)
    expect(refused).toBe(2)
  })
})
