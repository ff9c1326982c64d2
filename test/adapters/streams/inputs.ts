import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { Readable } from 'node:stream'
import { main } from '../../../src/cli/main.js'
import { fakeIo } from '../../helpers/fake-io.js'

const ROOT = resolve(import.meta.dirname, '..', '..', '..')
export const REFERENCE_PATH = resolve(ROOT, 'fixtures', 'whatsapp-outage-fr.txt')
export const HTML_PATH = resolve(ROOT, 'test', 'fixtures', 'html-es', 'input.html')
export const MARKDOWN_PATH = resolve(ROOT, 'test', 'fixtures', 'markdown-ru', 'input.md')

export const REFERENCE = readFileSync(REFERENCE_PATH, 'utf8')
export const HTML = readFileSync(HTML_PATH, 'utf8')
export const MARKDOWN = readFileSync(MARKDOWN_PATH, 'utf8')

/** Good and bad articles, each one a JSON object so that it can also be a JSONL line. */
export const ARTICLES: ReadonlyArray<Record<string, unknown>> = [
  { id: 'ref', title: 'Panne', text: REFERENCE },
  { id: 7, html: HTML, url: 'https://example.es/incendio', language: 'xx', paragraphs: 'replaced' },
  { markdown: MARKDOWN, tags: ['ru', 'flood'] },
  { id: 'no-body', title: 'nothing to clean' },
  { id: 'binary', text: 'abc\u0000def' },
  { id: 'both', text: 'Le chat dort.\n\nLe chat dort.', html: '<p>ignored</p>' },
  { id: 'empty', text: '' },
  { id: 'number-text', text: 42 },
]

/** Records the CLI writes for these articles as JSONL (`news-dedup clean --from jsonl …`). */
export async function cliRecords(articles: ReadonlyArray<unknown>, flags: string[] = []): Promise<Array<Record<string, unknown>>> {
  const fake = fakeIo([articles.map((a) => JSON.stringify(a)).join('\n') + '\n'])
  await main(['clean', '--from', 'jsonl', ...flags], fake.io)
  return parseLines(fake.stdout.text)
}

export function parseLines(text: string): Array<Record<string, unknown>> {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>)
}

/** A generator of small distinct articles that counts how many were pulled from it. */
export function countingSource(total: number): { pulled: () => number; items: () => Generator<Record<string, unknown>> } {
  let pulled = 0
  return {
    pulled: () => pulled,
    *items() {
      for (let k = 0; k < total; k++) {
        pulled++
        yield { id: k, text: `Article ${k}: le conseil municipal a voté le budget.\n\nArticle ${k}: le conseil municipal a voté le budget.` }
      }
    },
  }
}

/** Lets queued stream work run (several macrotask turns). */
export const settle = (ms = 30): Promise<void> => new Promise((done) => setTimeout(done, ms))

/** Everything a Node object stream gives, through `Readable.from(items)`. */
export async function throughNode(items: Iterable<unknown>, transform: NodeJS.ReadWriteStream): Promise<unknown[]> {
  const out = Readable.from(items).pipe(transform) as unknown as Readable
  return out.toArray()
}

/** Everything a WHATWG transform stream gives, its source a ReadableStream over `items`. */
export async function throughWeb(items: Iterable<unknown>, transform: TransformStream<unknown, unknown>): Promise<unknown[]> {
  const iterator = items[Symbol.iterator]()
  const source = new ReadableStream<unknown>({
    pull(controller) {
      const next = iterator.next()
      if (next.done) controller.close()
      else controller.enqueue(next.value)
    },
  })
  const out: unknown[] = []
  for await (const record of source.pipeThrough(transform)) out.push(record)
  return out
}

/** Waits until `count()` stops changing (the pipeline has stalled), then returns it. */
export async function stalled(count: () => number, interval = 20): Promise<number> {
  let last = -1
  for (let round = 0; round < 100 && count() !== last; round++) {
    last = count()
    await settle(interval)
  }
  return count()
}
