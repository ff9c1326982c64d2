import { mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DedupeError } from '../../src/errors.js'
import { createMemoryIndex } from '../../src/stores/memory.js'
import { createRedisIndex } from '../../src/stores/redis.js'
import { createSqliteIndex } from '../../src/stores/sqlite.js'
import { openIndex } from '../../src/stores/open-index.js'
import { encodeParagraphs } from '../../src/stores/record-codec.js'
import type { IndexRecord, FeedIndex } from '../../src/feed/types.js'
import { startTestRedis, type TestRedis } from '../helpers/redis-server.js'

let redis: TestRedis | null = null
let dir = ''
beforeAll(async () => {
  redis = await startTestRedis()
  dir = mkdtempSync(join(tmpdir(), 'feed-stores-'))
})
afterAll(async () => {
  await redis?.stop()
  rmSync(dir, { recursive: true, force: true })
})

const record = (id: string, time: number, extra: Partial<IndexRecord> = {}): IndexRecord => ({
  id,
  time,
  site: 'a.example',
  result: JSON.stringify({ id }),
  of: null,
  paragraphs: [{ index: 0, shingles: Uint32Array.from([1, 5, 9]) }, { index: 2, shingles: Uint32Array.from([4000000000]) }],
  bands: [11, 22, 33],
  fingerprints: [{ fingerprint: 'aaaa', paragraph: 0 }, { fingerprint: 'bbbb', paragraph: 2 }, { fingerprint: 'aaaa', paragraph: 3 }],
  ...extra,
})

let counter = 0
const stores: Array<[string, () => FeedIndex | null]> = [
  ['memory', () => createMemoryIndex()],
  ['sqlite', () => createSqliteIndex(join(dir, `s${++counter}.db`))],
  ['redis', () => (redis ? createRedisIndex(redis.url, { prefix: redis.prefix('stores') }) : null)],
]

describe.each(stores)('%s index', (_name, make) => {
  it('stores the paragraph bytes a record brings (encoded by a worker thread) rather than encoding its paragraphs again', async (ctx) => {
    const index = make()
    if (!index) return ctx.skip()
    const given = [{ index: 0, shingles: Uint32Array.from([2, 3]) }, { index: 2, shingles: Uint32Array.from([7]) }]
    const s = await index.begin('e')
    expect(await s.commit(record('e', 1000, { encodedParagraphs: encodeParagraphs(given) }))).toBe(true)
    const t = await index.begin('f')
    const [a] = await t.articles(['e'])
    expect(a?.paragraphs.map((p) => [p.index, [...p.shingles]])).toEqual([[0, [2, 3]], [2, [7]]])
    await t.release()
    await index.close()
  })

  it('records an article wholly and reads it back', async (ctx) => {
    const index = make()
    if (!index) return ctx.skip()
    let s = await index.begin('x')
    expect(s.stored).toBeNull()
    expect(s.clock).toBe(-Infinity)
    expect(await s.fingerprints(['aaaa'], 'a.example')).toEqual([{ first: null, siteCount: 0 }])
    expect(await s.candidates([11, 22, 33])).toEqual([])
    expect(await s.commit(record('x', 1000))).toBe(true)

    s = await index.begin('x')
    expect(s.stored).toBe(JSON.stringify({ id: 'x' }))
    expect(s.clock).toBe(1000)
    await s.release()

    s = await index.begin('y')
    expect(await s.fingerprints(['aaaa', 'bbbb', 'cccc'], 'a.example')).toEqual([
      { first: { article: 'x', paragraph: 0 }, siteCount: 1 },
      { first: { article: 'x', paragraph: 2 }, siteCount: 1 },
      { first: null, siteCount: 0 },
    ])
    expect(await s.fingerprints(['aaaa'], 'b.example')).toEqual([{ first: { article: 'x', paragraph: 0 }, siteCount: 0 }])
    expect(await s.candidates([0, 22, 0])).toEqual(['x'])
    const [a] = await s.articles(['x', 'nope'])
    expect(a?.id).toBe('x')
    expect(a?.of).toBeNull()
    expect(a?.site).toBe('a.example')
    // Each stored paragraph with its fingerprint (joined by paragraph index).
    expect(a?.paragraphs.map((p) => [p.index, p.fingerprint, [...p.shingles]])).toEqual([[0, 'aaaa', [1, 5, 9]], [2, 'bbbb', [4000000000]]])
    expect(await s.commit(record('y', 2000, { of: 'x', paragraphs: [], bands: [] }))).toBe(true)

    s = await index.begin('z')
    expect((await s.fingerprints(['aaaa'], 'a.example'))[0]?.siteCount).toBe(2)
    expect((await s.articles(['y']))[0]?.of).toBe('x')
    await s.release()
    expect(await index.size()).toBe(2)

    // Expiry forgets what can be matched of x wholly (buckets, first occurrences, site counts,
    // paragraphs), never its verdict: x added again gets the verdict it got.
    expect(await index.expire(1500)).toBe(1)
    s = await index.begin('x')
    expect(s.stored).toBe(JSON.stringify({ id: 'x' }))
    await s.release()
    s = await index.begin('w')
    expect(await s.articles(['x'])).toEqual([])
    expect(await s.candidates([11, 22, 33])).toEqual([])
    expect(await s.fingerprints(['aaaa'], 'a.example')).toEqual([{ first: null, siteCount: 1 }])
    await s.release()
    expect(await index.size()).toBe(1)
    await index.close()
  })

  it('refuses a second record of the same id', async (ctx) => {
    const index = make()
    if (!index) return ctx.skip()
    const s1 = await index.begin('dup')
    expect(await s1.commit(record('dup', 1))).toBe(true)
    const s2 = await index.begin('dup')
    expect(s2.stored).not.toBeNull()
    await s2.release()
    await index.close()
  })

  it('refuses a second commit of one session with a DedupeError E_INDEX_CLOSED', async (ctx) => {
    const index = make()
    if (!index) return ctx.skip()
    const s = await index.begin('once')
    expect(await s.commit(record('once', 1))).toBe(true)
    const error = await s.commit(record('once', 1)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DedupeError)
    expect((error as DedupeError).code).toBe('E_INDEX_CLOSED')
    expect((error as DedupeError).message).toMatch(/session is over/)
    await index.close()
  })
})

