import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main.js'
import { fakeIo } from '../helpers/fake-io.js'
import { startOwnRedis, type OwnRedis } from '../helpers/own-redis-server.js'

// A server of this file's own: the test stops it under a running worker.
let own: OwnRedis | null = null
beforeAll(async () => {
  own = await startOwnRedis()
})
afterAll(async () => {
  await own?.stop()
})

describe('a worker whose Redis goes away', () => {
  it('stops with a clear E_QUEUE_UNAVAILABLE (or E_INDEX_UNAVAILABLE) message and exit code 2, not an internal error', async (ctx) => {
    if (!own) return ctx.skip()
    const { io, stderr } = fakeIo()
    const running = main(['worker', '--queue', own.url, '--index', own.url, '--block', '100'], io)
    // Once the worker is reading (its consumer group exists), the server stops.
    for (let i = 0; i < 200 && (await own.client.exists('news-dedup-queue:articles')) === 0; i++) await new Promise((r) => setTimeout(r, 25))
    await own.stop()
    own = null
    expect(await running).toBe(2)
    expect(stderr.text).toMatch(/^news-dedup: E_(QUEUE|INDEX)_UNAVAILABLE: Cannot use the Redis (queue|index) at redis:\/\/127\.0\.0\.1:\d+\/0/m)
  }, 30_000)
})
