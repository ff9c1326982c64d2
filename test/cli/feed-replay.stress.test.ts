import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeFeed } from '../feed/fixtures.js'

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url))
let dir = ''
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'feed-replay-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Runs `news-dedup feed` in a child process; with `killAfter`, SIGKILLs it once that many lines were written. */
function feed(args: string[], killAfter?: number): Promise<{ stdout: string; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'feed', ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let killed = false
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk
      if (killAfter !== undefined && !killed && stdout.split('\n').length > killAfter) {
        killed = true
        child.kill('SIGKILL')
      }
    })
    child.on('error', reject)
    child.on('close', () => resolve({ stdout, killed }))
  })
}

// A feed whose stories' dates go back and forth over 12 days (a story's copies a few hours after
// it), in three forms, one without a zone (read as UTC). Large enough (480 articles) that a kill after 20
// lines lands mid-run even when the CLI writes its output in a few large chunks.
const DAY = 86_400_000
const articles = makeFeed(60, 8).map((a, i) => {
  const ms = Date.UTC(2024, 0, 1) + ((a.story * 5) % 12) * DAY + Number(a.id.split('-')[1]) * 3 * 3_600_000
  const iso = new Date(ms).toISOString()
  const published = i % 3 === 0 ? iso : i % 3 === 1 ? iso.slice(0, 19) : new Date(ms).toUTCString()
  return { id: a.id, site: a.site, published, text: a.text }
})
const input = () => {
  const path = join(dir, 'in.jsonl')
  writeFileSync(path, articles.map((a) => JSON.stringify(a)).join('\n') + '\n')
  return path
}

describe.each([[[] as string[]], [['--ttl', '3d']]])('news-dedup feed %j on SQLite', (extra) => {
  let uninterrupted = ''
  it('a second run of the same input over the same index writes what the first wrote', async () => {
    const db = join(dir, `again${extra.length}.db`)
    const first = await feed([input(), '--index', db, ...extra])
    const second = await feed([input(), '--index', db, ...extra])
    uninterrupted = first.stdout
    const lines = first.stdout.trim().split('\n').map((l) => JSON.parse(l))
    expect(lines).toHaveLength(articles.length)
    // The feed keeps its intent: copies found, and with --ttl some records fell outside the window.
    expect(lines.filter((l) => l.duplicate !== null).length).toBeGreaterThan(10)
    expect(lines.some((l) => l.outsideWindow === true)).toBe(extra.length > 0)
    expect(second.stdout).toBe(first.stdout)
  })

  it('a run killed with SIGKILL and restarted writes what one uninterrupted run wrote', async () => {
    const db = join(dir, `killed${extra.length}.db`)
    const killed = await feed([input(), '--index', db, ...extra], 20)
    expect(killed.killed).toBe(true)
    expect(killed.stdout.split('\n').length).toBeLessThan(articles.length)
    const restarted = await feed([input(), '--index', db, ...extra])
    expect(restarted.stdout).toBe(uninterrupted)
  })
})
