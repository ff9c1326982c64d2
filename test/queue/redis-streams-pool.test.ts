import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main.js'
import { makeFeed, seeded } from '../feed/fixtures.js'
import { fakeIo } from '../helpers/fake-io.js'
import { startTestRedis, type TestRedis } from '../helpers/redis-server.js'
import { warcFile } from '../helpers/warc.js'

/** Stories of the test feed (each with three copies): 40 records with the two bad ones. */
const STORIES = 10

const CLI = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url))

let redis: TestRedis | null = null
let client: Redis | null = null
let dir = ''
beforeAll(async () => {
  redis = await startTestRedis()
  if (redis) client = new Redis(redis.url)
  dir = mkdtempSync(join(tmpdir(), 'streams-'))
})
afterAll(async () => {
  client?.disconnect()
  await redis?.stop()
  rmSync(dir, { recursive: true, force: true })
})

/** Stories with three edited copies each, shuffled (so copies come before and after their story), then two bad records. */
function input(): { text: string; storyOf: Map<string, number>; records: number } {
  const feed = makeFeed(STORIES, 5, 3)
  const rand = seeded(11)
  for (let i = feed.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1))
    ;[feed[i], feed[j]] = [feed[j]!, feed[i]!]
  }
  const lines = feed.map((a) => JSON.stringify({ id: a.id, site: a.site, text: a.text }))
  lines.splice(15, 0, '{"id": "broken", "text": ')
  lines.splice(25, 0, JSON.stringify({ id: 'no-body', title: 'nothing' }))
  return { text: `${lines.join('\n')}\n`, storyOf: new Map(feed.map((a) => [a.id, a.story])), records: lines.length }
}

interface Worker {
  child: ChildProcess
  stderr: string
  exit: Promise<number | null>
}

function startWorker(args: string[]): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'worker', ...args], { stdio: ['ignore', 'ignore', 'pipe'] })
  const worker: Worker = { child, stderr: '', exit: new Promise((resolve) => child.on('exit', (code) => resolve(code))) }
  child.stderr?.setEncoding('utf8')
  child.stderr?.on('data', (chunk: string) => (worker.stderr += chunk))
  return worker
}

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const { io, stdout, stderr } = fakeIo()
  const code = await main(argv, io)
  return { code, out: stdout.text, err: stderr.text }
}

