import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDeduplicator } from '../../src/feed/create-deduplicator.js'
import { createMemoryIndex } from '../../src/stores/memory.js'
import { createRedisIndex } from '../../src/stores/redis.js'
import { createSqliteIndex } from '../../src/stores/sqlite.js'
import type { Article, FeedIndex, FeedResult } from '../../src/feed/types.js'
import { editWords, makeFeed, seeded, siteBoilerplate, story, vocabulary } from './fixtures.js'
import { startTestRedis, type TestRedis } from '../helpers/redis-server.js'

let redis: TestRedis | null = null
let dir = ''
beforeAll(async () => {
  redis = await startTestRedis()
  dir = mkdtempSync(join(tmpdir(), 'feed-dedup-'))
})
afterAll(async () => {
  await redis?.stop()
  rmSync(dir, { recursive: true, force: true })
})

async function runAll(articles: Article[], options: Parameters<typeof createDeduplicator>[0] = {}): Promise<FeedResult[]> {
  const dedup = createDeduplicator(options)
  const out: FeedResult[] = []
  for await (const r of dedup.run(articles)) out.push(r)
  await dedup.close()
  return out
}

const rand = seeded(42)
const common = vocabulary(600, rand)
const topic = vocabulary(60, rand)
const base = story(rand, common, topic, 6)

describe('article duplicates', () => {
  it('finds syndicated copies with edits, added or dropped paragraphs and foreign boilerplate', async () => {
    const results = await runAll([
      { id: 'orig', site: 'a.example', text: base.join('\n\n') },
      { id: 'exact', site: 'b.example', text: base.join('\n\n') },
      { id: 'edited', site: 'c.example', text: base.map((p, i) => (i < 2 ? editWords(p, 3, rand, common) : p)).join('\n\n') },
      { id: 'every-paragraph-edited', site: 'c.example', text: base.map((p) => editWords(p, 2, rand, common)).join('\n\n') },
      { id: 'added', site: 'd.example', text: [...base, ...story(rand, common, topic, 1)].join('\n\n') },
      { id: 'dropped', site: 'd.example', text: base.slice(0, 3).join('\n\n') },
      { id: 'boilerplate', site: 'e.example', text: [...siteBoilerplate('e.example'), ...base].join('\n\n') },
    ])
    expect(results[0]!.duplicate).toBeNull()
    for (const r of results.slice(1)) {
      expect(r.duplicate?.of, r.id).toBe('orig')
    }
    expect(results[1]!.duplicate?.kind).toBe('copy')
    expect(results[1]!.duplicate?.similarity).toBe(1)
    expect(results[3]!.duplicate?.kind).toBe('near-copy')
    // Edited paragraphs are near repeats, unchanged ones exact; the copy's text keeps nothing of the original.
    const edited = results[2]!
    expect(edited.paragraphs.map((p) => p.crossDuplicate?.kind)).toEqual(['near', 'near', 'exact', 'exact', 'exact', 'exact'])
    expect(edited.paragraphs[0]!.crossDuplicate).toEqual({ kind: 'near', of: { article: 'orig', paragraph: 0 } })
    expect(edited.text).toBe('')
    // The added paragraph is new material and stays in the text.
    expect(results[4]!.text).not.toBe('')
    expect(results[4]!.paragraphs.at(-1)!.crossDuplicate).toBeNull()
  })

  it('does not merge distinct stories on the same topic', async () => {
    const r = seeded(7)
    const articles = Array.from({ length: 40 }, (_, i) => ({ id: `d${i}`, site: 'a.example', text: story(r, common, topic, 5).join('\n\n') }))
    const results = await runAll(articles)
    expect(results.filter((x) => x.duplicate !== null)).toEqual([])
    expect(results.flatMap((x) => x.paragraphs).filter((p) => p.crossDuplicate !== null)).toEqual([])
  })

  it('keeps exactly one article per story in a larger synthetic feed', async () => {
    const feed = makeFeed(40, 3)
    const results = await runAll(feed)
    const originals = new Map<number, number>()
    results.forEach((r, i) => {
      if (r.duplicate === null) originals.set(feed[i]!.story, (originals.get(feed[i]!.story) ?? 0) + 1)
      else expect(r.duplicate.of.split('-')[0]).toBe(feed[i]!.id.split('-')[0])
    })
    expect([...originals.values()].every((n) => n === 1)).toBe(true)
    expect(originals.size).toBe(40)
  })
})

