import { pipeline } from 'node:stream/promises'
import { Readable, Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { DedupeError } from '../../../src/errors.js'
import { cleanAll } from '../../../src/adapters/streams/clean-all.js'
import { createCleanStream } from '../../../src/adapters/streams/create-clean-stream.js'
import { createCleanTransform } from '../../../src/adapters/streams/create-clean-transform.js'
import { ARTICLES, cliRecords, countingSource, settle, stalled, throughNode, throughWeb } from './inputs.js'

/** The CLI's error records carry the input line; the streams' do not (an object has no line). */
const withoutLine = (record: Record<string, unknown>): Record<string, unknown> => {
  const { line: _line, ...rest } = record
  return rest
}

async function viaCleanAll(items: Iterable<unknown>, options?: Parameters<typeof cleanAll>[1]): Promise<unknown[]> {
  const out: unknown[] = []
  for await (const record of cleanAll(items, options)) out.push(record)
  return out
}

describe('clean streams give the records of `news-dedup clean --from jsonl`', () => {
  const apis = {
    createCleanTransform: (options?: object) => throughNode(ARTICLES, createCleanTransform(options)),
    createCleanStream: (options?: object) => throughWeb(ARTICLES, createCleanStream(options)),
    cleanAll: (options?: object) => viaCleanAll(ARTICLES, options),
  }

  for (const [name, run] of Object.entries(apis)) {
    it(`${name}: same records, error records in place, same order`, async () => {
      const expected = (await cliRecords(ARTICLES)).map(withoutLine)
      const records = await run()
      expect(records).toHaveLength(ARTICLES.length)
      expect(records).toEqual(expected)
      expect(records.map((r) => (r as { error?: { code: string } }).error?.code ?? 'ok')).toEqual([
        'ok', 'ok', 'ok', 'E_INVALID_RECORD', 'E_BINARY_INPUT', 'ok', 'ok', 'E_INVALID_RECORD',
      ])
    })

    it(`${name}: clean() options as the CLI flags`, async () => {
      const flags = ['--min-sentence-length', '0', '--languages', 'fr,es,ru,en', '--line-breaks', 'paragraph']
      const expected = (await cliRecords(ARTICLES, flags)).map(withoutLine)
      const records = await run({ detect: { minSentenceLength: 0 }, language: { only: ['fr', 'es', 'ru', 'en'] }, split: { lineBreaks: 'paragraph' } })
      expect(records).toEqual(expected)
    })
  }

  it('items that are not article objects give E_INVALID_RECORD and the stream goes on', async () => {
    const items = [42, 'a string', ['an', 'array'], { id: 'ok', text: 'Le chat dort.' }]
    for (const records of [
      await throughNode(items, createCleanTransform()),
      await throughWeb([...items, null], createCleanStream()),
      await viaCleanAll([...items, null, undefined]),
    ]) {
      expect(records.slice(0, 3)).toEqual([
        { id: null, error: { code: 'E_INVALID_RECORD', message: 'Expected an article object, not a number' } },
        { id: null, error: { code: 'E_INVALID_RECORD', message: 'Expected an article object, not a string' } },
        { id: null, error: { code: 'E_INVALID_RECORD', message: 'Expected an article object, not an array' } },
      ])
      expect(records[3]).toMatchObject({ id: 'ok', text: 'Le chat dort.' })
      for (const extra of records.slice(4)) expect(extra).toMatchObject({ id: null, error: { code: 'E_INVALID_RECORD' } })
    }
  })

  it('bad options throw at creation, not once per article', () => {
    expect(() => createCleanTransform({ detect: { nearThreshold: 2 } })).toThrow(DedupeError)
    expect(() => createCleanStream({ format: 'pdf' as 'text' })).toThrow(DedupeError)
    expect(() => cleanAll([], { detect: { minLength: -1 } })).toThrow(DedupeError)
    expect(() => createCleanTransform({ highWaterMark: -1 })).toThrow(/highWaterMark/)
  })
})

describe('back-pressure', () => {
  const TOTAL = 200

  for (const highWaterMark of [1, 4]) {
    it(`Node Transform (highWaterMark ${highWaterMark}): a paused Writable holds the producer, then everything arrives`, async () => {
      const source = countingSource(TOTAL)
      let release!: () => void
      const gate = new Promise<void>((done) => (release = done))
      const received: unknown[] = []
      const sink = new Writable({
        objectMode: true,
        highWaterMark: 1,
        write(record, _encoding, callback) {
          received.push(record)
          gate.then(() => callback(), callback)
        },
      })
      const done = pipeline(Readable.from(source.items(), { highWaterMark: 1 }), createCleanTransform({ highWaterMark }), sink)
      const whilePaused = await stalled(source.pulled)
      expect(received.length).toBe(1)
      // Measured: 2 × highWaterMark + 1 (the source buffers one too).
      expect(whilePaused).toBeLessThanOrEqual(highWaterMark * 2 + 2)
      release()
      await done
      expect(source.pulled()).toBe(TOTAL)
      expect(received.map((r) => (r as { id: number }).id)).toEqual([...Array(TOTAL).keys()])
    })
  }

  it('Node Transform: a readable side nobody reads stops the source', async () => {
    const source = countingSource(TOTAL)
    const transform = createCleanTransform()
    Readable.from(source.items(), { highWaterMark: 1 }).pipe(transform)
    expect(await stalled(source.pulled)).toBeLessThanOrEqual(1 * 2 + 2)
    const records = await transform.toArray()
    expect(records).toHaveLength(TOTAL)
    expect(source.pulled()).toBe(TOTAL)
  })

  for (const highWaterMark of [1, 4]) {
    it(`WHATWG TransformStream (highWaterMark ${highWaterMark}): an unread reader stops pulling from the source`, async () => {
      let pulled = 0
      const source = new ReadableStream<unknown>(
        {
          pull(controller) {
            if (pulled === TOTAL) return controller.close()
            controller.enqueue({ id: pulled, text: `Article ${pulled}: le conseil a voté le budget.` })
            pulled++
          },
        },
        { highWaterMark: 1 },
      )
      const reader = source.pipeThrough(createCleanStream({ highWaterMark })).getReader()
      expect(await stalled(() => pulled)).toBeLessThanOrEqual(highWaterMark * 2 + 2)
      const ids: unknown[] = []
      for (let next = await reader.read(); !next.done; next = await reader.read()) ids.push((next.value as { id: unknown }).id)
      expect(ids).toEqual([...Array(TOTAL).keys()])
      expect(pulled).toBe(TOTAL)
    })
  }

  it('cleanAll pulls one article per record, nothing ahead', async () => {
    const source = countingSource(10)
    const records = cleanAll(source.items())
    await settle(5)
    expect(source.pulled()).toBe(0)
    for (let k = 1; k <= 3; k++) {
      const next = await records.next()
      expect(next.value).toMatchObject({ id: k - 1 })
      await settle(5)
      expect(source.pulled()).toBe(k)
    }
    await records.return(undefined)
    expect(source.pulled()).toBe(3)
  })

  it('cleanAll takes async iterables, lazily too', async () => {
    let pulled = 0
    async function* articles() {
      for (let k = 0; k < 5; k++) {
        pulled++
        yield { id: k, text: 'Le chat dort.' }
      }
    }
    const records = cleanAll(articles())
    await records.next()
    expect(pulled).toBe(1)
    const rest: unknown[] = []
    for await (const record of records) rest.push(record)
    expect(rest).toHaveLength(4)
    expect(pulled).toBe(5)
  })
})
