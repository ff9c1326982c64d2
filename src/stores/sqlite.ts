import { createRequire } from 'node:module'
import type Database from 'better-sqlite3'
import { DedupeError } from '../errors.js'
import type { IndexRecord, FeedIndex, FingerprintInfo, IndexSession, IndexedArticle } from '../feed/types.js'
import { DEFAULT_BUCKET_LIMIT } from '../feed/types.js'
import { decodeFingerprints, encodeFingerprints, fingerprintKey, fingerprintKeys } from './fingerprint-keys.js'
import { paragraphsBuffer } from './paragraphs-buffer.js'
import { decodeLegacyParagraphs, decodeParagraphs, encodeParagraphs, recordParagraphBytes, withFingerprints } from './record-codec.js'
import { compactShingles } from '../feed/compact-shingles.js'

/** Options of {@link createSqliteIndex}. */
export interface SqliteIndexOptions {
  /** Most ids per LSH bucket. @default 16 */
  bucketLimit?: number
  /** How long (ms) to wait for another process holding the write lock. @default 30000 */
  busyTimeout?: number
  /**
   * Most articles recorded in one transaction. Committing is most of the cost of a small
   * write, so articles are grouped; a batch is also committed when the deduplicator has
   * nothing more queued, and after `batchDelay`. @default 256
   */
  batchSize?: number
  /** Longest time (ms) a batch stays open, so results (which wait for their commit) keep flowing. @default 200 */
  batchDelay?: number
}

/** A transaction holding several articles' records, and those waiting for its commit. */
interface Batch {
  articles: number
  done: Promise<void>
  resolve: () => void
  reject: (error: unknown) => void
  timer: ReturnType<typeof setTimeout>
}

/**
 * The file format (`PRAGMA user_version`). 2: articles keyed by their sequence number, buckets
 * and first occurrences refer to that number rather than repeat the id, fingerprints are 8-byte
 * blobs, the stored verdict is tens of bytes. 3 (issue 12): shingles reduced to 16 bits and
 * Rice-coded (`encodeParagraphs`), sites numbered (`sites`) so that site counts and articles
 * hold a small integer instead of the site's name.
 */
const FORMAT = 3

const SCHEMA = `
CREATE TABLE IF NOT EXISTS articles (
  seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, time REAL NOT NULL, site INTEGER, of TEXT,
  paragraphs BLOB, bands BLOB, fingerprints BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS verdicts (id TEXT PRIMARY KEY, result TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS articles_time ON articles(time);
CREATE TABLE IF NOT EXISTS buckets (band INTEGER NOT NULL, key INTEGER NOT NULL, seq INTEGER NOT NULL,
  PRIMARY KEY (band, key, seq)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS firsts (fp BLOB PRIMARY KEY, seq INTEGER NOT NULL, paragraph INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sites (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS site_counts (site INTEGER NOT NULL, fp BLOB NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY (site, fp)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value REAL NOT NULL);
`

/** Layout 2's schema: what {@link migrateLayout1} writes, and {@link migrateLayout2} reads. */
const SCHEMA_2 = `
CREATE TABLE IF NOT EXISTS articles (
  seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, time REAL NOT NULL, site TEXT, of TEXT,
  paragraphs BLOB, bands BLOB, fingerprints BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS verdicts (id TEXT PRIMARY KEY, result TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS articles_time ON articles(time);
CREATE TABLE IF NOT EXISTS buckets (band INTEGER NOT NULL, key INTEGER NOT NULL, seq INTEGER NOT NULL,
  PRIMARY KEY (band, key, seq)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS firsts (fp BLOB PRIMARY KEY, seq INTEGER NOT NULL, paragraph INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS site_counts (site TEXT NOT NULL, fp BLOB NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY (site, fp)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value REAL NOT NULL);
`

/**
 * better-sqlite3, loaded when a SQLite index is opened. It is an optional dependency (a native
 * module: where it cannot be built, `npm install news-dedup` still succeeds and only the SQLite
 * store is missing), so it is required lazily and its absence is a clear error.
 * @throws {DedupeError} `E_INDEX_UNAVAILABLE` when the package cannot be loaded.
 */
