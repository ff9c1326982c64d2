import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDeduplicator } from '../../src/feed/create-deduplicator.js'
import { createSqliteIndex } from '../../src/stores/sqlite.js'
import type { FeedResult } from '../../src/feed/types.js'
import { makeFeed, type TestArticle } from './fixtures.js'
import { startTestRedis, type TestRedis } from '../helpers/redis-server.js'

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url))
let redis: TestRedis | null = null
let dir = ''
beforeAll(async () => {
  redis = await startTestRedis()
  dir = mkdtempSync(join(tmpdir(), 'feed-workers-'))
})
afterAll(async () => {
  await redis?.stop()
  rmSync(dir, { recursive: true, force: true })
})

function worker(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, ...args], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } })
  let stderr = ''
  child.stderr.on('data', (d) => (stderr += d))
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  )
  return { child, done, stderr: () => stderr }
}

const readResults = (path: string): FeedResult[] =>
  existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as FeedResult) : []
const writeJsonl = (path: string, articles: TestArticle[]) =>
  writeFileSync(path, articles.map((a) => JSON.stringify(a)).join('\n') + '\n')
const storyOf = (id: string) => id.split('-')[0]

describe('worker processes', () => {
  it('a worker killed with SIGKILL and restarted on the same SQLite index loses nothing and keeps nothing twice', async () => {
    const feed = makeFeed(20, 11) // 80 articles
    const input = join(dir, 'kill-in.jsonl')
    const db = join(dir, 'kill.db')
    writeJsonl(input, feed)
    const out1 = join(dir, 'kill-out1.jsonl')
    const first = worker([db, input, out1, '15'])
    while (readResults(out1).length < 25) await new Promise((r) => setTimeout(r, 20))
    first.child.kill('SIGKILL')
    expect((await first.done).signal).toBe('SIGKILL')
    const killedAfter = readResults(out1).length
    expect(killedAfter).toBeLessThan(feed.length)

    const out2 = join(dir, 'kill-out2.jsonl')
    const second = worker([db, input, out2])
    expect((await second.done).code, second.stderr()).toBe(0)
    const results = readResults(out2)
    expect(results.map((r) => r.id)).toEqual(feed.map((a) => a.id))
    // Exactly one original per story, and the same output as one uninterrupted run.
    const originals = results.filter((r) => r.duplicate === null).map((r) => storyOf(r.id))
    expect(originals).toEqual([...new Set(originals)])
    expect(originals).toHaveLength(20)
    const dedup = createDeduplicator()
    const once: FeedResult[] = []
    for await (const r of dedup.run(feed)) once.push(r)
    expect(JSON.stringify(results)).toBe(JSON.stringify(once))
    // What the killed run printed agrees with the index.
    expect(readResults(out1)).toEqual(results.slice(0, killedAfter))
    const index = createSqliteIndex(db)
    expect(await index.size()).toBe(feed.length)
    await index.close()
  }, 30_000)

  it('two workers on one Redis index, fed overlapping copies at the same moment, keep exactly one article per story', async (ctx) => {
    if (!redis) return ctx.skip()
    const feed = makeFeed(30, 12) // story i: s{i}-0 … s{i}-3
    // Same position, same story, different ids: worker one gets copies 0 and 1, worker two
    // copy 0 under another id ("…-0b") and copy 2; copy 3 goes to both (same id).
    const one = feed.filter((a) => /-(0|1|3)$/.test(a.id))
    const two = feed.filter((a) => /-(0|2|3)$/.test(a.id)).map((a) => (a.id.endsWith('-0') ? { ...a, id: a.id + 'b' } : a))
    const spec = redis.url
    // The workers' keys under a prefix of this test's, deleted after the run.
    const env = { NEWS_DEDUP_TEST_PREFIX: redis.prefix('workers') }
    const inputs = [join(dir, 'r1.jsonl'), join(dir, 'r2.jsonl')]
    writeJsonl(inputs[0]!, one)
    writeJsonl(inputs[1]!, two)
    const outs = [join(dir, 'r1-out.jsonl'), join(dir, 'r2-out.jsonl')]
    const startAt = String(Date.now() + 2500)
    const runs = [0, 1].map((i) => worker([spec, inputs[i]!, outs[i]!, '0', startAt, '3'], env))
    for (const run of runs) expect((await run.done).code, run.stderr()).toBe(0)
    const results = outs.flatMap(readResults)
    expect(new Set(results.map((r) => r.id))).toEqual(new Set([...one, ...two].map((a) => a.id)))
    const kept = new Map<string, Set<string>>()
    for (const r of results) {
      if (r.duplicate !== null) {
        expect(storyOf(r.duplicate.of)).toBe(storyOf(r.id))
        continue
      }
      const s = kept.get(storyOf(r.id)!) ?? new Set()
      s.add(r.id)
      kept.set(storyOf(r.id)!, s)
    }
    expect(kept.size).toBe(30)
    for (const [, ids] of kept) expect(ids.size).toBe(1)
  }, 30_000)
})
