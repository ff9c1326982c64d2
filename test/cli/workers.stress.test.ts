import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main.js'
import { runFeed } from '../../src/cli/feed-command.js'
import { createSqliteIndex } from '../../src/stores/sqlite.js'
import { makeFeed } from '../feed/fixtures.js'
import { fakeIo } from '../helpers/fake-io.js'
import { POOL } from '../helpers/corpus.js'

const CLI = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url))
let dir = ''
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'workers-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** JSONL lines: articles of POOL paragraphs (some with a repeated one), and bad lines among them. */
function cleanInput(): string {
  const lines: string[] = []
  for (let i = 0; i < 70; i++) {
    const paragraphs = [0, 1, 2].map((k) => POOL[(i * 3 + k) % POOL.length] as string)
    if (i % 5 === 0) paragraphs.push(paragraphs[0] as string)
    lines.push(JSON.stringify({ id: `c${i}`, title: `T${i}`, text: paragraphs.join('\n\n') }))
    if (i === 20) lines.push('{"id": "broken", "text": ')
    if (i === 40) lines.push(JSON.stringify({ id: 'binary', text: 'x\u0000'.repeat(20) }))
    if (i === 50) lines.push(JSON.stringify({ id: 'no-body', title: 'nothing' }))
  }
  return lines.join('\n') + '\n'
}

async function feedCli(argv: string[]) {
  const fake = fakeIo()
  const code = await runFeed(argv, fake.io)
  return { code, out: fake.stdout.text }
}

describe('--workers', () => {
  it('clean: JSONL output is byte-identical for 1 and 3 workers, one error record per bad line', async () => {
    const input = join(dir, 'clean.jsonl')
    writeFileSync(input, cleanInput())
    const runs = []
    for (const workers of ['1', '3']) {
      const { io, stdout } = fakeIo()
      const code = await main(['clean', input, '--workers', workers], io)
      runs.push({ code, text: stdout.text })
    }
    expect(runs[0]!.code).toBe(1)
    expect(runs[1]!.code).toBe(1)
    expect(runs[1]!.text).toBe(runs[0]!.text)
    const records = runs[0]!.text.trimEnd().split('\n').map((l) => JSON.parse(l) as { id: unknown; error?: { code: string } })
    expect(records).toHaveLength(73)
    expect(records.filter((r) => r.error).map((r) => r.id)).toEqual([null, 'binary', 'no-body'])
    expect(records.filter((r) => !r.error).map((r) => r.id)).toEqual(Array.from({ length: 70 }, (_, i) => `c${i}`))
  }, 60_000)

  it('feed: output is byte-identical for 1 and 2 workers, in memory and in SQLite', async () => {
    const feed = makeFeed(30, 5) // 120 articles: originals, copies, boilerplate
    const lines = feed.map((a) => JSON.stringify(a))
    lines.splice(33, 0, '{"id": "broken"', JSON.stringify({ id: 'no-body', site: 'alpha.example' }))
    const input = join(dir, 'feed.jsonl')
    writeFileSync(input, lines.join('\n') + '\n')
    const outputs: string[] = []
    for (const index of [':memory:', 'sqlite']) {
      for (const workers of ['1', '2']) {
        const spec = index === 'sqlite' ? join(dir, `feed-${workers}.db`) : index
        const { code, out } = await feedCli([input, '--index', spec, '--workers', workers])
        expect(code).toBe(1)
        outputs.push(out)
      }
    }
    for (const out of outputs) expect(out).toBe(outputs[0])
    const records = outputs[0]!.trimEnd().split('\n').map((l) => JSON.parse(l) as { id?: string; error?: unknown; duplicate?: unknown })
    expect(records).toHaveLength(feed.length + 2)
    expect(records.filter((r) => r.error).length).toBe(2)
    expect(records.filter((r) => !r.error && r.duplicate === null)).toHaveLength(30)
  }, 60_000)

  it('usage error for a --workers that is not a whole number ≥ 1', async () => {
    const { io, stderr } = fakeIo()
    expect(await main(['clean', '--workers', '0'], io)).toBe(2)
    expect(stderr.text).toMatch(/--workers/)
    // runFeed throws the usage error; main() prints it and exits with 2.
    await expect(feedCli(['--workers', 'many', '--index', ':memory:'])).rejects.toMatchObject({ code: 'E_USAGE' })
    const feed = fakeIo()
    expect(await main(['feed', '--workers', 'many', '--index', ':memory:'], feed.io)).toBe(2)
    expect(feed.stderr.text).toMatch(/news-dedup: E_USAGE: Expected --workers to be a whole number/)
  })
})

describe('feed killed with SIGKILL', () => {
  const runCli = (args: string[], out: string) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'feed', ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => {
      stdout += d
      writeFileSync(out, stdout)
    })
    child.stderr.on('data', (d) => (stderr += d))
    const done = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
    return { child, done, stdout: () => stdout, stderr: () => stderr }
  }

  it('then restarted on the same SQLite index writes the output of one uninterrupted run, and printed nothing its index lost', async () => {
    const feed = makeFeed(100, 9) // 400 articles
    const input = join(dir, 'kill.jsonl')
    writeFileSync(input, feed.map((a) => JSON.stringify(a)).join('\n') + '\n')

    const whole = runCli([input, '--index', join(dir, 'whole.db'), '--workers', '2'], join(dir, 'whole.out'))
    expect(await whole.done, whole.stderr()).toBe(0)
    const expected = whole.stdout()

    const db = join(dir, 'killed.db')
    const killed = runCli([input, '--index', db, '--workers', '2'], join(dir, 'killed.out'))
    while (killed.stdout().split('\n').length < 40 && killed.child.exitCode === null) await new Promise((r) => setTimeout(r, 5))
    killed.child.kill('SIGKILL')
    await killed.done
    const printed = killed.stdout()
    expect(printed.length).toBeLessThan(expected.length)
    expect(expected.startsWith(printed)).toBe(true)
    // Every complete line printed is an article the index holds.
    const ids = printed.split('\n').slice(0, -1).map((l) => (JSON.parse(l) as { id: string }).id)
    expect(ids.length).toBeGreaterThan(0)
    const index = createSqliteIndex(db)
    for (const id of ids) {
      const session = await index.begin(id)
      expect(session.stored, id).not.toBeNull()
      await session.release()
    }
    await index.close()

    const restarted = runCli([input, '--index', db, '--workers', '2'], join(dir, 'restarted.out'))
    expect(await restarted.done, restarted.stderr()).toBe(0)
    expect(restarted.stdout()).toBe(expected)
    expect(existsSync(db)).toBe(true)
    expect(readFileSync(join(dir, 'restarted.out'), 'utf8')).toBe(expected)
  }, 120_000)
})