describe('boilerplate', () => {
  const footer = 'Follow us on every social network and share this story with your friends and your family today.'
  it('is found per site from the N-th article on, left out of the text', async () => {
    const r = seeded(9)
    const articles = Array.from({ length: 5 }, (_, i) => ({
      id: `b${i}`,
      url: `https://www.site-a.example/news/${i}`,
      text: [...story(r, common, topic, 3), footer].join('\n\n'),
    }))
    const results = await runAll(articles, { boilerplateMin: 3 })
    const last = (x: FeedResult) => x.paragraphs.at(-1)!.crossDuplicate
    expect(results.map((x) => x.site)).toEqual(Array(5).fill('site-a.example'))
    expect(last(results[0]!)).toBeNull()
    expect(last(results[1]!)).toEqual({ kind: 'exact', of: { article: 'b0', paragraph: 3 } })
    expect(results.slice(2).map(last)).toEqual(Array(3).fill({ kind: 'boilerplate' }))
    for (const x of results) expect(x.duplicate).toBeNull()
    for (const x of results.slice(1)) expect(x.text).not.toContain('Follow us')
    expect(results[0]!.text).toContain('Follow us')
  })

  it('is not counted across sites', async () => {
    const r = seeded(10)
    const articles = Array.from({ length: 5 }, (_, i) => ({
      id: `x${i}`,
      site: `site${i}.example`,
      text: [...story(r, common, topic, 3), footer].join('\n\n'),
    }))
    const results = await runAll(articles)
    expect(results.flatMap((x) => x.paragraphs).filter((p) => p.crossDuplicate?.kind === 'boilerplate')).toEqual([])
  })
})