function loadDriver(): typeof Database {
  try {
    return createRequire(import.meta.url)('better-sqlite3') as typeof Database
  } catch (cause) {
    throw new DedupeError('E_INDEX_UNAVAILABLE',
      'The SQLite index needs the optional dependency better-sqlite3 12.x, which could not be loaded ' +
      `(${cause instanceof Error ? cause.message.split('\n')[0] : String(cause)}): install it with \`npm install better-sqlite3@12\`, ` +
      'or use the in-memory (`:memory:`) or Redis (`redis://…`) index', { cause })
  }
}

/**
 * Opens the file and sets it up (WAL, schema).
 * @throws {DedupeError} `E_INDEX_UNAVAILABLE` when it cannot be opened: the driver throws a raw
 *   `TypeError` for a folder that does not exist, a `SqliteError` for a file that is not a
 *   database or cannot be written; the message names the path and the fix, the cause is kept.
 */
function openDatabase(Driver: typeof Database, path: string, timeout: number): Database.Database {
  let db: Database.Database | undefined
  try {
    db = new Driver(path, { timeout })
    db.pragma('journal_mode = WAL')
    // NORMAL: a commit survives a killed process (WAL is written before COMMIT returns); only a power loss may lose the last ones.
    db.pragma('synchronous = NORMAL')
    const version = db.pragma('user_version', { simple: true }) as number
    const tables = (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }).n
    if (version === 0 && tables > 0) migrateLayout1(db)
    if ((version === 0 || version === 2) && tables > 0) migrateLayout2(db)
    else if (version !== FORMAT && tables > 0) {
      throw new DedupeError('E_INDEX_UNAVAILABLE', `The SQLite index \`${path}\` was written in another layout (version ${version}, this one reads ${FORMAT}): use a new file`)
    }
    db.exec(SCHEMA)
    db.pragma(`user_version = ${FORMAT}`)
    return db
  } catch (cause) {
    db?.close()
    if (cause instanceof DedupeError) throw cause
    const reason = cause instanceof Error ? cause.message : String(cause)
    throw new DedupeError(
      'E_INDEX_UNAVAILABLE',
      `Cannot open the SQLite index \`${path}\` (${reason}): check that its folder exists and is writable, and that the file is a news-dedup index`,
      { cause },
    )
  }
}

/**
 * Rewrites a file of the first layout (`user_version` 0: articles keyed by id, fingerprints as
 * text, verdicts in `articles.result` or, later, in `verdicts`) into layout 2, in one
 * transaction: every verdict is kept, and so is what can be matched of each article.
 * {@link migrateLayout2} then takes it to the current layout.
 */
