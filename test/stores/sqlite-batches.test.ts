import { createRequire } from 'node:module'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { IndexRecord } from '../../src/feed/types.js'
import { createSqliteIndex } from '../../src/stores/sqlite.js'

const Database = createRequire(import.meta.url)('better-sqlite3') as new (path: string) => {
  prepare(sql: string): { get(): unknown }
  exec(sql: string): void
  close(): void
}

let dir = ''
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sqlite-batches-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const record = (id: string, fingerprint: string): IndexRecord => ({
  id, time: 1, site: 's', result: '{}', of: null,
  paragraphs: [{ index: 0, shingles: Uint32Array.from([1, 2, 3]) }],
  bands: [7, 8], fingerprints: [{ fingerprint, paragraph: 0 }],
})

/** Articles another connection sees: only committed ones. */
function committedCount(path: string): number {
  const db = new Database(path)
  const { n } = db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }
  db.close()
  return n
}

describe('SQLite batches', () => {
  it('holds several articles in one transaction: others see them, and committed() resolves, only once the batch is committed', async () => {
    const path = join(dir, 'batch.db')
    const index = createSqliteIndex(path, { batchSize: 3, batchDelay: 60_000 })
    let durable = false
    for (const [id, fp] of [['a', '00000000000000aa'], ['b', '00000000000000bb']] as const) {
      const session = await index.begin(id)
      expect(await session.commit(record(id, fp))).toBe(true)
    }
    void index.committed!().then(() => (durable = true))
    await new Promise((r) => setTimeout(r, 20))
    expect(durable).toBe(false)
    expect(committedCount(path)).toBe(0)
    // In the batch, the index already knows what it holds: the same id is refused, the fingerprint found.
    const again = await index.begin('a')
    expect(again.stored).toBe('{}')
    expect(await again.fingerprints(['00000000000000aa'], 's')).toEqual([{ first: { article: 'a', paragraph: 0 }, siteCount: 1 }])
    await again.release()
    // A refused commit undoes its own savepoint, not the batch.
    const refused = await index.begin('c')
    expect(await refused.commit(record('a', '00000000000000cc'))).toBe(false)
    // The third article fills the batch (batchSize 3): committed at once.
    const third = await index.begin('c')
    expect(await third.commit(record('c', '00000000000000cc'))).toBe(true)
    await new Promise((r) => setTimeout(r, 0))
    expect(durable).toBe(true)
    expect(committedCount(path)).toBe(3)
    await index.close()
  })

  it('commits the open batch on flush() and on close()', async () => {
    const path = join(dir, 'flush.db')
    const index = createSqliteIndex(path, { batchDelay: 60_000 })
    const session = await index.begin('a')
    await session.commit(record('a', '00000000000000aa'))
    expect(committedCount(path)).toBe(0)
    await index.flush!()
    expect(committedCount(path)).toBe(1)
    const next = await index.begin('b')
    await next.commit(record('b', '00000000000000bb'))
    await index.close()
    expect(committedCount(path)).toBe(2)
  })

  it('refuses a file of a layout it does not read (a later version) with E_INDEX_UNAVAILABLE', () => {
    const path = join(dir, 'newer.db')
    const db = new Database(path)
    db.exec('CREATE TABLE articles (seq INTEGER PRIMARY KEY, id TEXT NOT NULL)')
    db.exec('PRAGMA user_version = 4')
    db.close()
    expect(() => createSqliteIndex(path)).toThrow(expect.objectContaining({ code: 'E_INDEX_UNAVAILABLE' }))
  })
})
