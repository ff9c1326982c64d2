import { beforeAll, describe, expect, it } from 'vitest'
import { clean } from '../../src/clean.js'
import { createArticleStager } from '../../src/feed/create-deduplicator.js'
import type { Article } from '../../src/feed/types.js'
import { loadLanguageModel } from '../../src/language/fasttext-model.js'
import { lostLine, runTask, type CleanLinesTask, type CleanOutcome, type StageOutcome } from '../../src/workers/pool-tasks.js'
import { errorRecord } from '../../src/errors.js'
import { jsonlRecords } from '../../src/io/read-jsonl.js'
import { fillJsonLine } from '../../src/output/json-line-template.js'
import { ERROR_FIELDS } from '../../src/output/error-fields.js'
import { toJsonLine } from '../../src/output/to-json-line.js'
import { resolveOptions } from '../../src/options.js'

/** Latin-1 bytes with no declared charset: only charset detection, a parser imported on demand, reads them. */
const latin1 = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0))

const articles: Array<{ article: Article; extract?: boolean }> = [
  { article: { id: 'text', site: 'a.example', text: 'The council met on Monday.\n\nIt voted for the plan after a long debate.' } },
  { article: { id: 'html', site: 'a.example', html: '<h1>Budget</h1><p>The council met on Monday.</p><p>It voted against the plan.</p>' } },
  { article: { id: 'bytes', site: 'b.example', html: latin1('<p>Le conseil a vot\u00e9 le budget \u00e0 Gen\u00e8ve, o\u00f9 il si\u00e9geait depuis l\u2019\u00e9t\u00e9.</p>'.replace('\u2019', "'")) } },
  { article: { id: 'page', site: 'b.example', html: '<html><body><nav>Home | News</nav><article><h1>Vote</h1><p>The council met on Monday and voted for the plan after a long debate on its cost.</p></article></body></html>' }, extract: true },
  { article: { id: 'markdown', site: 'c.example', markdown: '# Vote\n\nThe council met on **Monday**.' } },
]

describe('runTask, stage', () => {
  beforeAll(() => loadLanguageModel())

  it('stages each article with the parsers it needs, imported on demand, as the stager with clean() (every parser) does', async () => {
    const outcomes = (await runTask({ kind: 'stage', options: {}, articles: articles.map(({ article, extract }, i) => ({ article, arrival: i, ...(extract === undefined ? {} : { extract }) })) })) as StageOutcome[]
    const expected = articles.map(({ article, extract }, i) => ({ staged: createArticleStager({ clean, ...(extract === undefined ? {} : { extract }) })(article, i) }))
    expect(outcomes).toEqual(expected)
    // The parsers were used: the HTML article lost its markup, the page its navigation, the bytes were decoded.
    const text = (k: number): string => ((outcomes[k] as { staged: { prepared: { cleaned: { text: string } } } }).staged.prepared.cleaned.text)
    expect(text(1)).not.toContain('<p>')
    expect(text(2)).toContain('Gen\u00e8ve')
    expect(text(3)).not.toContain('Home | News')
  })

  it('gives a value that is no article its error, and stages the rest of the batch', async () => {
    const outcomes = (await runTask({ kind: 'stage', options: {}, articles: [{ article: 'not an article' as unknown as Article, arrival: 0 }, { article: articles[0]!.article, arrival: 1 }] })) as StageOutcome[]
    expect(outcomes[0]).toEqual({ error: { code: 'E_INVALID_RECORD', message: 'Expected an article object' } })
    expect('staged' in outcomes[1]!).toBe(true)
  })
})

describe('runTask, clean-lines', () => {
  beforeAll(() => loadLanguageModel())
  const options = resolveOptions({})
  // Lines of every outcome: cleaned (text, HTML, Markdown, Latin-1 bytes in base64, a big-integer
  // id kept as written), and error records (no body, blank, not JSON, invalid base64).
  const input = [
    JSON.stringify({ id: 'text', site: 'a.example', text: 'The council met on Monday.\n\nThe council met on Monday.\n\nIt voted for the plan.' }),
    JSON.stringify({ id: 'html', html: '<h1>Budget</h1><p>The council met on Monday.</p><p>It voted against the plan.</p>' }),
    JSON.stringify({ id: 'none', title: 'no body' }),
    '',
    '{"id": "broken"',
    '{"id":12345678901234567890123,"markdown":"# Vote\\n\\nThe council met on **Monday**."}',
    JSON.stringify({ id: 'bad64', text_base64: '@@@' }),
    JSON.stringify({ id: 'latin1', html_base64: Buffer.from(latin1('<p>Le conseil a vot\u00e9 le budget \u00e0 Gen\u00e8ve.</p>')).toString('base64') }),
  ]
  const task: CleanLinesTask = { kind: 'clean-lines', options, bytes: Buffer.from(`${input.join('\n')}\n`), firstLine: 5, name: 'in' }

  it('writes each line as clean writes its record: its cleaned line, or its error record, numbered from the first line', async () => {
    const outcome = await runTask(task)
    const expected: string[] = []
    const repeats: number[] = []
    for (const record of jsonlRecords(task.bytes, task.firstLine, task.name)) {
      if ('error' in record) {
        expected.push(toJsonLine(errorRecord(record.error, { id: record.id ?? null, line: record.line }), undefined, ERROR_FIELDS))
        continue
      }
      const [cleaned] = (await runTask({ kind: 'clean', options, articles: [record.article as Record<string, unknown>], rawKeys: [record.raw!.map((m) => m.key)] })) as CleanOutcome[]
      if ('line' in cleaned!) {
        repeats.push(cleaned.repeats)
        expected.push(fillJsonLine(cleaned.line, record.raw))
      } else expected.push(toJsonLine(errorRecord(cleaned!.error, { id: (record.article as { id?: unknown }).id ?? null, line: record.line }), record.raw, ERROR_FIELDS))
    }
    const lines = Buffer.from(outcome.bytes).toString('utf8')
    expect(lines).toBe(expected.join(''))
    expect(lines.split('\n')).toHaveLength(input.length + 1)
    expect(outcome.failed).toBe(4)
    expect(outcome.repeats).toEqual(repeats)
    expect(repeats[0]).toBe(1)
    expect(lines).toContain('"id":12345678901234567890123')
    expect(lines).toContain('Gen\u00e8ve')
    expect(lines).toContain('{"id":"none","line":7,"error":{"code":"E_INVALID_RECORD"')
    // Its own buffer, whole: what can be transferred to another thread.
    expect(outcome.bytes.byteOffset).toBe(0)
    expect(outcome.bytes.buffer.byteLength).toBe(outcome.bytes.byteLength)
  })

  it('gives a line whose thread died its error record, with its id and fields; a line that is no record its own error', () => {
    const lost = { code: 'E_INTERNAL', message: 'thread died' }
    const one = (i: number): CleanLinesTask => ({ ...task, bytes: Buffer.from(`${input[i]}\n`), firstLine: 5 + i })
    expect(Buffer.from(lostLine(one(1), lost).bytes).toString()).toBe(`${JSON.stringify({ id: 'html', line: 6, error: lost })}\n`)
    expect(lostLine(one(4), lost)).toMatchObject({ failed: 1, repeats: [] })
    expect(Buffer.from(lostLine(one(4), lost).bytes).toString()).toContain('"line":9,"error":{"code":"E_INVALID_RECORD","message":"Line 9 is not valid JSON')
  })
})
