import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { afterAll, describe, expect, it } from 'vitest'
import { outputSchema, schemaMajorVersion, schemaVersion } from '../../src/schema/index.js'
import { cleanAll } from '../../src/adapters/streams/clean-all.js'
import { createCleanStream } from '../../src/adapters/streams/create-clean-stream.js'
import { createCleanTransform } from '../../src/adapters/streams/create-clean-transform.js'
import { createFeedStream } from '../../src/adapters/streams/create-feed-stream.js'
import { createFeedTransform } from '../../src/adapters/streams/create-feed-transform.js'
import { runCli } from '../helpers/fake-io.js'
import { FEED_ARTICLES, feedCliRecords } from '../adapters/streams/feed-inputs.js'
import { ARTICLES, HTML_PATH, MARKDOWN_PATH, parseLines, REFERENCE_PATH, throughNode, throughWeb } from '../adapters/streams/inputs.js'
import { clean } from '../../src/clean.js'
import { createDeduplicator } from '../../src/feed/create-deduplicator.js'
import { toRecord } from '../../src/output/to-record.js'

const SCHEMA_FILE = resolve(import.meta.dirname, '..', '..', 'schema', 'news-dedup.schema.json')
const serialized = `${JSON.stringify(outputSchema, null, 2)}\n`

const ajv = new Ajv2020({ allErrors: true, strict: true })
ajv.addSchema(outputSchema)
const DEFS = ['cleanResult', 'articleRecord', 'feedRecord', 'errorRecord', 'paragraph', 'duplicate', 'passage'] as const
const validator = (name: (typeof DEFS)[number] | 'top') => {
  const validate = ajv.getSchema(name === 'top' ? outputSchema.$id : `${outputSchema.$id}#/$defs/${name}`)
  if (!validate) throw new Error(`no schema for ${name}`)
  return validate
}

/** Asserts that every value is valid against the `$defs` entry `name` and against the top-level schema. */
function expectValid(name: (typeof DEFS)[number], values: readonly unknown[]): void {
  expect(values.length).toBeGreaterThan(0)
  for (const value of values) {
    for (const validate of [validator(name), validator('top')]) {
      const ok = validate(value)
      expect(ok, `${name}: ${ajv.errorsText(validate.errors)}`).toBe(true)
    }
  }
}

const isError = (record: unknown): boolean => typeof record === 'object' && record !== null && 'error' in record

async function cli(argv: string[], stdin: string[] = []): Promise<string> {
  return (await runCli(argv, stdin)).stdout
}

/** A sentence of the first paragraph glued onto the last one: a repeated sentence. */
const GLUED = readFileSync(resolve(import.meta.dirname, '..', 'fixtures', 'glued-sentence-fr', 'input.txt'), 'utf8')

