import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Redis } from 'ioredis'

/** A redis-server of one test file's own, for tests that empty or restart it (FLUSHALL, SHUTDOWN). */
export interface OwnRedis {
  url: string
  /** A client on it, for the test's own commands. */
  client: Redis
  /** Stops the server without saving and starts it again on the same port: a restart without persistence. */
  restart(): Promise<void>
  stop(): Promise<void>
}

/** Why such tests are skipped outside CI without `redis-server` on the PATH. */
export const OWN_REDIS_SKIP_REASON = 'redis-server is not on the PATH: tests that empty their own Redis are skipped'

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })

async function answering(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null })
    probe.on('error', () => {})
    try {
      await probe.connect()
      await probe.ping()
      return
    } catch {
      await new Promise((r) => setTimeout(r, 50))
    } finally {
      probe.disconnect()
    }
  }
  throw new Error(`redis-server at ${url} did not answer`)
}

/**
 * Starts a redis-server on a free loopback port, without persistence (`--save ''`,
 * `--appendonly no`), so that emptying it cannot disturb the server other test files share.
 * Returns `null` when there is no `redis-server` binary, except under `CI`, where that throws.
 */
export async function startOwnRedis(): Promise<OwnRedis | null> {
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    if (process.env.CI) throw new Error('CI: redis-server must be on the PATH (.ci/run installs it)')
    console.warn(OWN_REDIS_SKIP_REASON)
    return null
  }
  const port = await freePort()
  const dir = mkdtempSync(join(tmpdir(), 'own-redis-'))
  const url = `redis://127.0.0.1:${port}/0`
  let server: ChildProcess | null = null
  const start = async (): Promise<void> => {
    server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' })
    await answering(url)
  }
  const halt = async (): Promise<void> => {
    const running = server
    if (!running || running.exitCode !== null) return
    const exited = new Promise((r) => running.once('exit', r))
    running.kill('SIGTERM')
    await exited
  }
  await start()
  const client = new Redis(url, { maxRetriesPerRequest: 3 })
  client.on('error', () => {})
  return {
    url,
    client,
    async restart() {
      await halt()
      await start()
    },
    async stop() {
      client.disconnect()
      await halt()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