describe('index behaviour', () => {
  it('re-adding an id returns the first verdict: byte for byte for the same article, on the new text otherwise', async () => {
    const dedup = createDeduplicator()
    await dedup.add({ id: 'a', site: 's', text: base.join('\n\n'), title: 'T' })
    const first = await dedup.add({ id: 'b', site: 's', text: base.join('\n\n'), title: 'U' })
    expect(first.duplicate?.of).toBe('a')
    const same = await dedup.add({ id: 'b', site: 's', text: base.join('\n\n'), title: 'U' })
    expect(JSON.stringify(same)).toBe(JSON.stringify(first))
    // The index keeps the verdict, not the article: what comes back is the article given again.
    const changed = await dedup.add({ id: 'b', site: 's', text: 'something else entirely, never seen before', title: 'V' })
    expect(changed.duplicate).toEqual(first.duplicate)
    expect(changed.title).toBe('V')
    expect(changed.text).toBe('something else entirely, never seen before')
    expect(await dedup.add({ id: 'c', site: 's', text: base.join('\n\n') }).then((r) => r.duplicate?.of)).toBe('a')
    await dedup.close()
  })

  it('makes a content id when there is none', async () => {
    const dedup = createDeduplicator()
    const r = await dedup.add({ text: 'Hello  world.\n\nSecond paragraph.' })
    const s = await dedup.add({ text: 'hello world.\n\nSECOND paragraph.' })
    expect(r.idGenerated).toBe(true)
    expect(r.id).toMatch(/^murmur3-[0-9a-f]{24}$/)
    expect(s.id).toBe(r.id)
    await dedup.close()
  })

  it('keeps an object id (keyed by its JSON text) and an own __proto__ field', async () => {
    const dedup = createDeduplicator()
    const article = JSON.parse('{"id":{"k":[1,2]},"text":"Un article sur le budget municipal.","__proto__":{"x":1}}') as Record<string, unknown>
    const r = await dedup.add(article)
    expect([r.id, r.idGenerated]).toEqual(['{"k":[1,2]}', false])
    expect(Object.hasOwn(r, '__proto__')).toBe(true)
    expect(JSON.stringify(r)).toContain('"__proto__":{"x":1}')
    await dedup.close()
  })

  it('forgets articles older than ttl (by published date)', async () => {
    const day = (d: number) => new Date(Date.UTC(2024, 0, 1) + d * 86_400_000).toISOString()
    const index = createMemoryIndex()
    const results = await runAll(
      [
        { id: 'a', site: 's', published: day(0), text: base.join('\n\n') },
        { id: 'b', site: 't', published: day(0.5), text: base.join('\n\n') },
        { id: 'c', site: 'u', published: day(3), text: story(rand, common, topic, 2).join('\n\n') },
        { id: 'd', site: 'v', published: day(3.1), text: base.join('\n\n') },
      ],
      { ttl: '1d', index },
    )
    expect(results.map((x) => x.duplicate?.of ?? null)).toEqual([null, 'a', null, null])
    expect(results[3]!.paragraphs.every((p) => p.crossDuplicate === null)).toBe(true)
  })

  it('gives byte-identical output whatever the store', async (ctx) => {
    const feed = makeFeed(12, 5)
    const memory = JSON.stringify(await runAll(feed))
    const sqlite = JSON.stringify(await runAll(feed, { index: createSqliteIndex(join(dir, 'same.db')) }))
    expect(sqlite).toBe(memory)
    if (!redis) return ctx.skip()
    const r = JSON.stringify(await runAll(feed, { index: createRedisIndex(redis.url, { prefix: redis.prefix('same') }) }))
    expect(r).toBe(memory)
  })

  it('a restarted run gives the output of one uninterrupted run', async () => {
    const feed = makeFeed(10, 6)
    const once = JSON.stringify(await runAll(feed))
    const path = join(dir, 'restart.db')
    await runAll(feed.slice(0, 17), { index: createSqliteIndex(path) })
    const restarted = JSON.stringify(await runAll(feed, { index: createSqliteIndex(path) }))
    expect(restarted).toBe(once)
  })
})

describe('boilerplate counts only distinct stories', () => {
  const r = seeded(21)
  const story1 = story(r, common, topic, 5)
  const footer = 'Read all of our coverage on the website and in the app, and follow us for the latest news updates.'

  it('a story its site publishes again under new ids stays a copy of the first, however many times', async () => {
    const text = story1.join('\n\n')
    const results = await runAll(Array.from({ length: 4 }, (_, i) => ({ id: `https://bbc.example/story?utm=${i}`, site: 'bbc.example', text })))
    expect(results[0]!.duplicate).toBeNull()
    for (const x of results.slice(1)) {
      expect(x.duplicate, x.id).toMatchObject({ of: 'https://bbc.example/story?utm=0', kind: 'copy', similarity: 1 })
      expect(x.paragraphs.map((p) => p.crossDuplicate?.kind)).toEqual(Array(5).fill('exact'))
      expect(x.text).toBe('')
    }
  })

  it('counts what a copy adds: a site that only republishes has its own footer found', async () => {
    const q = seeded(22)
    const articles: Article[] = []
    for (let i = 0; i < 4; i++) {
      const own = story(q, common, topic, 4)
      articles.push({ id: `wire${i}`, site: 'wire.example', text: own.join('\n\n') })
      articles.push({ id: `mirror${i}`, site: 'mirror.example', text: [...own, footer].join('\n\n') })
    }
    const results = await runAll(articles)
    const mirrors = results.filter((x) => x.site === 'mirror.example')
    expect(mirrors.map((x) => x.duplicate?.of)).toEqual(['wire0', 'wire1', 'wire2', 'wire3'])
    expect(mirrors.map((x) => x.paragraphs.at(-1)!.crossDuplicate?.kind ?? null)).toEqual([null, 'exact', 'boilerplate', 'boilerplate'])
  })

  it('a story its site publishes again is a copy, its paragraphs the story\'s, not boilerplate, even at boilerplateMin 2', async () => {
    // boilerplateMin 2: the second time a site publishes a story, every paragraph of it is seen a
    // second time on the site; the repost is judged a copy before that can make them boilerplate.
    const text = story1.join('\n\n')
    const results = await runAll(
      [{ id: 'first', site: 's.example', text }, { id: 'again', site: 's.example', text }, { id: 'third', site: 's.example', text }],
      { boilerplateMin: 2 },
    )
    for (const again of results.slice(1)) {
      expect(again.duplicate).toMatchObject({ of: 'first', kind: 'copy', similarity: 1 })
      expect(again.paragraphs.map((p) => p.crossDuplicate)).toEqual(story1.map((_, i) => ({ kind: 'exact', of: { article: 'first', paragraph: i } })))
      expect(again.text).toBe('')
    }
  })

  it('an edited repost on the same site, missed or not, never turns the story into boilerplate', async () => {
    const q = seeded(23)
    const own = story(q, common, topic, 5)
    const edits = (n: number) => own.map((p, i) => (i === n ? editWords(p, 2, q, common) : p))
    // The story, then reposts on its own site: two with the same paragraph edited, two with others.
    const articles: Article[] = [{ id: 'r0', site: 's.example', text: own.join('\n\n') }]
    for (const i of [1, 1, 2, 3]) articles.push({ id: `r${articles.length}`, site: 's.example', text: edits(i).join('\n\n') })
    const results = await runAll(articles, { boilerplateMin: 2 })
    for (const r of results.slice(1)) {
      expect(r.duplicate?.of, r.id).toBe('r0')
      expect(r.paragraphs.filter((p) => p.crossDuplicate?.kind === 'boilerplate'), r.id).toEqual([])
    }
  })
})

