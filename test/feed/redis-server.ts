import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { Redis } from 'ioredis'

const REDIS_SERVER = '/usr/bin/redis-server'

/** A Redis server for the tests: the one at `NEWS_DEDUP_REDIS_URL`, or one started here. */
export interface TestRedis {
  url: string
  stop(): Promise<void>
}

/**
 * Finds a Redis for the tests: `NEWS_DEDUP_REDIS_URL` when set, else a private
 * `redis-server` on 127.0.0.1 and a random port (no persistence). Returns `null` when
 * neither is possible outside CI; throws under `CI` so the tests fail rather than skip.
 */
export async function startTestRedis(): Promise<TestRedis | null> {
  const fromEnv = process.env.NEWS_DEDUP_REDIS_URL
  if (fromEnv) return { url: fromEnv, stop: async () => {} }
  if (!existsSync(REDIS_SERVER)) {
    if (process.env.CI) throw new Error(`CI: set NEWS_DEDUP_REDIS_URL or install ${REDIS_SERVER}`)
    return null
  }
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 40_000)
    const child = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    })
    const url = `redis://127.0.0.1:${port}`
    if (await ready(url, child)) {
      return {
        url,
        stop: () =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve()
            child.once('exit', () => resolve())
            child.kill('SIGTERM')
          }),
      }
    }
    if (child.exitCode === null) child.kill('SIGKILL')
  }
  if (process.env.CI) throw new Error('CI: could not start redis-server')
  return null
}

async function ready(url: string, child: ChildProcess): Promise<boolean> {
  for (let i = 0; i < 50; i++) {
    if (child.exitCode !== null) return false
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null })
    client.on('error', () => {})
    try {
      await client.connect()
      await client.ping()
      return true
    } catch {
      await new Promise((r) => setTimeout(r, 100))
    } finally {
      client.disconnect()
    }
  }
  return false
}
