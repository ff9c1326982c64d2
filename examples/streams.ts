// The example of README.md "Streams", verbatim between the README markers, over three articles
// (one of them without text). test/readme-examples.test.ts runs it.
import { Readable, Writable } from 'node:stream'

const articles = [
  { id: 1, text: 'Le conseil municipal a adopté le budget.\n\nLe conseil municipal a adopté le budget.' },
  { id: 2, title: 'no text' },
  { id: 3, html: '<p>The city council approved the new budget after a long debate on Tuesday night.</p>' },
]
const records: { loop: unknown[]; web: unknown[]; node: unknown[] } = { loop: [], web: [], node: [] }
const console = { log: (id: unknown, outcome: unknown) => records.loop.push([id, outcome]) }
const webReadable = ReadableStream.from(articles)
const webWritable = new WritableStream({ write: (record) => void records.web.push(record) })
const nodeReadable = Readable.from(articles)
const nodeWritable = new Writable({ objectMode: true, write: (record, _, done) => (records.node.push(record), done()) })

// README:begin
import { pipeline } from 'node:stream/promises'
import { cleanAll, createCleanStream } from 'news-dedup'      // runs anywhere (WHATWG streams)
import { createCleanTransform } from 'news-dedup/node'        // Node object-mode Transform

for await (const record of cleanAll(articles)) console.log(record.id, 'error' in record ? record.error : record.language)
await webReadable.pipeThrough(createCleanStream({ detect: { nearThreshold: 0.85 } })).pipeTo(webWritable)
await pipeline(nodeReadable, createCleanTransform(), nodeWritable)
// README:end

export { records }