describe('copies judged on content', () => {
  const q = seeded(51)
  const own = story(q, common, topic, 5)
  const footer = (site: string) => siteBoilerplate(site)[1] as string
  /** Three other stories of `site`, each with its footer: the footer becomes its boilerplate. */
  const warmUp = (site: string, n = 3): Article[] =>
    Array.from({ length: n }, (_, i) => ({ id: `${site}-${i}`, site, text: [...story(q, common, topic, 3), footer(site)].join('\n\n') }))

  it('a verbatim copy is a copy with similarity 1 whatever boilerplate either side is known to carry', async () => {
    const page = [...own, footer('a.example')].join('\n\n')
    const results = await runAll([
      ...warmUp('a.example'),
      // The original's footer is known boilerplate on a.example, not on b.example: the verbatim copy carries it.
      { id: 'orig', site: 'a.example', text: page },
      { id: 'copy', site: 'b.example', text: page },
      ...warmUp('c.example'),
      // A copy that carries its own site's known footer.
      { id: 'copy-c', site: 'c.example', text: [...own, footer('c.example')].join('\n\n') },
    ])
    const byId = new Map(results.map((r) => [r.id, r]))
    expect(byId.get('orig')!.paragraphs.at(-1)!.crossDuplicate).toEqual({ kind: 'boilerplate' })
    expect(byId.get('copy')!.duplicate).toEqual({ of: 'orig', similarity: 1, containment: 1, kind: 'copy' })
    expect(byId.get('copy-c')!.duplicate).toEqual({ of: 'orig', similarity: 1, containment: 1, kind: 'copy' })
  })

  it('finds a short copy that drops its first paragraph inside its copier\'s own header and footer', async () => {
    const short = own.slice(0, 2)
    const [header, foot] = siteBoilerplate('d.example')
    const results = await runAll([
      { id: 'orig', site: 'a.example', text: short.join('\n\n') },
      { id: 'copy', site: 'd.example', text: [header, short[1], foot].join('\n\n') },
      { id: 'swapped', site: 'e.example', text: [short[1], short[0]].join('\n\n') },
    ])
    expect(results[1]!.duplicate?.of).toBe('orig')
    expect(results[1]!.duplicate?.kind).toBe('near-copy')
    // Paragraph order plays no part.
    expect(results[2]!.duplicate).toEqual({ of: 'orig', similarity: 1, containment: 1, kind: 'copy' })
  })

  it('links a copy of a copy to the earliest original', async () => {
    const middle = own.slice(1)
    const last = middle.slice(0, -1).map((p, i) => (i === 0 ? editWords(p, 2, q, common) : p))
    const results = await runAll([
      { id: 'root', site: 'a.example', text: own.join('\n\n') },
      { id: 'middle', site: 'b.example', text: [...middle, footer('b.example')].join('\n\n') },
      { id: 'last', site: 'c.example', text: last.join('\n\n') },
    ])
    expect(results.map((r) => r.duplicate?.of ?? null)).toEqual([null, 'root', 'root'])
  })
})

