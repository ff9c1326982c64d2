import { createServer, type Server } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main.js'
import { fakeIo } from '../helpers/fake-io.js'

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const { io, stdout, stderr } = fakeIo()
  const code = await main(argv, io)
  return { code, out: stdout.text, err: stderr.text }
}

// A port where a TCP server accepts and then closes every connection: no Redis answers there.
let closed: Server
let port = 0
beforeAll(async () => {
  closed = createServer((socket) => socket.destroy())
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
  port = (closed.address() as { port: number }).port
})
afterAll(() => new Promise<void>((resolve) => closed.close(() => resolve())))

describe('queue commands: usage', () => {
  it('need --queue, a redis:// URL, and (worker) a Redis --index: E_USAGE, exit code 2', async () => {
    const missing = await cli(['enqueue', 'feed.jsonl'])
    expect(missing.code).toBe(2)
    expect(missing.err).toContain('E_USAGE: Expected --queue redis://')
    const notRedis = await cli(['results', '--queue', 'http://localhost'])
    expect(notRedis.code).toBe(2)
    expect(notRedis.err).toContain('Expected --queue to be a redis:// or rediss:// URL, not `http://localhost`')
    const sqlite = await cli(['worker', '--queue', 'redis://127.0.0.1:1/0', '--index', './seen.db'])
    expect(sqlite.code).toBe(2)
    expect(sqlite.err).toContain('the workers of a pool share one Redis index')
    const idle = await cli(['worker', '--queue', 'redis://127.0.0.1:1/0', '--index', 'redis://127.0.0.1:1/0', '--min-idle', '1.5'])
    expect(idle.code).toBe(2)
    expect(idle.err).toContain('Expected --min-idle to be a whole number ≥ 1, not `1.5`')
  })

  it('worker checks its feed options, --ttl included, before it reaches the index (as feed does)', async () => {
    const ttl = await cli(['worker', '--queue', `redis://127.0.0.1:${port}/0`, '--index', `redis://127.0.0.1:${port}/0`, '--ttl', 'soon'])
    expect(ttl.code).toBe(2)
    expect(ttl.err).toMatch(/^news-dedup: E_INVALID_OPTION: .*soon/)
  })

  it('a queue no Redis answers at is E_QUEUE_UNAVAILABLE, naming the URL without its password, exit code 2', async () => {
    const { code, err } = await cli(['results', '--queue', `redis://:secret@127.0.0.1:${port}/0`])
    expect(code).toBe(2)
    expect(err).toMatch(new RegExp(`^news-dedup: E_QUEUE_UNAVAILABLE: Cannot use the Redis queue at redis://:\\*\\*\\*@127\\.0\\.0\\.1:${port}/0`))
    expect(err).not.toContain('secret')
  })

  it('have generated help listing their flags, and the main help lists them', async () => {
    for (const [command, flag] of [['enqueue', '--stream NAME'], ['worker', '--min-idle MS'], ['results', '--delete']] as const) {
      const { code, out } = await cli([command, '--help'])
      expect(code).toBe(0)
      expect(out).toContain(flag)
    }
    expect((await cli(['--help'])).out).toMatch(/enqueue .*\n.*\n\s+worker --queue/)
  })
})
