import { mkdtempSync, rmSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createArticleStager, createFeedJudge } from '../../src/feed/create-deduplicator.js'
import { clean } from '../../src/clean.js'
import { unionShingles } from '../../src/feed/shingles.js'
import { loadLanguageModel } from '../../src/language/fasttext-model.js'
import { encodeParagraphs } from '../../src/stores/record-codec.js'
import { createSqliteIndex } from '../../src/stores/sqlite.js'
import { makeFeed } from './fixtures.js'

let dir = ''
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'stage-ahead-'))
  await loadLanguageModel()
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Every row of every table of a SQLite file, hashed: two indexes with the same digest hold the same records. */
function digest(path: string): string {
  const db = new Database(path, { readonly: true })
  const hash = createHash('sha256')
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>
  for (const { name } of tables) {
    hash.update(name)
    const rows = (db.prepare(`SELECT * FROM "${name}"`).all() as Array<Record<string, unknown>>).map((row) =>
      Object.values(row).map((value) => (Buffer.isBuffer(value) ? value.toString('hex') : `${typeof value}:${String(value)}`)).join(' '),
    )
    for (const row of rows.sort()) hash.update(row)
  }
  db.close()
  return hash.digest('hex')
}

describe('createArticleStager(options, ahead)', () => {
  // Stories copied across sites with their sites' boilerplate: the boilerplate is found after a
  // few articles, so some articles are compared on all their paragraphs and some on fewer.
  const articles = makeFeed(10, 5, 3).map((a, i) => ({ id: a.id, site: a.site, published: 1_700_000_000_000 + i * 60_000, text: a.text }))

  it('computes the union, band keys and stored form of all the compared paragraphs', () => {
    const stage = createArticleStager({ clean }, true)
    for (const article of articles.slice(0, 5)) {
      const staged = stage(article, 0)
      const whole = staged.whole
      expect(whole).toBeDefined()
      expect([...(whole?.set ?? [])]).toEqual([...unionShingles(staged.prepared.compared.map((p) => p.shingles))])
      expect(whole?.paragraphs).toEqual(encodeParagraphs(staged.prepared.compared))
      expect(whole?.bands).toHaveLength(whole?.set.length === 0 ? 0 : 16)
    }
    expect(createArticleStager({ clean })(articles[0]!, 0).whole).toBeUndefined()
  })

  it('gives the same verdicts and the same index, byte for byte, as staging without it', async () => {
    const runs: Array<{ verdicts: string[]; index: string }> = []
    for (const ahead of [false, true]) {
      const path = join(dir, `${ahead}.db`)
      const verdicts = await verdictsOf(createFeedJudge({ index: createSqliteIndex(path) }), articles, ahead)
      runs.push({ verdicts, index: digest(path) })
    }
    const [plain, ahead] = runs as [(typeof runs)[0], (typeof runs)[0]]
    expect(ahead.verdicts).toEqual(plain.verdicts)
    expect(ahead.index).toBe(plain.index)
    // The run went through both paths: copies found, and paragraphs flagged as boilerplate (those
    // articles are compared on fewer than all their paragraphs, where `whole` is not used).
    const all = plain.verdicts.join('\n')
    expect(all).toContain('"kind":"copy"')
    expect(all).toContain('"kind":"boilerplate"')
  }, 60_000)

  it('in memory too: the verdicts of later articles, read against the stored form taken as given, are the same', async () => {
    const runs: string[][] = []
    for (const ahead of [false, true]) {
      runs.push(await verdictsOf(createFeedJudge({}), articles, ahead))
    }
    expect(runs[1]).toEqual(runs[0])
  }, 60_000)
})

/** Each of `articles`' verdicts (duplicate and cross flags) from `judge`, staged with or without `ahead`; closes the judge. */
async function verdictsOf(judge: ReturnType<typeof createFeedJudge>, articles: readonly Parameters<ReturnType<typeof createArticleStager>>[0][], ahead: boolean): Promise<string[]> {
  const stage = createArticleStager({ clean }, ahead)
  const verdicts: string[] = []
  for (const [n, article] of articles.entries()) {
    const { verdict } = await judge.judged(() => stage(article, n))
    verdicts.push(JSON.stringify({ duplicate: verdict.duplicate, cross: [...verdict.cross] }))
  }
  await judge.close()
  return verdicts
}
