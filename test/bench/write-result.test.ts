import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { EARLIER_RUNS_HEADING, EARLIER_RUNS_KEPT, writeResult } from '../../bench/write-result.js'

let dir: string
let file: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'write-result-'))
  file = join(dir, 'results', 'speed.md')
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const read = (): string => readFileSync(file, 'utf8')
const run = (n: number): string => `# Speed\n\nRun ${n}: ${n * 10} MB/s.\n`
const separators = (text: string): number => text.split('\n').filter((line) => line === '---').length

describe('writeResult', () => {
  it('writes the first run as given, creating the folder', () => {
    writeResult(file, '# Speed\n\nRun 1: 10 MB/s.\n\n\n')
    expect(read()).toBe('# Speed\n\nRun 1: 10 MB/s.\n')
    // Written through a temporary file renamed over it: none is left behind.
    expect(readdirSync(join(dir, 'results'))).toEqual(['speed.md'])
  })

  it('keeps the first run below the second, under a separator and the heading, its title demoted', () => {
    writeResult(file, run(1))
    writeResult(pathToFileURL(file), run(2))
    expect(read()).toBe(`# Speed\n\nRun 2: 20 MB/s.\n\n---\n\n${EARLIER_RUNS_HEADING}\n\n## Speed\n\nRun 1: 10 MB/s.\n`)
  })

  it('writes the heading once and a separator per earlier run, newest first', () => {
    for (let n = 1; n <= 3; n++) writeResult(file, run(n))
    const text = read()
    expect(text.split(EARLIER_RUNS_HEADING)).toHaveLength(2)
    expect(separators(text)).toBe(2)
    expect(text.indexOf('Run 3')).toBeLessThan(text.indexOf('Run 2'))
    expect(text.indexOf('Run 2')).toBeLessThan(text.indexOf('Run 1'))
    expect(text.match(/^# /gm)).toHaveLength(1)
  })

  it(`keeps ${EARLIER_RUNS_KEPT} earlier runs: the sixth write drops nothing, the seventh drops the oldest`, () => {
    for (let n = 1; n <= EARLIER_RUNS_KEPT + 1; n++) writeResult(file, run(n))
    expect(separators(read())).toBe(EARLIER_RUNS_KEPT)
    expect(read()).toContain('Run 1:')
    writeResult(file, run(EARLIER_RUNS_KEPT + 2))
    const text = read()
    expect(separators(text)).toBe(EARLIER_RUNS_KEPT)
    expect(text).not.toContain('Run 1:')
    expect(text).toContain('Run 2:')
    expect(text.startsWith(`# Speed\n\nRun ${EARLIER_RUNS_KEPT + 2}:`)).toBe(true)
  })

  it('keeps a note written by hand under the title with the run it belongs to', () => {
    writeResult(file, run(1))
    writeFileSync(file, read().replace('# Speed\n', '# Speed\n\n> Note: measured on a busy machine (load 6).\n'))
    writeResult(file, run(2))
    const [newest, earlier] = read().split('\n---\n')
    expect(newest).not.toContain('Note:')
    expect(earlier).toContain('## Speed\n\n> Note: measured on a busy machine (load 6).\n\nRun 1: 10 MB/s.')
  })

  it('keeps a file restored by hand (separator and a bold note) whole below the new run', () => {
    const restored = '# Speed\n\nFinal: 30 MB/s.\n\n---\n\n**Earlier runs (kept by hand):**\n\n## Speed\n\nRun 1: 10 MB/s.\n'
    mkdirSync(join(dir, 'results'))
    writeFileSync(file, restored)
    writeResult(file, run(4))
    expect(read()).toBe(
      `# Speed\n\nRun 4: 40 MB/s.\n\n---\n\n${EARLIER_RUNS_HEADING}\n\n## Speed\n\nFinal: 30 MB/s.\n\n---\n\n**Earlier runs (kept by hand):**\n\n## Speed\n\nRun 1: 10 MB/s.\n`,
    )
  })

  it('never stacks two separators, whatever the run or the file starts or ends with', () => {
    writeResult(file, '---\n\n# Speed\n\nRun 1.\n\n---\n')
    writeFileSync(file, `${read()}\n---\n\n\n---\n`)
    writeResult(file, run(2))
    expect(read()).not.toMatch(/^---\n\n---$/m)
    expect(separators(read())).toBe(1)
  })

  it('does not take a setext underline, a table rule or a `---` inside a code fence for a separator', () => {
    const body = '# Speed\n\nTotals\n---\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```yaml\n\n---\n# not a title\n```\n'
    writeResult(file, body)
    writeResult(file, run(2))
    const text = read()
    expect(separators(text)).toBe(1 + 1 /* the setext underline */ + 1 /* the fenced one */)
    writeResult(file, run(3))
    // Still one earlier run per write: the lines above did not split the first run.
    expect(read().split(`\n\n---\n\n`)).toHaveLength(3)
    expect(read()).toContain('```yaml\n\n---\n# not a title\n```')
  })

  it('appends to the newest run, above the earlier ones, with append', () => {
    writeResult(file, run(1))
    writeResult(file, run(2))
    writeResult(file, '## Rules\n\n| rule | kept |', { append: true })
    expect(read()).toBe(`# Speed\n\nRun 2: 20 MB/s.\n\n## Rules\n\n| rule | kept |\n\n---\n\n${EARLIER_RUNS_HEADING}\n\n## Speed\n\nRun 1: 10 MB/s.\n`)
  })

  it('reads \\r\\n line ends', () => {
    writeFileSync(join(dir, 'crlf.md'), '# Speed\r\n\r\nRun 1.\r\n\r\n---\r\n\r\n## Speed\r\n\r\nRun 0.\r\n')
    writeResult(join(dir, 'crlf.md'), run(2))
    expect(readFileSync(join(dir, 'crlf.md'), 'utf8')).toBe(`${run(2)}\n---\n\n${EARLIER_RUNS_HEADING}\n\n## Speed\n\nRun 1.\n\n---\n\n## Speed\n\nRun 0.\n`)
  })
})
