import { createServer, type Server, type Socket } from 'node:net'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { DedupeError } from '../../src/errors.js'
import { createDeduplicator } from '../../src/feed/create-deduplicator.js'
import { connectIndex, openIndex } from '../../src/stores/open-index.js'
import { connectRedisIndex } from '../../src/stores/redis.js'

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** A server that accepts connections and never answers. */
async function silentServer(): Promise<{ port: number; server: Server; sockets: Socket[] }> {
  const sockets: Socket[] = []
  const server = createServer((socket) => sockets.push(socket))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { port: (server.address() as { port: number }).port, server, sockets }
}

afterEach(() => vi.restoreAllMocks())

/** Whether ioredis printed an unhandled 'error' event. */
const ioredisNoise = (spy: { mock: { calls: unknown[][] } }) => spy.mock.calls.some((c) => String(c[0]).includes('[ioredis]'))

describe('an unreachable Redis index', () => {
  it('fails to open at once with E_INDEX_UNAVAILABLE naming the URL', async () => {
    const url = `redis://127.0.0.1:${await closedPort()}/0`
    const spy = vi.spyOn(console, 'error')
    // A client that retried the first connection would never settle: the test's timeout catches
    // that, not a wall-clock bound (which a loaded machine crosses).
    const error = await connectIndex(url).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DedupeError)
    expect(error).toMatchObject({ code: 'E_INDEX_UNAVAILABLE' })
    expect((error as Error).message).toContain(url)
    expect((error as Error).message).toMatch(/ECONNREFUSED/)
    await new Promise((r) => setTimeout(r, 300))
    expect(ioredisNoise(spy)).toBe(false)
  })

  it('hides the password in the message', async () => {
    const error = await connectIndex(`redis://:s3cret@127.0.0.1:${await closedPort()}/0`).catch((e: unknown) => e)
    expect((error as Error).message).not.toContain('s3cret')
    expect((error as Error).message).toContain(':***@127.0.0.1')
  })

  it('gives up on a server that never answers after connectTimeout', async () => {
    const { port, server, sockets } = await silentServer()
    try {
      const started = Date.now()
      const error = await connectRedisIndex(`redis://127.0.0.1:${port}`, { connectTimeout: 300 }).catch((e: unknown) => e)
      expect(Date.now() - started).toBeLessThan(1500)
      expect(error).toMatchObject({ code: 'E_INDEX_UNAVAILABLE' })
      expect((error as Error).message).toContain(`redis://127.0.0.1:${port}`)
    } finally {
      for (const socket of sockets) socket.destroy()
      server.close()
    }
  })

  it('opened without waiting, rejects every article quickly with the typed error and no ioredis noise', async () => {
    const url = `redis://127.0.0.1:${await closedPort()}/0`
    const spy = vi.spyOn(console, 'error')
    const dedup = createDeduplicator({ index: openIndex(url) })
    // Rejected, not queued until a reconnect that never comes (that would hang past the test's
    // timeout). No wall-clock bound: the first article also loads clean() and the language model.
    for (let i = 0; i < 3; i++) {
      const error = await dedup.add({ id: `a${i}`, text: 'A paragraph long enough to be one.' }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(DedupeError)
      expect(error).toMatchObject({ code: 'E_INDEX_UNAVAILABLE' })
    }
    await dedup.close()
    expect(ioredisNoise(spy)).toBe(false)
  })
})
