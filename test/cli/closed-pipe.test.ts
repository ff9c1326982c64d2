import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { CLOSED_PIPE_EXIT_CODE, isClosedPipe } from '../../src/cli/closed-pipe.js'
import { main } from '../../src/cli/main.js'

const CLI = join(import.meta.dirname, '../../src/cli/main.ts')
const dir = mkdtempSync(join(tmpdir(), 'news-dedup-pipe-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

// Enough records that the output outgrows a pipe's buffer long before the input ends.
const input = join(dir, 'many.jsonl')
writeFileSync(input, Array.from({ length: 1500 }, (_, i) => JSON.stringify({ id: `a${i}`, text: `Titre ${i}\nLe paragraphe numéro ${i} de cet article parle de la panne du service de messagerie.\nUn second paragraphe, ${i} fois plus long que nécessaire pour remplir le tube.` })).join('\n'))

/** Runs the CLI, reads the first chunk of its stdout, then closes the pipe, as `| head -c 1` does. */
function runAndCloseEarly(args: string[]): Promise<{ code: number | null; stderr: string; read: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stderr = ''
    let read = 0
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk })
    child.stdout.once('data', (chunk: Buffer) => {
      read = chunk.length
      child.stdout.destroy()
    })
    child.on('close', (code) => resolve({ code, stderr, read }))
  })
}

describe('a closed stdout pipe', () => {
  it('gives 141 and prints nothing when a write the command makes itself fails so', async () => {
    const epipe = Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })
    let stderr = ''
    const io = {
      stdin: (async function* () {})(),
      stdout: { write: () => { throw epipe } },
      stderr: { write: (text: string) => { stderr += text; return true } },
    } as unknown as Parameters<typeof main>[1]
    expect(await main(['--version'], io)).toBe(CLOSED_PIPE_EXIT_CODE)
    expect(stderr).toBe('')
  })

  it('is told apart from other errors', () => {
    expect(isClosedPipe(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }))).toBe(true)
    expect(isClosedPipe(Object.assign(new Error('no space'), { code: 'ENOSPC' }))).toBe(false)
    expect(isClosedPipe('EPIPE')).toBe(false)
  })

  for (const args of [['clean', input, '--to', 'jsonl'], ['feed', input, '--index', ':memory:']]) {
    it(`ends \`${args[0]}\` quietly with exit code 141`, async () => {
      const { code, stderr, read } = await runAndCloseEarly(args)
      expect(read).toBeGreaterThan(0)
      expect(code).toBe(CLOSED_PIPE_EXIT_CODE)
      expect(stderr).toBe('')
    }, 60_000)
  }
})
