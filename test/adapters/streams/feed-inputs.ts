import { PassThrough, Readable } from 'node:stream'
import { runFeed } from '../../../src/cli/feed-command.js'
import { seeded, story, vocabulary } from '../../feed/fixtures.js'

const rand = seeded(2024)
const common = vocabulary(500, rand)
const a = story(rand, common, vocabulary(50, rand), 4)
const b = story(rand, common, vocabulary(50, rand), 4)
const c = story(rand, common, vocabulary(50, rand), 4)
const d = story(rand, common, vocabulary(50, rand), 4)
const FOOTER = 'Read also our complete coverage of the regional elections and subscribe to the morning newsletter for more.'

/**
 * A small feed: originals, an exact copy on another site, an edited copy, and one site whose
 * articles end with the same footer (boilerplate from its third article on). Fixed
 * `published` dates, so no arrival time matters.
 */
export const FEED_ARTICLES: ReadonlyArray<Record<string, unknown>> = [
  { id: 'a', site: 'one.example', published: '2024-05-01T08:00:00Z', title: 'A', text: [...a, FOOTER].join('\n\n') },
  { id: 'b', site: 'one.example', published: '2024-05-01T09:00:00Z', text: [...b, FOOTER].join('\n\n') },
  { id: 'a-copy', url: 'https://www.two.example/a', published: '2024-05-01T10:00:00Z', text: [...a, FOOTER].join('\n\n') },
  { id: 'c', site: 'one.example', published: '2024-05-01T11:00:00Z', html: [...c, FOOTER].map((p) => `<p>${p}</p>`).join('') },
  { id: 'b-edit', site: 'three.example', published: '2024-05-01T12:00:00Z', text: [...b, d[0]].join('\n\n') },
  { published: '2024-05-01T13:00:00Z', markdown: d.join('\n\n') },
]

/** The records `news-dedup feed --index :memory:` writes for these articles. */
export async function feedCliRecords(articles: ReadonlyArray<unknown>): Promise<Array<Record<string, unknown>>> {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  let out = ''
  stdout.on('data', (chunk) => (out += chunk))
  stderr.resume()
  const input = articles.map((article) => JSON.stringify(article)).join('\n') + '\n'
  await runFeed(['--index', ':memory:'], { stdin: Readable.from([Buffer.from(input)]), stdout, stderr })
  return out
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>)
}