const tmp = mkdtempSync(join(tmpdir(), 'news-dedup-schema-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

describe('the shipped schema file', () => {
  it('is outputSchema serialized, byte for byte (UPDATE_SCHEMA=1 rewrites it)', () => {
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(SCHEMA_FILE, serialized)
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(serialized)
  })

  it('is draft 2020-12, compiles in strict mode, and carries the version', () => {
    expect(outputSchema.$schema).toBe('https://json-schema.org/draft/2020-12/schema')
    expect(schemaVersion).toMatch(/^\d+\.\d+\.\d+$/)
    expect(outputSchema.$id).toMatch(new RegExp(`:v${schemaMajorVersion}$`))
    expect(outputSchema.description).toContain(`schema version ${schemaVersion}`)
    for (const name of DEFS) expect(typeof validator(name)).toBe('function')
  })
})

describe('real outputs of `news-dedup clean` are valid', () => {
  for (const [label, path] of [['reference text', REFERENCE_PATH], ['HTML', HTML_PATH], ['Markdown', MARKDOWN_PATH]] as const) {
    it(`--to json and --to jsonl on the ${label} input`, async () => {
      expectValid('cleanResult', [JSON.parse(await cli(['clean', path, '--to', 'json']))])
      expectValid('articleRecord', parseLines(await cli(['clean', path, '--to', 'jsonl'])))
    })
  }

  it('--to json on several files: an array of clean results', async () => {
    const all = JSON.parse(await cli(['clean', REFERENCE_PATH, HTML_PATH, MARKDOWN_PATH, '--to', 'json'])) as unknown[]
    expect(all).toHaveLength(3)
    expectValid('cleanResult', all)
    expect(validator('top')(all)).toBe(true)
  })

  it('the reference article has repeats: duplicates and passages are in the validated output', async () => {
    const result = JSON.parse(await cli(['clean', REFERENCE_PATH, '--to', 'json']))
    expect(result.passages).toEqual([{ kind: 'exact', paragraphs: [4, 6], of: [1, 3] }])
    expect(result.paragraphs[4].duplicate).toEqual({ kind: 'exact', of: 1, similarity: 1 })
  })

  it('a JSONL input with malformed lines: article records and error records', async () => {
    const input = join(tmp, 'in.jsonl')
    const lines = [...ARTICLES.map((a) => JSON.stringify(a)), '{not json', '[1,2]', '"a string"', JSON.stringify({ id: 'repeats', text: GLUED })]
    writeFileSync(input, [...lines, ''].join('\n'))
    const records = parseLines(await cli(['clean', input]))
    expect(records).toHaveLength(lines.length)
    const errors = records.filter(isError)
    expect(errors.length).toBe(6)
    expectValid('errorRecord', errors)
    expectValid('articleRecord', records.filter((r) => !isError(r)))
    expect(records.at(-1)).toMatchObject({ id: 'repeats', paragraphs: [{}, {}, { repeatedSentences: [{ of: 0 }] }] })
  })
})

describe('real outputs of `news-dedup feed` are valid', () => {
  it('feed records (copy, near copy, boilerplate, generated id) and error records', async () => {
    const records = await feedCliRecords([...FEED_ARTICLES, { id: 'no-body' }, 'not an object'])
    expect(records).toHaveLength(FEED_ARTICLES.length + 2)
    expectValid('feedRecord', records.filter((r) => !isError(r)))
    expectValid('errorRecord', records.filter(isError))
    expect(records.map((r) => (r.duplicate as { kind?: string } | null | undefined)?.kind)).toContain('copy')
  })
})

describe('more real outputs are valid: feed on RSS and on a directory, unreadable inputs, clean --to json on JSONL', () => {
  it('feed on an RSS file, a directory of .html pages, a missing file and an item without body', async () => {
    const rss = join(tmp, 'feed.rss')
    writeFileSync(rss, `<?xml version="1.0" encoding="UTF-8"?><rss><channel>
<item><guid>g1</guid><link>https://news.example/1</link><description>&lt;p&gt;Le conseil municipal a adopté le budget de la ville mardi soir après un long débat.&lt;/p&gt;</description></item>
<item><guid>g2</guid><link>https://news.example/2</link></item>
</channel></rss>`)
    const pages = join(tmp, 'pages')
    mkdirSync(pages, { recursive: true })
    writeFileSync(join(pages, 'a.html'), '<html><head><link rel="canonical" href="https://site.example/a"></head><body><p>Les pompiers ont évacué trois cents habitants dans la nuit de samedi.</p></body></html>')
    const records = parseLines(await cli(['feed', rss, pages, join(tmp, 'missing.jsonl'), '--index', ':memory:']))
    expect(records).toHaveLength(4)
    expectValid('feedRecord', records.filter((r) => !isError(r)))
    expectValid('errorRecord', records.filter(isError))
    expect(records.filter(isError).map((r) => (r as { error: { code: string } }).error.code).sort()).toEqual(['E_INVALID_RECORD', 'E_READ'])
  })

  it('clean: an unreadable file in JSONL output, and --to json on JSONL input (one array)', async () => {
    const unread = parseLines(await cli(['clean', join(tmp, 'missing.txt'), '--to', 'jsonl']))
    expectValid('errorRecord', unread)
    const input = join(tmp, 'two.jsonl')
    writeFileSync(input, `${JSON.stringify(ARTICLES[0])}\n{bad\n`)
    const array = JSON.parse(await cli(['clean', input, '--to', 'json'])) as unknown[]
    expect(array).toHaveLength(2)
    expect(validator('top')(array), ajv.errorsText(validator('top').errors)).toBe(true)
    expectValid('cleanResult', array.filter((r) => !isError(r)))
    expectValid('errorRecord', array.filter(isError))
  })
})

describe('stream outputs are valid', () => {
  it('clean streams and cleanAll', async () => {
    const items = [...ARTICLES, 42]
    const all: unknown[] = [...(await throughNode(items, createCleanTransform())), ...(await throughWeb(items, createCleanStream()))]
    for await (const record of cleanAll(items)) all.push(record)
    expectValid('articleRecord', all.filter((r) => !isError(r)))
    expectValid('errorRecord', all.filter(isError))
  })

  it('feed streams', async () => {
    const items = [...FEED_ARTICLES, { id: 'no-body' }]
    const all = [...(await throughNode(items, createFeedTransform())), ...(await throughWeb(items, createFeedStream()))]
    expectValid('feedRecord', all.filter((r) => !isError(r)))
    expectValid('errorRecord', all.filter(isError))
  })
})

describe('invalid outputs are rejected', () => {
  const record = async () => parseLines(await cli(['clean', REFERENCE_PATH, '--to', 'jsonl']))[0] as { paragraphs: Array<Record<string, unknown>> }

  it('results of bytes: encoding and warnings (clean result, article record, feed record)', async () => {
    // "Café crème" in windows-1252, once declared by its meta, once mislabelled UTF-8 by the transport (2 invalid bytes).
    const bytes = new Uint8Array([...new TextEncoder().encode('<meta charset="latin1"><p>'), 0x43, 0x61, 0x66, 0xe9, 0x20, 0x63, 0x72, 0xe8, 0x6d, 0x65])
    const results = [clean(bytes), clean({ html: bytes, contentType: 'text/html; charset=utf-8' })]
    expect(results.map((r) => [r.encoding?.source, r.warnings?.[0]?.code])).toEqual([['meta', undefined], ['transport', 'invalid-bytes']])
    expectValid('cleanResult', results)
    expectValid('articleRecord', results.map((r) => toRecord(r, { id: 1 })))
    const dedup = createDeduplicator()
    expectValid('feedRecord', [await dedup.add({ id: 'x', html: bytes, charset: 'utf-8' })])
    await dedup.close()
    const bad = JSON.parse(JSON.stringify(results[1]))
    bad.encoding.source = 'guessed'
    expect(validator('cleanResult')(bad)).toBe(false)
  })

  it('a wrong type for duplicate.kind', async () => {
    const bad = await record()
    bad.paragraphs[4]!.duplicate = { kind: 42, of: 1, similarity: 1 }
    expect(validator('articleRecord')(bad)).toBe(false)
    expect(validator('top')(bad)).toBe(false)
    bad.paragraphs[4]!.duplicate = { kind: 'copy', of: 1, similarity: 1 }
    expect(validator('articleRecord')(bad)).toBe(false)
  })

  it('an unknown field inside a paragraph or a duplicate, a missing field, an out-of-range value', async () => {
    const extra = await record()
    extra.paragraphs[0]!.extra = true
    expect(validator('articleRecord')(extra)).toBe(false)
    const inDuplicate = await record()
    inDuplicate.paragraphs[4]!.duplicate = { kind: 'exact', of: 1, similarity: 1, why: 'x' }
    expect(validator('articleRecord')(inDuplicate)).toBe(false)
    const missing = (await record()) as Record<string, unknown>
    delete missing.text
    expect(validator('articleRecord')(missing)).toBe(false)
    const range = await record()
    range.paragraphs[0]!.confidence = 1.5
    expect(validator('articleRecord')(range)).toBe(false)
  })

  it('other input fields are allowed on article records but not on clean results', async () => {
    const withField = { ...(await record()), title: 'kept', tags: ['a'] }
    expect(validator('articleRecord')(withField)).toBe(true)
    const result = { ...JSON.parse(await cli(['clean', REFERENCE_PATH, '--to', 'json'])), tags: ['no'] }
    expect(validator('cleanResult')(result)).toBe(false)
  })

  it('a page with a title, headings and a fallback warning validates; a malformed warning does not', async () => {
    const { clean } = await import('../../src/clean.js')
    const { toRecord } = await import('../../src/output/to-record.js')
    const page = clean('<html><head><title>Le titre | Site</title></head><body><noscript><div></noscript><h1>Le titre</h1><p>Le texte de la page.</p></body></html>')
    expect(page.title).toBe('Le titre | Site')
    expect(page.warnings).toHaveLength(1)
    expect(page.paragraphs[0]!.heading).toBe(true)
    expectValid('cleanResult', [JSON.parse(JSON.stringify(page))])
    expectValid('articleRecord', [JSON.parse(JSON.stringify(toRecord(page, { id: 'p' })))])
    expect(validator('cleanResult')({ ...page, warnings: [{ code: 'W_VISIBLE_TEXT_FALLBACK', message: 'm' }] })).toBe(false)
    expect(validator('cleanResult')({ ...page, warnings: [{ code: 'visible-text-fallback' }] })).toBe(false)
    expect(validator('cleanResult')({ ...page, warnings: [] })).toBe(false)
    expect(validator('paragraph')({ ...page.paragraphs[0], heading: false })).toBe(false)
  })

  it('a malformed error record', () => {
    expect(validator('errorRecord')({ id: 1, error: { code: 'E_X' } })).toBe(false)
    expect(validator('errorRecord')({ id: 1, error: { code: 'bad', message: 'm' } })).toBe(false)
  })
})