describe('short lines across articles', () => {
  const q = seeded(61)
  const lines = ['Réactions', '(AFP)', 'Paris, le 12 mars', 'Contexte']
  it('are never cut as repeats of another site\'s story; only as a copy\'s, or as their own site\'s boilerplate', async () => {
    const stories = Array.from({ length: 4 }, () => story(q, common, topic, 3))
    const withLines = (s: string[]) => [s[0], lines[0], s[1], lines[1], lines[2], s[2], lines[3]] as string[]
    const results = await runAll([
      ...stories.map((s, i) => ({ id: `u${i}`, site: `site${i}.example`, text: withLines(s).join('\n\n') })),
      { id: 'copy', site: 'other.example', text: withLines(stories[0]!).join('\n\n') },
      // One site using the lines in three of its own distinct stories: there they are its boilerplate.
      ...Array.from({ length: 3 }, (_, i) => ({ id: `own${i}`, site: 'own.example', text: withLines(story(q, common, topic, 3)).join('\n\n') })),
    ])
    const byId = new Map(results.map((r) => [r.id, r]))
    for (const id of ['u1', 'u2', 'u3']) {
      expect(byId.get(id)!.paragraphs.filter((p) => p.crossDuplicate !== null), id).toEqual([])
      expect(byId.get(id)!.text, id).toContain('(AFP)')
    }
    const copy = byId.get('copy')!
    expect(copy.duplicate?.of).toBe('u0')
    expect(copy.paragraphs[1]!.crossDuplicate).toEqual({ kind: 'exact', of: { article: 'u0', paragraph: 1 } })
    expect(byId.get('own1')!.paragraphs[1]!.crossDuplicate).toBeNull()
    expect(byId.get('own2')!.paragraphs.filter((p) => lines.includes(p.text)).map((p) => p.crossDuplicate)).toEqual(Array(4).fill({ kind: 'boilerplate' }))
  })
})

describe('generated ids', () => {
  const text = story(seeded(31), common, topic, 4).join('\n\n')

  it('tell apart one text delivered at two urls: the second is a copy; a re-delivery is recognised', async () => {
    const dedup = createDeduplicator()
    const a = await dedup.add({ url: 'https://a.example/x', text })
    const b = await dedup.add({ url: 'https://b.example/y', text })
    const bAgain = await dedup.add({ url: 'https://b.example/y', text })
    expect([a.idGenerated, b.idGenerated]).toEqual([true, true])
    expect(b.id).not.toBe(a.id)
    expect(b.id).toMatch(/^murmur3-[0-9a-f]{24}$/)
    expect(b.url).toBe('https://b.example/y')
    expect(a.duplicate).toBeNull()
    expect(b.duplicate).toMatchObject({ of: a.id, kind: 'copy' })
    expect(JSON.stringify(bAgain)).toBe(JSON.stringify(b))
    await dedup.close()
  })

  it('tell apart two sites; without url or site the same text is the same article', async () => {
    const dedup = createDeduplicator()
    const [s, t, none, noneAgain] = [
      await dedup.add({ site: 's.example', text }),
      await dedup.add({ site: 't.example', text }),
      await dedup.add({ text }),
      await dedup.add({ text }),
    ]
    expect(new Set([s!.id, t!.id, none!.id]).size).toBe(3)
    expect(t!.duplicate?.of).toBe(s!.id)
    expect(noneAgain!.id).toBe(none!.id)
    expect(JSON.stringify(noneAgain)).toBe(JSON.stringify(none))
    await dedup.close()
  })
})