describe('errors opening an index', () => {
  it('gives E_INDEX_UNAVAILABLE naming the path, not the driver\'s raw TypeError, for a SQLite file in a missing folder', () => {
    const path = join(dir, 'no-such-folder', 'index.db')
    let error: unknown
    try {
      openIndex(path)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(DedupeError)
    expect((error as DedupeError).code).toBe('E_INDEX_UNAVAILABLE')
    expect((error as DedupeError).message).toContain(path)
    expect((error as DedupeError).message).toMatch(/folder exists/)
    expect((error as DedupeError).cause).toBeInstanceOf(Error)
  })

  it('gives E_INDEX_CLOSED for a memory index used after close()', async () => {
    const index = createMemoryIndex()
    await index.close()
    await expect(index.begin('x')).rejects.toMatchObject({ name: 'DedupeError', code: 'E_INDEX_CLOSED' })
  })
})

describe('sqlite index written before verdicts had a table of their own', () => {
  it('keeps every verdict when opened: they move from articles.result to verdicts', async () => {
    const path = join(dir, 'old-layout.db')
    const Driver = createRequire(import.meta.url)('better-sqlite3') as new (path: string) => {
      exec(sql: string): void
      close(): void
    }
    const old = new Driver(path)
    old.exec(`CREATE TABLE articles (id TEXT PRIMARY KEY, seq INTEGER NOT NULL, time REAL NOT NULL, site TEXT, of TEXT,
      result TEXT NOT NULL, paragraphs BLOB, bands BLOB, fingerprints TEXT NOT NULL);
      INSERT INTO articles VALUES ('old', 1, 5, 's', NULL, '{"id":"old"}', NULL, NULL, '[]')`)
    old.close()
    const index = createSqliteIndex(path)
    const s = await index.begin('old')
    expect(s.stored).toBe('{"id":"old"}')
    await s.release()
    expect(await index.expire(10)).toBe(1)
    const after = await index.begin('old')
    expect(after.stored).toBe('{"id":"old"}')
    expect(await after.commit(record('new', 20))).toBe(true)
    await index.close()
  })
})

describe('sqlite index of layout 2 (32-bit shingles, site names in site counts)', () => {
  it('is rewritten when opened: shingles reduced to 16 bits, verdicts, buckets and site counts kept', async () => {
    const path = join(dir, 'layout-2.db')
    const Driver = createRequire(import.meta.url)('better-sqlite3') as new (path: string) => {
      exec(sql: string): void
      prepare(sql: string): { run(...values: unknown[]): void }
      close(): void
    }
    const old = new Driver(path)
    old.exec(`CREATE TABLE articles (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, time REAL NOT NULL, site TEXT, of TEXT,
        paragraphs BLOB, bands BLOB, fingerprints BLOB NOT NULL);
      CREATE TABLE verdicts (id TEXT PRIMARY KEY, result TEXT NOT NULL) WITHOUT ROWID;
      CREATE INDEX articles_time ON articles(time);
      CREATE TABLE buckets (band INTEGER NOT NULL, key INTEGER NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (band, key, seq)) WITHOUT ROWID;
      CREATE TABLE firsts (fp BLOB PRIMARY KEY, seq INTEGER NOT NULL, paragraph INTEGER NOT NULL) WITHOUT ROWID;
      CREATE TABLE site_counts (site TEXT NOT NULL, fp BLOB NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (site, fp)) WITHOUT ROWID;
      CREATE TABLE meta (key TEXT PRIMARY KEY, value REAL NOT NULL);
      INSERT INTO meta VALUES ('seq', 1), ('clock', 5);
      INSERT INTO verdicts VALUES ('old', '{"v":1}');
      INSERT INTO buckets VALUES (0, 77, 1);
      PRAGMA user_version = 2;`)
    const fp = Buffer.from('00000000000000aa', 'hex')
    old.prepare('INSERT INTO firsts VALUES (?, 1, 0)').run(fp)
    old.prepare("INSERT INTO site_counts VALUES ('a.example', ?, 2)").run(fp)
    // Paragraph 0 with three 32-bit shingles, two of which share their high 16 bits.
    const paragraphs = Buffer.from(Uint32Array.of(1, 0, 3, 0x00010005, 0x0001ffff, 0xabcd0000).buffer)
    const fps = Buffer.concat([Buffer.of(8), fp, Buffer.from(Uint32Array.of(0).buffer)])
    old.prepare("INSERT INTO articles VALUES (1, 'old', 5, 'a.example', NULL, ?, ?, ?)").run(paragraphs, Buffer.from(Uint32Array.of(77).buffer), fps)
    old.close()

    const index = createSqliteIndex(path)
    const s = await index.begin('new')
    expect(s.stored).toBeNull()
    expect(await s.candidates([77])).toEqual(['old'])
    const [article] = await s.articles(['old'])
    expect(article).toMatchObject({ id: 'old', seq: 1, site: 'a.example', of: null })
    expect(article!.paragraphs.map((p) => [p.index, p.fingerprint, [...p.shingles]])).toEqual([[0, '00000000000000aa', [1, 0xabcd]]])
    expect(await s.fingerprints(['00000000000000aa'], 'a.example')).toEqual([{ first: { article: 'old', paragraph: 0 }, siteCount: 2 }])
    await s.release()
    const again = await index.begin('old')
    expect(again.stored).toBe('{"v":1}')
    await again.release()
    // Expiry finds what the migration wrote: the article, its bucket, its first occurrence and its site count go.
    expect(await index.expire(10)).toBe(1)
    const after = await index.begin('x')
    expect(await after.candidates([77])).toEqual([])
    expect(await after.fingerprints(['00000000000000aa'], 'a.example')).toEqual([{ first: null, siteCount: 1 }])
    await after.release()
    await index.close()
  })
})

describe('openIndex', () => {
  it('picks the store from the spec', async () => {
    const m = openIndex(':memory:')
    const s = openIndex(join(dir, 'open.db'))
    expect([m.kind, s.kind]).toEqual(['memory', 'sqlite'])
    await m.close()
    await s.close()
  })
})

describe('redis concurrency', () => {
  it('lets only one of two racing sessions record into the same bucket', async (ctx) => {
    if (!redis) return ctx.skip()
    const prefix = redis.prefix('race')
    const one = createRedisIndex(redis.url, { prefix })
    const two = createRedisIndex(redis.url, { prefix })
    const s1 = await one.begin('p')
    const s2 = await two.begin('q')
    expect(await s1.candidates([7, 8])).toEqual([])
    expect(await s2.candidates([7, 9])).toEqual([])
    expect(await s1.commit(record('p', 1, { bands: [7, 8] }))).toBe(true)
    expect(await s2.commit(record('q', 1, { bands: [7, 9] }))).toBe(false)
    const s3 = await two.begin('q')
    expect(await s3.candidates([7, 9])).toEqual(['p'])
    await s3.release()
    await one.close()
    await two.close()
  })
})
