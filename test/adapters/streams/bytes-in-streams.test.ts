import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { createCleanStream } from '../../../src/adapters/streams/create-clean-stream.js'
import { createCleanTransform } from '../../../src/adapters/streams/create-clean-transform.js'
import { createFeedStream } from '../../../src/adapters/streams/create-feed-stream.js'
import { throughNode, throughWeb } from './inputs.js'

const LEAD = 'Младший брат мэра открыл в понедельник новую пекарню на главной площади города.'
const SECOND = 'Жители говорят, что очередь за хлебом начинается уже в шесть часов утра.'

/** Articles with their bodies as bytes: KOI8-R with a transport charset, windows-1251 undeclared, bytes alone. */
const ITEMS = [
  { id: 1, html: iconv.encode(`<p>${LEAD}</p><p>${SECOND}</p>`, 'koi8-r'), contentType: 'text/html; charset=koi8-r' },
  { id: 2, text: iconv.encode(`${LEAD}\n\n${SECOND}\n\n${LEAD}`, 'windows-1251') },
  iconv.encode(`<meta charset="windows-1251"><p>${SECOND}</p>`, 'windows-1251'),
]

describe('the streams take bytes', () => {
  it.each([
    ['WHATWG', (items: unknown[]) => throughWeb(items, createCleanStream())],
    ['Node', (items: unknown[]) => throughNode(items, createCleanTransform())],
  ])('%s clean stream: decoded records with their encoding', async (_, through) => {
    const records = (await through(ITEMS)) as Array<Record<string, unknown>>
    expect(records.map((r) => [r.id, r.text, r.encoding])).toEqual([
      [1, `${LEAD}\n\n${SECOND}`, { name: 'koi8-r', source: 'transport' }],
      [2, `${LEAD}\n\n${SECOND}`, { name: 'windows-1251', source: 'detected' }],
      [null, SECOND, { name: 'windows-1251', source: 'meta' }],
    ])
    // The transport field is input metadata: kept on the record; the bytes are not.
    expect(records[0]).toMatchObject({ contentType: 'text/html; charset=koi8-r' })
    expect('html' in records[0]!).toBe(false)
  })

  it('feed stream: a copy in another encoding is a copy', async () => {
    const records = (await throughWeb(ITEMS.slice(0, 2), createFeedStream())) as Array<Record<string, unknown>>
    expect(records.map((r) => [r.id, r.duplicate === null ? null : (r.duplicate as { of: string }).of])).toEqual([
      ['1', null],
      ['2', '1'],
    ])
  })
})
