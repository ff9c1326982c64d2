import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { FeedIndex, IndexRecord } from '../../src/feed/types.js'
import { blobBytes, blobParagraphOf, decodeArticleBlob, encodeArticleBlob } from '../../src/stores/article-blob.js'
import { createMemoryIndex } from '../../src/stores/memory.js'
import { decodeParagraphs, encodeParagraphs } from '../../src/stores/record-codec.js'
import { createSqliteIndex } from '../../src/stores/sqlite.js'
import { verdictCode, verdictOfCode } from '../../src/stores/verdict-code.js'

// Fingerprints of both kinds: 16 hex digits (two key words) and other strings (numbered).
const FINGERPRINTS = ['00000000deadbeef', 'ffffffff00000001', '0123456789abcdef', 'fedcba9876543210', 'n1', 'n2', 'ünï', '']
const IDS = Array.from({ length: 12 }, (_, i) => `id-${i}`)
const SITES = [null, 'a.example', 'b.example']

type Op =
  | { kind: 'commit'; id: number; time: number; site: number; fps: Array<[number, number]>; bands: number[]; verdict: number; of: number | null }
  | { kind: 'expire'; cutoff: number }

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('commit' as const),
      id: fc.nat({ max: IDS.length - 1 }),
      time: fc.nat({ max: 50 }),
      site: fc.nat({ max: SITES.length - 1 }),
      fps: fc.array(fc.tuple(fc.nat({ max: FINGERPRINTS.length - 1 }), fc.nat({ max: 5 })), { maxLength: 6 }),
      bands: fc.array(fc.nat({ max: 6 }), { minLength: 3, maxLength: 3 }),
      verdict: fc.oneof(fc.nat({ max: 2 ** 32 - 1 }), fc.constant(-1)),
      of: fc.option(fc.nat({ max: IDS.length - 1 })),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('expire' as const), cutoff: fc.nat({ max: 50 }) }) },
)

function recordOf(o: Extract<Op, { kind: 'commit' }>): IndexRecord {
  const id = IDS[o.id] as string
  const fingerprints = o.fps.map(([f, paragraph]) => ({ fingerprint: FINGERPRINTS[f] as string, paragraph }))
  const indices = [...new Set(fingerprints.map((f) => f.paragraph))].sort((a, b) => a - b)
  const original = o.of === null
  return {
    id,
    time: o.time,
    site: SITES[o.site] ?? null,
    // The plain spelling the memory index codes, or another verdict it keeps as given.
    result: o.verdict >= 0 && original ? `[2,${o.verdict},null,[],[]]` : JSON.stringify({ id, v: o.verdict }),
    of: original ? null : (IDS[o.of as number] as string),
    paragraphs: original ? indices.map((index) => ({ index, shingles: Uint32Array.from([index, index + 3 + o.id, 60000 + o.time]) })) : [],
    bands: original ? o.bands.map((k) => k * 0x9e3779b1 >>> 0) : [],
    fingerprints,
  }
}

/** Everything a session can read, for every id, fingerprint and band key of the test. */
async function view(index: FeedIndex): Promise<unknown> {
  // One session at a time (SQLite allows no more).
  const stored: Array<string | null> = []
  for (const id of IDS) {
    const t = await index.begin(id)
    stored.push(t.stored)
    await t.release()
  }
  const s = await index.begin('probe')
  const out = {
    clock: s.clock,
    size: await index.size(),
    stored,
    fingerprints: await Promise.all(SITES.map((site) => s.fingerprints(FINGERPRINTS, site))),
    candidates: await Promise.all(Array.from({ length: 7 }, (_, k) => s.candidates([k * 0x9e3779b1 >>> 0, k * 0x9e3779b1 >>> 0, k * 0x9e3779b1 >>> 0]))),
    articles: (await s.articles(IDS)).map((a) => ({ ...a, paragraphs: a.paragraphs.map((p) => ({ ...p, shingles: [...p.shingles] })) })),
  }
  await s.release()
  return out
}

