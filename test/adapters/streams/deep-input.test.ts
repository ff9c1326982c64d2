import { describe, expect, it } from 'vitest'
import { cleanAll } from '../../../src/adapters/streams/clean-all.js'
import { cleanRecord } from '../../../src/adapters/streams/clean-record.js'
import { createCleanStream } from '../../../src/adapters/streams/create-clean-stream.js'
import { createCleanTransform } from '../../../src/adapters/streams/create-clean-transform.js'
import { createFeedStream } from '../../../src/adapters/streams/create-feed-stream.js'
import { createFeedTransform } from '../../../src/adapters/streams/create-feed-transform.js'
import { createDeduplicator } from '../../../src/feed/create-deduplicator.js'
import { nestsDeeperThan } from '../../../src/feed/nests-deeper-than.js'
import { throughNode, throughWeb } from './inputs.js'

const DEPTH = 100_000
/** A value nested `DEPTH` levels deep, built without recursion. */
function deepObject(): unknown {
  let value: unknown = 1
  for (let k = 0; k < DEPTH; k++) value = { a: value }
  return value
}
function deepArray(): unknown {
  let value: unknown = 'bottom'
  for (let k = 0; k < DEPTH; k++) value = [value]
  return value
}

const TEXT = 'Le conseil municipal a voté le budget de la ville pour l’année prochaine.\n\nLes travaux du pont commenceront au printemps, a annoncé la mairie.'
const KEPT = 'Le conseil municipal a voté le budget de la ville pour l’année prochaine.\n\nLes travaux du pont commenceront au printemps, a annoncé la mairie.'

type Record_ = Record<string, unknown>
const paths: Array<[string, (article: Record_) => Promise<Record_>]> = [
  ['cleanRecord', async (a) => cleanRecord(a) as Record_],
  ['cleanAll', async (a) => { for await (const r of cleanAll([a])) return r as Record_; throw new Error('no record') }],
  ['createCleanStream', async (a) => (await throughWeb([a], createCleanStream()))[0] as Record_],
  ['createCleanTransform', async (a) => (await throughNode([a], createCleanTransform()))[0] as Record_],
  ['createDeduplicator', async (a) => { const d = createDeduplicator(); try { return (await d.add(a)) as unknown as Record_ } finally { await d.close() } }],
  ['createFeedStream', async (a) => (await throughWeb([a], createFeedStream()))[0] as Record_],
  ['createFeedTransform', async (a) => (await throughNode([a], createFeedTransform()))[0] as Record_],
]

describe('a field nested 100,000 deep does not fail its article, in any library or stream path', () => {
  for (const [name, run] of paths) {
    it.each([['object', deepObject], ['array', deepArray]])(`${name}: a %s field is carried over as given, the article cleaned`, async (_, make) => {
      const deep = make()
      const record = await run({ id: 'a1', text: TEXT, deep, after: 'kept' })
      expect(record.error).toBeUndefined()
      expect(record.text).toBe(KEPT)
      expect(record.deep).toBe(deep)
      expect(record.after).toBe('kept')
      // The field keeps its place among the caller's fields.
      expect(Object.keys(record).indexOf('deep')).toBeLessThan(Object.keys(record).indexOf('after'))
    })
  }

  it('the feed refuses an id nested that deep with a per-record E_INVALID_RECORD (its JSON text could not be made), and goes on', async () => {
    const id = deepObject()
    const records = (await throughWeb([{ id, text: TEXT }, { id: 'next', text: TEXT }], createFeedStream())) as Record_[]
    expect(records[0]!.id).toBe(id) // the error record names the article by its id, as given
    expect((records[0]!.error as { code: string }).code).toBe('E_INVALID_RECORD')
    expect((records[0]!.error as { message: string }).message).toMatch(/nests deeper than 512 levels/)
    expect(records[1]).toMatchObject({ id: 'next', text: KEPT })
  })
})

describe('deep HTML and Markdown through the streams', () => {
  const html = `<p>${TEXT.split('\n\n')[0]}</p>${'<div>'.repeat(DEPTH)}<p>${TEXT.split('\n\n')[1]}</p>`
  const markdown = `${TEXT.split('\n\n')[0]}\n\n${'>'.repeat(DEPTH)} ${TEXT.split('\n\n')[1]}\n`
  it.each([
    ['createCleanStream', (a: Record_) => throughWeb([a], createCleanStream())],
    ['createCleanTransform', (a: Record_) => throughNode([a], createCleanTransform())],
    ['createFeedStream', (a: Record_) => throughWeb([a], createFeedStream())],
    ['createFeedTransform', (a: Record_) => throughNode([a], createFeedTransform())],
  ])('%s: 100,000 nested <div>s and 100,000 quote markers give their text, no error', async (_, run) => {
    const [fromHtml] = (await run({ id: 'h', html })) as Record_[]
    expect(fromHtml!.error).toBeUndefined()
    expect(fromHtml!.text).toContain('Les travaux du pont commenceront au printemps')
    const [fromMarkdown] = (await run({ id: 'm', markdown })) as Record_[]
    expect(fromMarkdown!.error).toBeUndefined()
    expect(fromMarkdown!.text).toContain('Les travaux du pont commenceront au printemps')
  })
})

describe('nestsDeeperThan', () => {
  it('measures depth without recursion, cycles as endless', () => {
    expect(nestsDeeperThan(1, 0)).toBe(false)
    expect(nestsDeeperThan({}, 0)).toBe(true)
    expect(nestsDeeperThan({ a: [1] }, 2)).toBe(false)
    expect(nestsDeeperThan({ a: [1] }, 1)).toBe(true)
    expect(nestsDeeperThan(deepArray())).toBe(true)
    const cycle: Record_ = {}
    cycle.self = cycle
    expect(nestsDeeperThan(cycle)).toBe(true)
  })
})