describe('candidate selection', () => {
  it('verifies the best match however many older articles share its LSH buckets', async () => {
    // 400 articles made of one template (3 paragraphs) and 3 paragraphs of their own fill the
    // buckets the template decides; then originals on the same template, each followed by a
    // copy with 2 words edited in every paragraph of its own.
    const q = seeded(12)
    const template = story(q, common, topic, 3)
    const articles: Article[] = Array.from({ length: 400 }, (_, i) => ({
      id: `t${i}`,
      text: [...template, ...story(q, common, topic, 3)].join('\n\n'),
    }))
    for (let j = 0; j < 20; j++) {
      const own = story(q, common, topic, 3)
      articles.push({ id: `o${j}`, text: [...template, ...own].join('\n\n') })
      articles.push({ id: `c${j}`, text: [...template, ...own.map((p) => editWords(p, 2, q, common))].join('\n\n') })
    }
    const results = new Map((await runAll(articles)).map((x) => [x.id, x]))
    // The fixture keeps its intent: templated articles are distinct stories.
    expect([...results.values()].filter((x) => x.id.startsWith('t') && x.duplicate !== null)).toEqual([])
    for (let j = 0; j < 20; j++) {
      expect(results.get(`o${j}`)!.duplicate, `o${j}`).toBeNull()
      expect(results.get(`c${j}`)!.duplicate?.of, `c${j}`).toBe(`o${j}`)
    }
  })
})

/** The index seen through a deduplicator that leaves it open when closed: a restart on the same memory index. */
const keepOpen = (index: FeedIndex): FeedIndex => ({
  kind: index.kind,
  begin: (id) => index.begin(id),
  expire: (cutoff) => index.expire(cutoff),
  size: () => index.size(),
  close: async () => {},
})

let ttlCounter = 0
const ttlStores: Array<[string, () => FeedIndex | null]> = [
  ['memory', () => createMemoryIndex()],
  ['sqlite', () => createSqliteIndex(join(dir, `ttl${++ttlCounter}.db`))],
  ['redis', () => (redis ? createRedisIndex(redis.url, { prefix: redis.prefix('ttl') }) : null)],
]

describe.each(ttlStores)('ttl window on a %s index', (_name, make) => {
  const q = seeded(41)
  const storyA = story(q, common, topic, 4).join('\n\n')
  const storyC = story(q, common, topic, 4).join('\n\n')
  const input: Article[] = [
    { id: 'A', site: 'a.example', published: '2024-01-01T00:00:00Z', text: storyA },
    { id: 'C', site: 'c.example', published: '2024-01-11T00:00:00Z', text: storyC },
    { id: 'A2', site: 'b.example', published: '2024-01-11T00:00:00Z', text: storyA },
  ]

  it('judges an article older than the window alone and does not record it: a restarted run repeats the first', async (ctx) => {
    const index = make()
    if (!index) return ctx.skip()
    const first = await runAll(input, { index: keepOpen(index), ttl: '7d' })
    // A was forgotten when C came: A2 is an original.
    expect(first.map((x) => x.duplicate)).toEqual([null, null, null])
    const again = await runAll(input, { index: keepOpen(index), ttl: '7d' })
    expect(JSON.stringify(again)).toBe(JSON.stringify(first))
    // A, re-delivered after its window, is not a copy of the later A2, and is not kept.
    expect(again[0]!.duplicate).toBeNull()
    expect(again[0]!.paragraphs.every((p) => p.crossDuplicate === null)).toBe(true)
    expect(await index.size()).toBe(2)
    await index.close()
  })
})

describe('createDeduplicator options', () => {
  it('rejects a misspelt option when created, not once per article', () => {
    expect(() => createDeduplicator({ bandz: 8 } as never)).toThrow(/Unknown option `bandz`: did you mean `bands`\?/)
    expect(() => createDeduplicator({ detect: { nearTreshold: 0.5 } } as never)).toThrow(/did you mean `detect.nearThreshold`/)
  })
})