function migrateLayout1(db: Database.Database): void {
  const columns = (table: string): string[] =>
    (db.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as Array<{ name: string }>).map((c) => c.name)
  const has = (table: string): boolean => columns(table).length > 0
  const tables = ['articles', 'buckets', 'firsts', 'site_counts']
  db.exec('BEGIN IMMEDIATE')
  try {
    db.exec('CREATE TABLE IF NOT EXISTS verdicts (id TEXT PRIMARY KEY, result TEXT NOT NULL) WITHOUT ROWID')
    const articleColumns = columns('articles')
    if (articleColumns.includes('result')) db.exec('INSERT OR IGNORE INTO verdicts (id, result) SELECT id, result FROM articles')
    // The index follows a renamed table under its name: dropped so that SCHEMA makes it anew.
    db.exec('DROP INDEX IF EXISTS articles_time')
    for (const table of tables) if (has(table)) db.exec(`ALTER TABLE ${table} RENAME TO old_${table}`)
    db.exec(SCHEMA_2)
    if (articleColumns.length > 0) {
      const insert = db.prepare('INSERT INTO articles (seq, id, time, site, of, paragraphs, bands, fingerprints) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      const rows = db.prepare('SELECT id, seq, time, site, of, paragraphs, bands, fingerprints FROM old_articles').all() as Array<{
        id: string; seq: number; time: number; site: string | null; of: string | null; paragraphs: Buffer | null; bands: Buffer | null; fingerprints: string
      }>
      for (const r of rows) {
        const fps = (JSON.parse(r.fingerprints) as Array<[string, number]>).map(([fingerprint, paragraph]) => ({ fingerprint, paragraph }))
        insert.run(r.seq, r.id, r.time, r.site, r.of, r.paragraphs, r.bands, encodeFingerprints(fps))
      }
    }
    if (has('old_buckets')) db.exec('INSERT OR IGNORE INTO buckets (band, key, seq) SELECT band, key, seq FROM old_buckets')
    if (has('old_firsts')) {
      const insert = db.prepare('INSERT OR IGNORE INTO firsts (fp, seq, paragraph) VALUES (?, ?, ?)')
      const rows = db.prepare('SELECT f.fp AS fp, a.seq AS seq, f.paragraph AS paragraph FROM old_firsts f JOIN articles a ON a.id = f.article').all() as Array<{
        fp: string; seq: number; paragraph: number
      }>
      for (const r of rows) insert.run(fingerprintKey(r.fp), r.seq, r.paragraph)
    }
    if (has('old_site_counts')) {
      const insert = db.prepare('INSERT OR IGNORE INTO site_counts (site, fp, n) VALUES (?, ?, ?)')
      for (const r of db.prepare('SELECT site, fp, n FROM old_site_counts').all() as Array<{ site: string; fp: string; n: number }>) {
        insert.run(r.site, fingerprintKey(r.fp), r.n)
      }
    }
    for (const table of tables) db.exec(`DROP TABLE IF EXISTS old_${table}`)
    db.pragma('user_version = 2')
    db.exec('COMMIT')
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK')
    throw error
  }
}

/**
 * Rewrites a file of layout 2 into layout 3 ({@link FORMAT}), in one transaction: stored
 * shingles are reduced (`compactShingles`, what is compared now) and Rice-coded, sites numbered.
 * Verdicts, buckets and first occurrences are kept as they are.
 */
function migrateLayout2(db: Database.Database): void {
  db.exec('BEGIN IMMEDIATE')
  try {
    db.exec('DROP INDEX IF EXISTS articles_time')
    db.exec('ALTER TABLE articles RENAME TO old_articles')
    db.exec('ALTER TABLE site_counts RENAME TO old_site_counts')
    db.exec(SCHEMA)
    db.exec('INSERT OR IGNORE INTO sites (name) SELECT site FROM old_articles WHERE site IS NOT NULL ORDER BY seq')
    db.exec('INSERT OR IGNORE INTO sites (name) SELECT site FROM old_site_counts')
    const insert = db.prepare(
      'INSERT INTO articles (seq, id, time, site, of, paragraphs, bands, fingerprints) ' +
        'VALUES (?, ?, ?, (SELECT id FROM sites WHERE name = ?), ?, ?, ?, ?)',
    )
    for (const r of db.prepare('SELECT seq, id, time, site, of, paragraphs, bands, fingerprints FROM old_articles').all() as Array<{
      seq: number; id: string; time: number; site: string | null; of: string | null; paragraphs: Buffer | null; bands: Buffer | null; fingerprints: Buffer
    }>) {
      const paragraphs = decodeLegacyParagraphs(r.paragraphs).map((p) => ({ index: p.index, shingles: compactShingles(p.shingles) }))
      insert.run(r.seq, r.id, r.time, r.site, r.of, paragraphs.length === 0 && r.paragraphs === null ? null : paragraphsBuffer(encodeParagraphs(paragraphs)), r.bands, r.fingerprints)
    }
    db.exec('INSERT INTO site_counts (site, fp, n) SELECT s.id, c.fp, c.n FROM old_site_counts c JOIN sites s ON s.name = c.site')
    db.exec('DROP TABLE old_articles')
    db.exec('DROP TABLE old_site_counts')
    db.pragma(`user_version = ${FORMAT}`)
    db.exec('COMMIT')
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK')
    throw error
  }
}

