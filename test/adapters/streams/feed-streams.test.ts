import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { createMemoryIndex } from '../../../src/stores/memory.js'
import { createFeedStream } from '../../../src/adapters/streams/create-feed-stream.js'
import { createFeedTransform } from '../../../src/adapters/streams/create-feed-transform.js'
import type { FeedIndex } from '../../../src/feed/types.js'
import { FEED_ARTICLES, feedCliRecords } from './feed-inputs.js'
import { countingSource, settle, stalled, throughNode, throughWeb } from './inputs.js'

/** A memory index that remembers whether it was closed. */
function trackedIndex(): { index: FeedIndex; closed: () => number } {
  const index = createMemoryIndex()
  let closed = 0
  return {
    index: { ...index, kind: index.kind, begin: index.begin.bind(index), expire: index.expire.bind(index), size: index.size.bind(index), close: async () => { closed++; await index.close() } },
    closed: () => closed,
  }
}

describe('feed streams give the records of `news-dedup feed`', () => {
  it('the feed has copies, near copies and boilerplate (the fixture covers every verdict)', async () => {
    const records = await feedCliRecords(FEED_ARTICLES)
    const kinds = records.map((r) => (r.duplicate as { kind: string } | null)?.kind ?? null)
    expect(kinds).toEqual([null, null, 'copy', null, 'near-copy', null])
    const cross = records.flatMap((r) => (r.paragraphs as Array<{ crossDuplicate: { kind: string } | null }>).map((p) => p.crossDuplicate?.kind))
    expect(cross).toContain('boilerplate')
    expect(cross).toContain('exact')
    expect(records[5]).toMatchObject({ idGenerated: true })
  })

  for (const [name, run] of [
    ['createFeedTransform', (index: FeedIndex) => throughNode(FEED_ARTICLES, createFeedTransform({ index }))],
    ['createFeedStream', (index: FeedIndex) => throughWeb(FEED_ARTICLES, createFeedStream({ index }))],
  ] as const) {
    it(`${name}: same records as the CLI, and the index is closed at the end`, async () => {
      const tracked = trackedIndex()
      const records = await run(tracked.index)
      expect(records).toEqual(await feedCliRecords(FEED_ARTICLES))
      await settle(5)
      expect(tracked.closed()).toBe(1)
    })
  }

  it('an article that fails gives an error record and the stream goes on', async () => {
    const items = [{ id: 'x', title: 'no body' }, 42, { id: 'bin', text: 'a\u0000b' }, { id: 'ok', text: 'Le chat dort sur le canapé du salon.' }]
    for (const records of [await throughNode(items, createFeedTransform()), await throughWeb(items, createFeedStream())]) {
      expect(records.slice(0, 3)).toEqual([
        { id: 'x', error: { code: 'E_INVALID_RECORD', message: expect.any(String) } },
        { id: null, error: { code: 'E_INVALID_RECORD', message: 'Expected an article object' } },
        { id: 'bin', error: { code: 'E_BINARY_INPUT', message: expect.any(String) } },
      ])
      expect(records[3]).toMatchObject({ id: 'ok', duplicate: null })
    }
  })

  it('createFeedTransform: back-pressure holds the source while nobody reads', async () => {
    const source = countingSource(100)
    const transform = createFeedTransform()
    Readable.from(source.items(), { highWaterMark: 1 }).pipe(transform)
    expect(await stalled(source.pulled)).toBeLessThanOrEqual(4)
    expect(await transform.toArray()).toHaveLength(100)
  })

  it('createFeedStream: an unread reader stops pulling from the source, then everything arrives in order', async () => {
    const TOTAL = 60
    let pulled = 0
    const source = new ReadableStream<unknown>(
      {
        pull(controller) {
          if (pulled === TOTAL) return controller.close()
          controller.enqueue({ id: pulled, site: 'x.example', text: `Article ${pulled} : le conseil municipal a voté le budget de l'année ${2000 + pulled}.` })
          pulled++
        },
      },
      { highWaterMark: 1 },
    )
    const reader = source.pipeThrough(createFeedStream()).getReader()
    // Measured: 2 × highWaterMark (1) + 1, the source's own buffer included.
    expect(await stalled(() => pulled)).toBeLessThanOrEqual(4)
    const ids: unknown[] = []
    for (let next = await reader.read(); !next.done; next = await reader.read()) ids.push((next.value as { id: unknown }).id)
    expect(ids).toEqual([...Array(TOTAL).keys()].map(String))
    expect(pulled).toBe(TOTAL)
  })

  it('createFeedTransform closes the index when destroyed', async () => {
    const tracked = trackedIndex()
    const transform = createFeedTransform({ index: tracked.index })
    transform.destroy()
    await settle(5)
    expect(tracked.closed()).toBe(1)
  })
})