describe('memory index (compact slots)', () => {
  it('reads as the SQLite index does through commits, refusals and expiry (slots reused, site counts implied, verdicts coded)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 40 }), async (ops) => {
        const memory = createMemoryIndex({ bucketLimit: 3 })
        const sqlite = createSqliteIndex(':memory:', { bucketLimit: 3 })
        try {
          for (const o of ops) {
            if (o.kind === 'expire') {
              expect(await memory.expire(o.cutoff)).toBe(await sqlite.expire(o.cutoff))
            } else {
              const record = recordOf(o)
              const m = await memory.begin(record.id)
              const q = await sqlite.begin(record.id)
              expect(m.stored).toBe(q.stored)
              expect(await m.commit(record)).toBe(await q.commit(record))
            }
            await sqlite.flush?.()
            expect(await view(memory)).toEqual(await view(sqlite))
          }
        } finally {
          await memory.close()
          await sqlite.close()
        }
      }),
      { numRuns: 150 },
    )
  })

  it('keeps a verdict byte for byte once its article expires, coded or not', async () => {
    const index = createMemoryIndex()
    const plain = '[2,4294967295,null,[],[]]'
    const other = '[2,7,[0,0.9,1,0],["x"],[]]'
    for (const [id, result, of] of [['p', plain, null], ['o', other, 'x']] as const) {
      const s = await index.begin(id)
      await s.commit({ id, time: 1, site: null, result, of, paragraphs: [], bands: [], fingerprints: [] })
    }
    expect(await index.expire(2)).toBe(2)
    expect((await index.begin('p')).stored).toBe(plain)
    expect((await index.begin('o')).stored).toBe(other)
    expect(await index.size()).toBe(0)
  })
})

describe('verdictCode', () => {
  it('codes the plain verdict only, and gives it back as written', () => {
    expect(verdictCode('[2,0,null,[],[]]')).toBe(0)
    expect(verdictCode('[2,4294967295,null,[],[]]')).toBe(4294967295)
    expect(verdictOfCode(123)).toBe('[2,123,null,[],[]]')
    // Spellings that would not come back byte for byte, or hold more, stay strings.
    for (const other of ['[2,4294967296,null,[],[]]', '[2,012,null,[],[]]', '[2,1,null,[],[],1]', '[2, 1,null,[],[]]', '[2,1,null,[],[]] ', '{"id":"x"}']) {
      expect(verdictCode(other)).toBeNull()
    }
  })
})

describe('article blob', () => {
  it('gives back its bands, fingerprints and paragraphs, of any size', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 2 ** 32 - 1 }), { maxLength: 20 }),
        fc.array(fc.record({ kind: fc.nat({ max: 1 }), high: fc.nat({ max: 2 ** 32 - 1 }), low: fc.nat({ max: 2 ** 32 - 1 }), paragraph: fc.nat({ max: 2 ** 31 }) }), { maxLength: 12 }),
        fc.array(fc.uniqueArray(fc.nat({ max: 65535 }), { maxLength: 300 }), { maxLength: 4 }),
        fc.nat({ max: 40 }),
        (bands, fingerprints, sets, copies) => {
          // Copies of the sets make blobs past 32 KB (written in several pieces).
          const paragraphs = Array.from({ length: sets.length * (copies + 1) }, (_, i) => ({ index: i * 3, shingles: Uint32Array.from([...(sets[i % sets.length] as number[])].sort((a, b) => a - b)) }))
          const blob = encodeArticleBlob(bands, fingerprints, encodeParagraphs(paragraphs))
          const read = decodeArticleBlob(blob)
          expect(read.bands).toEqual(bands)
          expect(read.fingerprints).toEqual(fingerprints.map((f) => (fingerprints.some((g) => g.kind !== 0) ? f : { ...f, kind: 0 })))
          expect(decodeParagraphs(blobBytes(blob, read.paragraphsAt)).map((p) => [p.index, [...p.shingles]])).toEqual(paragraphs.map((p) => [p.index, [...p.shingles]]))
        },
      ),
      { numRuns: 100 },
    )
  })

  it('gives the paragraph of a key read in place, as the first decoded fingerprint with it', () => {
    // Few distinct key words, so that keys repeat (the first one counts) and absent keys are asked.
    const key = fc.record({ kind: fc.nat({ max: 1 }), high: fc.constantFrom(0, 1, 2 ** 32 - 1), low: fc.constantFrom(0, 7, 2 ** 31) })
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 2 ** 32 - 1 }), { maxLength: 20 }),
        fc.array(fc.record({ key, paragraph: fc.nat({ max: 2 ** 31 }) }), { maxLength: 12 }),
        fc.array(key, { minLength: 1, maxLength: 6 }),
        (bands, held, asked) => {
          const blob = encodeArticleBlob(bands, held.map(({ key, paragraph }) => ({ ...key, paragraph })), encodeParagraphs([{ index: 0, shingles: Uint32Array.of(3, 9) }]))
          const decoded = decodeArticleBlob(blob).fingerprints
          for (const { kind, high, low } of [...asked, ...held.map((h) => h.key)]) {
            const first = decoded.find((f) => f.kind === kind && f.high === high && f.low === low)
            expect(blobParagraphOf(blob, kind, high, low)).toBe(first ? first.paragraph : -1)
          }
        },
      ),
      { numRuns: 200 },
    )
  })
})