/**
 * An index in a SQLite file (better-sqlite3, WAL). Articles are recorded in batches: one
 * transaction (`BEGIN IMMEDIATE` … `COMMIT`) holds up to `batchSize` articles, each in its own
 * savepoint (read and write under the same lock, undone alone when its commit is refused). A
 * process killed at any moment leaves every article recorded wholly or not at all, and the
 * deduplicator hands out a result only once its batch is committed ({@link FeedIndex.committed}),
 * so no result is ever written for an article the index then loses. Several processes may share
 * the file (they take turns, a batch at a time). Verdicts have a table of their own: `expire`
 * forgets articles, never what they were judged.
 *
 * @param path File path, or `':memory:'`.
 */
export function createSqliteIndex(path: string, options: SqliteIndexOptions = {}): FeedIndex {
  const bucketLimit = options.bucketLimit ?? DEFAULT_BUCKET_LIMIT
  const batchSize = options.batchSize ?? 256
  const batchDelay = options.batchDelay ?? 200
  const Driver = loadDriver()
  const db = openDatabase(Driver, path, options.busyTimeout ?? 30_000)
  /** The members of `count` buckets, `(band, key)` pairs given as parameters, by number of bands. */
  const bucketStatements = new Map<number, Database.Statement>()
  const bucketsOf = (count: number): Database.Statement => {
    let statement = bucketStatements.get(count)
    if (!statement) {
      statement = db.prepare(
        'SELECT b.band AS band, b.key AS key, b.seq AS seq, a.id AS id FROM buckets b JOIN articles a ON a.seq = b.seq ' +
          `WHERE (b.band, b.key) IN (VALUES ${Array.from({ length: count }, () => '(?, ?)').join(', ')})`,
      )
      bucketStatements.set(count, statement)
    }
    return statement
  }
  /** Inserts `count` bucket rows, `(band, key, seq)` given as parameters: one statement per article. */
  const insertStatements = new Map<number, Database.Statement>()
  const insertBuckets = (count: number): Database.Statement => {
    let statement = insertStatements.get(count)
    if (!statement) {
      statement = db.prepare(`INSERT INTO buckets (band, key, seq) VALUES ${Array.from({ length: count }, () => '(?, ?, ?)').join(', ')}`)
      insertStatements.set(count, statement)
    }
    return statement
  }
  let batch: Batch | null = null
  /** Whether a session (or an expiry) is between its savepoint and its end: a batch is not committed then. */
  let busy = false
  let flushWhenFree = false

  const openBatch = (): void => {
    if (batch) return
    db.exec('BEGIN IMMEDIATE')
    let resolve!: () => void
    let reject!: (error: unknown) => void
    const done = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)))
    // Marked handled here: a failed commit is reported to whoever waits on `committed()`.
    done.catch(() => undefined)
    batch = { articles: 0, done, resolve, reject, timer: setTimeout(() => flush(), batchDelay) }
  }
  const flush = (): void => {
    if (!batch) return
    if (busy) {
      flushWhenFree = true
      return
    }
    const current = batch
    batch = null
    flushWhenFree = false
    clearTimeout(current.timer)
    try {
      db.exec('COMMIT')
      current.resolve()
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK')
      current.reject(error)
    }
  }
  /** Ends a session or an expiry: its savepoint is released, and the batch committed if it is full or due. */
  const free = (articles: number): void => {
    busy = false
    if (batch) batch.articles += articles
    if (flushWhenFree || (batch && batch.articles >= batchSize)) flush()
  }
  const q = {
    // Verdicts have a table of their own: `expire` forgets articles, never what they were judged.
    stored: db.prepare('SELECT result FROM verdicts WHERE id = ?'),
    insertVerdict: db.prepare('INSERT INTO verdicts (id, result) VALUES (?, ?)'),
    clock: db.prepare("SELECT value FROM meta WHERE key = 'clock'"),
    first: db.prepare('SELECT a.id AS article, f.paragraph AS paragraph FROM firsts f JOIN articles a ON a.seq = f.seq WHERE f.fp = ?'),
    count: db.prepare('SELECT n FROM site_counts WHERE site = ? AND fp = ?'),
    siteId: db.prepare('SELECT id FROM sites WHERE name = ?'),
    insertSite: db.prepare('INSERT INTO sites (name) VALUES (?) RETURNING id'),
    bucketSize: db.prepare('SELECT count(*) AS n FROM buckets WHERE band = ? AND key = ?'),
    article: db.prepare('SELECT a.seq AS seq, a.of AS of, s.name AS site, a.paragraphs AS paragraphs, a.fingerprints AS fingerprints FROM articles a LEFT JOIN sites s ON s.id = a.site WHERE a.id = ?'),
    nextSeq: db.prepare("INSERT INTO meta (key, value) VALUES ('seq', 1) ON CONFLICT(key) DO UPDATE SET value = value + 1 RETURNING value"),
    setClock: db.prepare("INSERT INTO meta (key, value) VALUES ('clock', ?) ON CONFLICT(key) DO UPDATE SET value = max(value, excluded.value)"),
    insertArticle: db.prepare(
      'INSERT INTO articles (id, seq, time, site, of, paragraphs, bands, fingerprints) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    insertFirst: db.prepare('INSERT OR IGNORE INTO firsts (fp, seq, paragraph) VALUES (?, ?, ?)'),
    incCount: db.prepare('INSERT INTO site_counts (site, fp, n) VALUES (?, ?, 1) ON CONFLICT(site, fp) DO UPDATE SET n = n + 1'),
    expired: db.prepare('SELECT id, seq, site, bands, fingerprints FROM articles WHERE time < ? ORDER BY time LIMIT 1000'),
    deleteArticle: db.prepare('DELETE FROM articles WHERE seq = ?'),
    deleteBucket: db.prepare('DELETE FROM buckets WHERE band = ? AND key = ? AND seq = ?'),
    deleteFirst: db.prepare('DELETE FROM firsts WHERE fp = ? AND seq = ?'),
    decCount: db.prepare('UPDATE site_counts SET n = n - 1 WHERE site = ? AND fp = ?'),
    dropCount: db.prepare('DELETE FROM site_counts WHERE site = ? AND fp = ? AND n <= 0'),
    size: db.prepare('SELECT count(*) AS n FROM articles'),
  }

  return {
    kind: 'sqlite',
    async begin(id): Promise<IndexSession> {
      if (busy) throw new DedupeError('E_INDEX_CONFLICT', 'Another session of this SQLite index is open: one deduplicator per index object')
      openBatch()
      db.exec('SAVEPOINT article')
      busy = true
      let open = true
      const bucketSizes = new Map<string, number>()
      const end = (keep: boolean): void => {
        if (!open) throw new DedupeError('E_INDEX_CLOSED', 'This index session is over: begin a new one')
        open = false
        if (keep) db.exec('RELEASE article')
        else db.exec('ROLLBACK TO article; RELEASE article')
        free(keep ? 1 : 0)
      }
      try {
        const stored = q.stored.get(id) as { result: string } | undefined
        const clock = q.clock.get() as { value: number } | undefined
        return {
          stored: stored?.result ?? null,
          clock: clock?.value ?? -Infinity,
          async fingerprints(fps, site): Promise<FingerprintInfo[]> {
            const siteId = site === null ? undefined : (q.siteId.get(site) as { id: number } | undefined)?.id
            return fps.map((fp) => {
              const key = fingerprintKey(fp)
              const first = q.first.get(key) as { article: string; paragraph: number } | undefined
              const count = siteId === undefined ? undefined : (q.count.get(siteId, key) as { n: number } | undefined)
              return { first: first ? { article: first.article, paragraph: first.paragraph } : null, siteCount: count?.n ?? 0 }
            })
          },
          async candidates(bands): Promise<string[]> {
            if (bands.length === 0) return []
            // One statement for every band (a statement costs more than the lookups it makes).
            const rows = bucketsOf(bands.length).all(...bands.flatMap((key, band) => [band, key])) as Array<{ band: number; key: number; seq: number; id: string }>
            const byBucket = new Map<string, Array<{ seq: number; id: string }>>()
            bands.forEach((key, band) => byBucket.set(`${band}:${key}`, []))
            for (const row of rows) byBucket.get(`${row.band}:${row.key}`)?.push(row)
            const found = new Map<string, number>()
            for (const [bucket, members] of byBucket) {
              bucketSizes.set(bucket, members.length)
              members.sort((a, b) => a.seq - b.seq)
              for (const row of members.slice(0, bucketLimit)) found.set(row.id, row.seq)
            }
            return [...found].sort((a, b) => a[1] - b[1]).map(([candidate]) => candidate)
          },
          async articles(ids): Promise<IndexedArticle[]> {
            const out: IndexedArticle[] = []
            for (const candidate of ids) {
              const row = q.article.get(candidate) as
                | { seq: number; of: string | null; site: string | null; paragraphs: Buffer | null; fingerprints: Buffer }
                | undefined
              if (!row) continue
              const paragraphs = withFingerprints(decodeParagraphs(row.paragraphs), decodeFingerprints(row.fingerprints))
              out.push({ id: candidate, seq: row.seq, of: row.of, site: row.site, paragraphs })
            }
            return out
          },
          async commit(record: IndexRecord): Promise<boolean> {
            try {
              if (q.stored.get(record.id)) {
                end(false)
                return false
              }
              const seq = (q.nextSeq.get() as { value: number }).value
              q.insertVerdict.run(record.id, record.result)
              const siteId = record.site === null ? null : ((q.siteId.get(record.site) ?? q.insertSite.get(record.site)) as { id: number }).id
              q.insertArticle.run(
                record.id, seq, record.time, siteId, record.of,
                paragraphsBuffer(recordParagraphBytes(record)),
                Buffer.from(Uint32Array.from(record.bands).buffer),
                encodeFingerprints(record.fingerprints),
              )
              const joined: number[] = []
              record.bands.forEach((key, band) => {
                const size = bucketSizes.get(`${band}:${key}`) ?? (q.bucketSize.get(band, key) as { n: number }).n
                if (size < bucketLimit) joined.push(band, key, seq)
              })
              if (joined.length > 0) insertBuckets(joined.length / 3).run(...joined)
              const seen = new Set<string>()
              for (const { fingerprint, paragraph } of record.fingerprints) {
                const key = fingerprintKey(fingerprint)
                q.insertFirst.run(key, seq, paragraph)
                if (record.site !== null && !seen.has(fingerprint)) {
                  seen.add(fingerprint)
                  q.incCount.run(siteId, key)
                }
              }
              q.setClock.run(record.time)
              end(true)
              return true
            } catch (error) {
              if (open) end(false)
              throw error
            }
          },
          async release(): Promise<void> {
            if (open) end(false)
          },
        }
      } catch (error) {
        if (open) end(false)
        throw error
      }
    },
    async expire(cutoff): Promise<number> {
      let removed = 0
      if (busy) throw new DedupeError('E_INDEX_CONFLICT', 'Another session of this SQLite index is open: one deduplicator per index object')
      openBatch()
      db.exec('SAVEPOINT expiry')
      busy = true
      try {
        for (;;) {
          const rows = q.expired.all(cutoff) as Array<{ id: string; seq: number; site: number | null; bands: Buffer | null; fingerprints: Buffer }>
          if (rows.length === 0) break
          for (const row of rows) {
            const bands = row.bands ? new Uint32Array(Uint8Array.from(row.bands).buffer) : new Uint32Array(0)
            bands.forEach((key, band) => q.deleteBucket.run(band, key, row.seq))
            const seen = new Set<string>()
            for (const fp of fingerprintKeys(row.fingerprints)) {
              q.deleteFirst.run(fp, row.seq)
              const text = fp.toString('hex')
              if (row.site !== null && !seen.has(text)) {
                seen.add(text)
                q.decCount.run(row.site, fp)
                q.dropCount.run(row.site, fp)
              }
            }
            q.deleteArticle.run(row.seq)
            removed++
          }
        }
        db.exec('RELEASE expiry')
      } catch (error) {
        db.exec('ROLLBACK TO expiry; RELEASE expiry')
        throw error
      } finally {
        free(0)
      }
      return removed
    },
    async size(): Promise<number> {
      return (q.size.get() as { n: number }).n
    },
    async committed(): Promise<void> {
      return batch?.done
    },
    async flush(): Promise<void> {
      const pending = batch?.done
      flush()
      return pending
    },
    async close(): Promise<void> {
      if (!db.open) return
      busy = false
      flush()
      db.close()
    },
  }
}