describe('a Redis Streams worker pool', () => {
  it('3 workers, one SIGKILLed while it holds entries, one stopped by SIGTERM: every record gets one result, each story is kept once, results are feed’s', async (ctx) => {
    if (!redis || !client) return ctx.skip()
    const prefix = redis.prefix('streams')
    const stream = `${prefix}in`
    const output = `${prefix}out`
    const { text, storyOf, records } = input()
    const file = join(dir, 'feed.jsonl')
    writeFileSync(file, text)

    const reference = await cli(['feed', file, '--index', ':memory:', '--workers', '1'])
    expect(reference.code).toBe(1) // the two bad records
    const queued = await cli(['enqueue', file, '--queue', redis.url, '--stream', stream])
    expect(queued.code).toBe(0)
    expect(queued.err).toMatch(new RegExp(`^enqueue: ${records} records \\(1 unreadable`))

    const url = redis.url
    const args = (name: string) => [
      '--queue', url, '--stream', stream, '--output-stream', output, '--index', url, '--index-prefix', `${prefix}idx:`,
      '--consumer', name, '--until-empty', '--block', '200', '--min-idle', '1000', '--batch', '3',
    ]
    const consumers = async () => ((await client!.xinfo('CONSUMERS', stream, 'news-dedup').catch(() => [])) as Array<[string, string]>).map((c) => c[1])
    // w0 first, so that it has entries before the others start (they could take them all while it starts, on a busy machine).
    const workers = [startWorker(args('w0'))]
    for (let tries = 0; tries < 600 && !(await consumers()).includes('w0'); tries++) await new Promise((r) => setTimeout(r, 20))
    workers.push(startWorker(args('w1')), startWorker(args('w2')))
    // Kill w0 once results are coming out and it holds entries (read, not acknowledged).
    let killedHolding = 0
    for (let tries = 0; tries < 600 && killedHolding === 0; tries++) {
      await new Promise((r) => setTimeout(r, 20))
      const written = await client.xlen(output)
      const held = (await client.xpending(stream, 'news-dedup', '-', '+', 100, 'w0').catch(() => [])) as unknown[]
      if (written >= 3 && held.length > 0) {
        workers[0]!.child.kill('SIGKILL')
        killedHolding = held.length
      }
    }
    expect(killedHolding).toBeGreaterThan(0)
    // And w1 is asked to stop, once it is reading (its signal handler is set before its first
    // read): it takes no new entries, finishes those it holds and exits 0.
    for (let tries = 0; tries < 600 && !(await consumers()).includes('w1'); tries++) await new Promise((r) => setTimeout(r, 20))
    workers[1]!.child.kill('SIGTERM')
    expect(await workers[0]!.exit).toBe(null) // killed
    expect(await workers[1]!.exit).toBe(0)
    expect(workers[1]!.stderr).toMatch(/^worker w1: \d+ results written/m)
    expect(await workers[2]!.exit).toBe(0)
    // The survivors took over what w0 held (XAUTOCLAIM), then found nothing left.
    const takenOver = [workers[1]!, workers[2]!].reduce((sum, w) => sum + Number(/(\d+) entries taken over/.exec(w.stderr)?.[1] ?? 0), 0)
    expect(takenOver).toBeGreaterThanOrEqual(1)
    expect(await client.xlen(stream)).toBe(0) // judged entries are deleted from the input stream
    expect(((await client.xpending(stream, 'news-dedup')) as [number])[0]).toBe(0)

    const results = await cli(['results', '--queue', redis.url, '--output-stream', output])
    expect(results.code).toBe(0)
    // Exactly the lines feed writes over the same input, in its order: one per record, the same verdicts.
    expect(results.out).toBe(reference.out)
    const lines = results.out.trimEnd().split('\n').map((l) => JSON.parse(l) as { id?: string; duplicate?: { of: string } | null; error?: unknown })
    expect(lines).toHaveLength(records)
    expect(new Set(lines.map((l) => l.id)).size).toBe(records)
    const kept = new Map<number, number>()
    for (const l of lines) if (l.error === undefined && l.duplicate === null) kept.set(storyOf.get(l.id!)!, (kept.get(storyOf.get(l.id!)!) ?? 0) + 1)
    expect([...kept.values()]).toEqual(new Array(STORIES).fill(1)) // each story kept once
    expect(lines.filter((l) => l.error !== undefined).map((l) => l.id ?? null)).toEqual([null, 'no-body']) // the broken line has no id

    // --drop-duplicates keeps originals and error records; --delete empties the stream as it prints.
    const originals = await cli(['results', '--queue', redis.url, '--output-stream', output, '--drop-duplicates', '--delete'])
    expect(originals.out.trimEnd().split('\n')).toHaveLength(STORIES + 2)
    expect(await client.xlen(output)).toBe(0)
  }, 60_000)

  it('--any-order: 3 workers judging copies of the same stories at once, and a dead one’s entries taken over: each story kept once, one result per record', async (ctx) => {
    if (!redis || !client) return ctx.skip()
    const prefix = redis.prefix('any-order')
    const stream = `${prefix}in`
    const output = `${prefix}out`
    // Unshuffled: each story is followed by its copies, so the workers (one entry at a time) get copies of one story together.
    const feed = makeFeed(STORIES, 6, 3)
    const file = join(dir, 'any-order.jsonl')
    writeFileSync(file, feed.map((a) => JSON.stringify({ id: a.id, site: a.site, text: a.text })).join('\n') + '\n')
    expect((await cli(['enqueue', file, '--queue', redis.url, '--stream', stream])).code).toBe(0)
    // A worker that read five entries and died before acknowledging any.
    await client.xgroup('CREATE', stream, 'news-dedup', '0')
    await client.xreadgroup('GROUP', 'news-dedup', 'dead', 'COUNT', 5, 'STREAMS', stream, '>')
    const args = (name: string) => [
      'worker', '--queue', redis!.url, '--stream', stream, '--output-stream', output, '--index', redis!.url, '--index-prefix', `${prefix}idx:`,
      '--consumer', name, '--until-empty', '--block', '100', '--batch', '1', '--any-order', '--min-idle', '300',
    ]
    // In one process: their index sessions interleave at every Redis round trip.
    const runs = await Promise.all(['a', 'b', 'c'].map((name) => cli(args(name))))
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0])
    for (const r of runs) expect(Number(/: (\d+) results written/.exec(r.err)?.[1])).toBeGreaterThan(0) // the work was shared
    const takenOver = runs.reduce((sum, r) => sum + Number(/(\d+) entries taken over/.exec(r.err)?.[1]), 0)
    expect(takenOver).toBeGreaterThanOrEqual(5) // the dead worker's entries (XAUTOCLAIM)
    const results = await cli(['results', '--queue', redis.url, '--output-stream', output])
    const lines = results.out.trimEnd().split('\n').map((l) => JSON.parse(l) as { id: string; duplicate: { of: string } | null })
    expect(lines.map((l) => l.id).sort()).toEqual(feed.map((a) => a.id).sort())
    const storyOf = new Map(feed.map((a) => [a.id, a.story]))
    const originals = lines.filter((l) => l.duplicate === null)
    expect(originals.map((l) => storyOf.get(l.id)).sort((x, y) => x! - y!)).toEqual([...Array(STORIES).keys()])
    const kept = new Set(originals.map((l) => l.id))
    for (const l of lines) if (l.duplicate) expect(kept.has(l.duplicate.of) && storyOf.get(l.duplicate.of) === storyOf.get(l.id)).toBe(true)
  }, 60_000)

  it('pages (decoded in the worker), WARC responses and JSONL (a big-integer id) go through the queue as feed reads them: the same lines', async (ctx) => {
    if (!redis) return ctx.skip()
    const prefix = redis.prefix('pages')
    const lead = 'Le conseil municipal a voté mardi soir le budget de l\'année prochaine, après un débat animé.'
    const second = 'Les élus de l\'opposition ont réclamé davantage de crédits pour les écoles du quartier.'
    // windows-1252 bytes (é is 0xE9), declared by <meta>, by the HTTP header, or by nothing.
    const latin1 = (text: string) => Buffer.from(text, 'latin1')
    const pages = join(dir, 'pages')
    mkdirSync(pages, { recursive: true })
    writeFileSync(join(pages, 'a.html'), latin1(`<html><head><meta charset="windows-1252"><link rel="canonical" href="https://a.example/x"></head><body><p>${lead}</p><p>${second}</p></body></html>`))
    const warc = join(dir, 'crawl.warc.gz')
    writeFileSync(warc, warcFile([
      { type: 'response', id: 'urn:uuid:1', url: 'https://b.example/y', http: { headers: { 'Content-Type': 'text/html; charset=windows-1252' } }, payload: latin1(`<p>${lead}</p><p>${second}</p>`) },
      { type: 'response', id: 'urn:uuid:2', url: 'https://b.example/style.css', http: { headers: { 'Content-Type': 'text/css' } }, payload: 'p { color: red }' },
    ], true))
    const jsonl = join(dir, 'more.jsonl')
    writeFileSync(jsonl, `{"id":9007199254740993,"text":${JSON.stringify(`${second}\n\nUne autre phrase écrite pour ce fichier, assez longue pour compter.`)}}\n`)
    const inputs = [pages, warc, jsonl]
    const reference = await cli(['feed', ...inputs, '--index', ':memory:', '--workers', '1'])
    expect(reference.code).toBe(0)
    expect((await cli(['enqueue', ...inputs, '--queue', redis.url, '--stream', `${prefix}in`])).code).toBe(0)
    const worker = await cli(['worker', '--queue', redis.url, '--stream', `${prefix}in`, '--output-stream', `${prefix}out`, '--index', redis.url, '--index-prefix', `${prefix}idx:`, '--until-empty', '--block', '100'])
    expect(worker.code).toBe(0)
    const results = await cli(['results', '--queue', redis.url, '--output-stream', `${prefix}out`])
    expect(results.out).toBe(reference.out)
    const lines = results.out.trimEnd().split('\n').map((l) => JSON.parse(l) as { id: string; duplicate: { of: string } | null; encoding?: { name: string } })
    expect(lines.map((l) => [l.id, l.duplicate?.of ?? null, l.encoding?.name ?? null])).toEqual([
      [join(pages, 'a.html'), null, 'windows-1252'],
      ['urn:uuid:1', join(pages, 'a.html'), 'windows-1252'],
      [9007199254740992, null, null], // JSON.parse rounds the id…
    ])
    expect(results.out.trimEnd().split('\n')[2]).toMatch(/^\{"id":9007199254740993,/) // …which goes out as written
  }, 60_000)

  it('entries removed from the stream by hand (a trim) do not stall ordered workers: the turn moves past them', async (ctx) => {
    if (!redis || !client) return ctx.skip()
    const prefix = redis.prefix('trimmed')
    const file = join(dir, 'trimmed.jsonl')
    const feed = makeFeed(2, 7, 2)
    writeFileSync(file, feed.map((a) => JSON.stringify({ id: a.id, site: a.site, text: a.text })).join('\n') + '\n')
    expect((await cli(['enqueue', file, '--queue', redis.url, '--stream', `${prefix}in`])).code).toBe(0)
    const first = (await client.xrange(`${prefix}in`, '-', '+', 'COUNT', 2)).map(([id]) => id)
    await client.xdel(`${prefix}in`, ...first) // entries 1 and 2 gone without a result
    const worker = await cli(['worker', '--queue', redis.url, '--stream', `${prefix}in`, '--output-stream', `${prefix}out`, '--index', redis.url, '--index-prefix', `${prefix}idx:`, '--until-empty', '--block', '100', '--min-idle', '500'])
    expect(worker.code).toBe(0)
    const results = await cli(['results', '--queue', redis.url, '--output-stream', `${prefix}out`])
    expect(results.out.trimEnd().split('\n').map((l) => (JSON.parse(l) as { id: string }).id)).toEqual(feed.slice(2).map((a) => a.id))
  }, 60_000)

  it('an entry enqueue did not write gets an error line in its turn when it has a number, is dropped when it has none; the rest goes through', async (ctx) => {
    if (!redis || !client) return ctx.skip()
    const prefix = redis.prefix('foreign')
    const stream = `${prefix}in`
    const file = join(dir, 'foreign.jsonl')
    const feed = makeFeed(1, 8, 1)
    writeFileSync(file, feed.map((a) => JSON.stringify({ id: a.id, site: a.site, text: a.text })).join('\n') + '\n')
    expect((await cli(['enqueue', file, '--queue', redis.url, '--stream', stream])).code).toBe(0)
    await client.xadd(stream, '*', 'text', 'not from enqueue, no number')
    await client.xadd(stream, '*', 'n', String(await client.incr(`${stream}:n`)), 'record', '{not json')
    expect((await cli(['enqueue', file, '--queue', redis.url, '--stream', stream])).code).toBe(0)
    const worker = await cli(['worker', '--queue', redis.url, '--stream', stream, '--output-stream', `${prefix}out`, '--index', redis.url, '--index-prefix', `${prefix}idx:`, '--until-empty', '--block', '100'])
    expect(worker.code).toBe(0)
    const lines = (await cli(['results', '--queue', redis.url, '--output-stream', `${prefix}out`])).out.trimEnd().split('\n').map((l) => JSON.parse(l) as { id?: string; error?: { code: string; message: string } })
    expect(lines.map((l) => l.id ?? l.error?.code)).toEqual([feed[0]!.id, feed[1]!.id, 'E_INVALID_RECORD', feed[0]!.id, feed[1]!.id])
    expect(lines[2]!.error!.message).toMatch(/^Queue entry \d+-\d+: /)
    expect(await client.xlen(stream)).toBe(0)
  }, 60_000)
})
