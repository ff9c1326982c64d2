import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { clean } from '../../src/clean.js'
import { toHtml } from '../../src/output/to-html.js'
import { toJson } from '../../src/output/to-json.js'
import { toMarkdown } from '../../src/output/to-markdown.js'
import { main } from '../../src/cli/main.js'
import { fakeIo, jsonLines, runCli } from '../helpers/fake-io.js'
import { FLOOD_FR } from '../helpers/corpus.js'
import { REFERENCE_ARTICLE, REFERENCE_VERDICTS } from '../helpers/reference-article.js'
import { warcFile } from '../helpers/warc.js'

const REFERENCE = REFERENCE_ARTICLE
const tmp = mkdtempSync(join(tmpdir(), 'news-dedup-cli-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

const run = runCli

const [A, B, C] = FLOOD_FR as [string, string, string]

describe('news-dedup clean on the reference article', () => {
  const input = readFileSync(REFERENCE, 'utf8')
  const lines = input.split('\n')
  const expected = clean(input)

  it('--to text (default): the first four lines, blank lines between, and a summary on stderr', async () => {
    const { code, stdout, stderr } = await run(['clean', REFERENCE])
    expect(code).toBe(0)
    expect(stdout).toBe(`${lines.slice(0, 4).join('\n\n')}\n`)
    expect(stderr).toContain(`${REFERENCE}: 7 paragraphs, 4 kept, language fr`)
    expect(stderr).toContain('- paragraphs 5–7: exact repeat of 2–4')
  })

  it('--quiet drops the summary', async () => {
    const { code, stderr } = await run(['clean', REFERENCE, '-q'])
    expect(code).toBe(0)
    expect(stderr).toBe('')
  })

  it('--to json: the clean() result as indented JSON with the file as id first, no summary', async () => {
    const { code, stdout, stderr } = await run(['clean', REFERENCE, '--to', 'json'])
    expect(code).toBe(0)
    // Files are read as bytes: the result says how they were decoded (undeclared, valid UTF-8).
    expect(stdout).toBe(toJson({ id: REFERENCE, ...expected, encoding: { name: 'utf-8', source: 'detected' } } as never))
    expect(Object.keys(JSON.parse(stdout))[0]).toBe('id')
    const parsed = JSON.parse(stdout)
    expect(parsed.passages).toEqual([{ kind: 'exact', paragraphs: [4, 6], of: [1, 3] }])
    expect(parsed.paragraphs.map((p: { language: string }) => p.language)).toEqual(Array(7).fill('fr'))
    expect(stderr).toBe('')
  })

  it('--to jsonl: one record with the file as id', async () => {
    const { code, stdout } = await run(['clean', REFERENCE, '--to', 'jsonl'])
    expect(code).toBe(0)
    const records = jsonLines(stdout)
    expect(records).toHaveLength(1)
    const record = records[0]!
    expect(record.id).toBe(REFERENCE)
    expect(record.language).toBe('fr')
    expect(record.text).toBe(lines.slice(0, 4).join('\n\n'))
    expect((record.paragraphs as Array<{ duplicate: unknown }>).map((p) => p.duplicate)).toEqual(REFERENCE_VERDICTS)
  })

  it('--to html: an article of 4 paragraphs', async () => {
    const { code, stdout } = await run(['clean', REFERENCE, '--to', 'html'])
    expect(code).toBe(0)
    expect(stdout).toBe(toHtml(expected))
    expect(stdout.startsWith('<article lang="fr">\n<p>L&#39;application de messagerie')).toBe(true)
    expect(stdout.match(/<p>/g)).toHaveLength(4)
  })

  it('--to markdown: 4 paragraphs', async () => {
    const { code, stdout } = await run(['clean', REFERENCE, '--to', 'markdown'])
    expect(code).toBe(0)
    expect(stdout).toBe(toMarkdown(expected))
    expect(stdout.trimEnd().split('\n\n')).toHaveLength(4)
  })

  it('reads standard input when no file is given', async () => {
    // Chunks cut in the middle of "é" (2 bytes) and of a line.
    const bytes = Buffer.from(input, 'utf8')
    const cut = bytes.indexOf(Buffer.from('é')) + 1
    const { code, stdout, stderr } = await run(['clean'], [bytes.subarray(0, cut), bytes.subarray(cut, 700), bytes.subarray(700)])
    expect(code).toBe(0)
    expect(stdout).toBe(`${lines.slice(0, 4).join('\n\n')}\n`)
    expect(stderr.startsWith('stdin: 7 paragraphs, 4 kept')).toBe(true)
  })

  it('"-" names standard input too', async () => {
    const { code, stdout } = await run(['clean', '-', '-q'], [input])
    expect(code).toBe(0)
    expect(stdout).toBe(`${lines.slice(0, 4).join('\n\n')}\n`)
  })

  it('--to json with two files prints one JSON array', async () => {
    const { code, stdout } = await run(['clean', REFERENCE, REFERENCE, '--to', 'json'])
    expect(code).toBe(0)
    const parsed = JSON.parse(stdout)
    expect(parsed).toHaveLength(2)
    expect(parsed[1]).toEqual({ id: REFERENCE, ...JSON.parse(toJson({ ...expected, encoding: { name: 'utf-8', source: 'detected' } })) })
  })

  it('--to json on standard input: id null', async () => {
    const { stdout } = await run(['clean', '--to', 'json'], [input])
    expect(JSON.parse(stdout).id).toBeNull()
  })

  it('--to text with several files: each article after a "==> path <==" line', async () => {
    const other = join(tmp, 'other.txt')
    writeFileSync(other, `${A}\n\n${B}\n`)
    const { code, stdout } = await run(['clean', REFERENCE, other, '-q'])
    expect(code).toBe(0)
    expect(stdout).toBe(`==> ${REFERENCE} <==\n${lines.slice(0, 4).join('\n\n')}\n\n==> ${other} <==\n${A}\n\n${B}\n`)
  })
})

describe('news-dedup clean: input formats and options', () => {
  it('reads an .html file as HTML', async () => {
    const path = join(tmp, 'page.html')
    writeFileSync(path, `<html><body><script>alert(1)</script><p>${A}</p><p>${B}</p><p>${A}</p></body></html>`)
    const { code, stdout } = await run(['clean', path, '-q'])
    expect(code).toBe(0)
    expect(stdout).toBe(`${A}\n\n${B}\n`)
  })

  it('reads an .md file as Markdown', async () => {
    const path = join(tmp, 'article.md')
    writeFileSync(path, `# Inondations\n\n${A}\n\n> ${A}\n`)
    const { code, stdout } = await run(['clean', path, '-q'])
    expect(code).toBe(0)
    expect(stdout).toBe(`Inondations\n\n${A}\n`)
  })

  it('--from markdown on stdin', async () => {
    const { stdout } = await run(['clean', '--from', 'markdown', '-q'], [`* ${A}\n* ${A}\n`])
    expect(stdout).toBe(`${A}\n`)
  })

  it('--line-breaks join merges single lines into one paragraph', async () => {
    const { stdout } = await run(['clean', '--line-breaks', 'join', '-q'], [`${A}\n${B}\n`])
    expect(stdout).toBe(`${A} ${B}\n`)
  })

  it('--near-threshold changes what counts as a near repeat', async () => {
    const copy = A.replace('300 habitants', '350 habitants')
    const loose = await run(['clean', '-q'], [`${A}\n\n${copy}\n`])
    const strict = await run(['clean', '-q', '--near-threshold', '0.99'], [`${A}\n\n${copy}\n`])
    expect(loose.stdout).toBe(`${A}\n`)
    expect(strict.stdout).toBe(`${A}\n\n${copy}\n`)
  })

  it('--min-sentence-length 0 keeps repeated sentences', async () => {
    const sentence = 'La circulation reste interdite sur la route départementale entre Alès et Anduze.'
    const input = `${B} ${sentence}\n\n${C} ${sentence}\n`
    expect((await run(['clean', '-q'], [input])).stdout).toBe(`${B} ${sentence}\n\n${C}\n`)
    expect((await run(['clean', '-q', '--min-sentence-length', '0'], [input])).stdout).toBe(input)
  })

  it('a missing file fails with exit code 1 and names the file', async () => {
    const missing = join(tmp, 'absent.txt')
    const { code, stderr } = await run(['clean', missing])
    expect(code).toBe(1)
    expect(stderr).toContain(missing)
  })

  it('a windows-1252 page is decoded by its <meta>, --charset decodes an undeclared text file', async () => {
    const page = join(tmp, 'latin1.html')
    // "Café crème" in windows-1252 (é = 0xE9, è = 0xE8) declared ISO-8859-1, which means windows-1252.
    writeFileSync(page, Buffer.concat([Buffer.from('<meta charset="iso-8859-1"><p>'), Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x63, 0x72, 0xe8, 0x6d, 0x65]), Buffer.from('</p>\n')]))
    const html = await run(['clean', page, '--to', 'json'])
    expect(html.code).toBe(0)
    expect(JSON.parse(html.stdout)).toMatchObject({ text: 'Café crème', encoding: { name: 'windows-1252', source: 'meta' } })
    const text = join(tmp, 'koi8.txt')
    writeFileSync(text, Buffer.from([0xeb, 0xc1, 0xd6, 0xc4, 0xd9, 0xca, 0x20, 0xc4, 0xc5, 0xce, 0xd8, 0x0a]))
    const koi = await run(['clean', text, '--charset', 'koi8-r', '--to', 'json'])
    expect(JSON.parse(koi.stdout)).toMatchObject({ text: 'Каждый день', encoding: { name: 'koi8-r', source: 'transport' } })
  })

  it('bytes invalid in the declared encoding are replaced, counted in a warning on the result and on stderr, exit code 0', async () => {
    const path = join(tmp, 'mislabelled.html')
    writeFileSync(path, Buffer.concat([Buffer.from('<meta charset="utf-8"><p>'), Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x63, 0x72, 0xe8, 0x6d, 0x65]), Buffer.from('</p>\n')]))
    const { code, stdout, stderr } = await run(['clean', path, '--to', 'json'])
    expect(code).toBe(0)
    const result = JSON.parse(stdout)
    expect(result.text).toBe('Caf\uFFFD cr\uFFFDme')
    expect(result.warnings).toEqual([{ code: 'invalid-bytes', count: 2, message: expect.stringContaining('not valid utf-8') }])
    expect(stderr).toBe(`${path}: warning: 2 byte sequences are not valid utf-8 (decided by meta): replaced by U+FFFD (invalid-bytes)\n`)
  })

  it('binary input fails with E_BINARY_INPUT and exit code 1', async () => {
    const { code, stderr } = await run(['clean'], [Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x41])])
    expect(code).toBe(1)
    expect(stderr).toContain('E_BINARY_INPUT')
  })

  it('one bad file among good ones: the good ones are written, exit code 1', async () => {
    const { code, stdout } = await run(['clean', join(tmp, 'absent.txt'), REFERENCE, '-q'])
    expect(code).toBe(1)
    expect(stdout.split('\n\n')).toHaveLength(4)
  })
})

describe('news-dedup clean: JSONL', () => {
  const good = (id: string, text: string, extra: Record<string, unknown> = {}) => JSON.stringify({ id, ...extra, text })

  it('writes one line per input line, in order, with the expected fields (a blank line gets an error record)', async () => {
    const input = [
      good('a', `${A}\n\n${B}\n\n${A}`, { url: 'https://exemple.fr/a', tags: ['gard'] }),
      '',
      JSON.stringify({ id: 'b', html: `<p>${C}</p><p>${C}</p>`, source: 'AFP' }),
      '   ',
      JSON.stringify({ id: 3, markdown: `# Titre\n\n${B}` }),
    ].join('\n')
    const { code, stdout, stderr } = await run(['clean', '--from', 'jsonl'], [`${input}\n`])
    expect(code).toBe(1)
    expect(stderr).toBe('')
    const all = jsonLines(stdout)
    expect(stdout.endsWith('\n')).toBe(true)
    expect(all).toHaveLength(5)
    expect([all[1], all[3]]).toEqual([
      { id: null, line: 2, error: { code: 'E_INVALID_RECORD', message: 'Line 2 is empty' } },
      { id: null, line: 4, error: { code: 'E_INVALID_RECORD', message: 'Line 4 is empty' } },
    ])
    const records = [all[0]!, all[2]!, all[4]!]
    expect(records.map((r) => r.id)).toEqual(['a', 'b', 3])
    const [ra, rb, rc] = records as [Record<string, any>, Record<string, any>, Record<string, any>]
    for (const record of records) {
      expect(record).toHaveProperty('language')
      expect(record).toHaveProperty('text')
      for (const p of record.paragraphs as Array<Record<string, unknown>>) {
        expect(p).toHaveProperty('text')
        expect(p).toHaveProperty('language')
        expect(p).toHaveProperty('duplicate')
      }
    }
    expect(ra.url).toBe('https://exemple.fr/a')
    expect(ra.tags).toEqual(['gard'])
    expect(ra.language).toBe('fr')
    expect(ra.text).toBe(`${A}\n\n${B}`)
    expect(ra.paragraphs.map((p: { duplicate: unknown }) => p.duplicate)).toEqual([null, null, { kind: 'exact', of: 0, similarity: 1 }])
    expect(rb.source).toBe('AFP')
    expect(rb.html).toBeUndefined()
    expect(rb.text).toBe(C)
    expect(rc.paragraphs.map((p: { text: string }) => p.text)).toEqual(['Titre', B])
  })

  it('--from jsonl gives every record back as written: big-integer and object ids, __proto__, a field nested beyond any depth', async () => {
    const deep = `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`
    const input = [
      `{"id":12345678901234567890,"text":"Le conseil municipal a voté le budget.","score":1.50,"__proto__":{"x":1},"deep":${deep}}`,
      '{"id":{"k":[1,2]},"text":"Un autre article."}',
      '{"id":12345678901234567891,"text":5}',
    ].join('\n')
    const { code, stdout } = await run(['clean', '--from', 'jsonl'], [`${input}\n`])
    expect(code).toBe(1)
    const raw = stdout.split('\n').filter(Boolean)
    expect(raw).toHaveLength(3)
    expect(raw[0]).toMatch(new RegExp(`^\\{"score":1.50,"__proto__":\\{"x":1\\},"deep":\\{"a":.{${deep.length - 5}},"id":12345678901234567890,"language":`))
    expect(raw[1]).toMatch(/^\{"id":\{"k":\[1,2\]\},"language":/)
    expect(raw[2]).toBe('{"id":12345678901234567891,"line":3,"error":{"code":"E_INVALID_RECORD","message":"Expected the record to have a `text`, `html` or `markdown` string (or bytes, or `html_base64`…)"}}')
  })

  it('reads a .jsonl file as JSONL and writes JSONL by default', async () => {
    const path = join(tmp, 'feed.jsonl')
    writeFileSync(path, `${good('x', `${A}\n\n${A}`)}\n${good('y', B)}`)
    const { code, stdout } = await run(['clean', path])
    expect(code).toBe(0)
    expect(jsonLines(stdout).map((r) => [r.id, r.text])).toEqual([
      ['x', A],
      ['y', B],
    ])
  })

  it('turns each bad line into an error record, goes on, and exits with 1', async () => {
    const lines = [
      good('ok-1', A),
      '{"id": "broken", "text": ',
      '[1, 2, 3]',
      '"just a string"',
      JSON.stringify({ id: 'no-text', title: 'Sans texte' }),
      JSON.stringify({ id: 'not-string', text: 42 }),
      JSON.stringify({ id: 'binary', text: 'abc\u0000def' }),
      null, // invalid UTF-8, inserted as bytes below
      good('ok-2', B),
    ]
    const chunks: Buffer[] = []
    for (const line of lines) {
      chunks.push(line === null ? Buffer.from([0x7b, 0x22, 0x74, 0x65, 0x78, 0x74, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]) : Buffer.from(line))
      chunks.push(Buffer.from('\n'))
    }
    const { code, stdout } = await run(['clean', '--from', 'jsonl'], [Buffer.concat(chunks)])
    expect(code).toBe(1)
    const records = jsonLines(stdout)
    expect(records).toHaveLength(lines.length)
    expect(records[0]).toMatchObject({ id: 'ok-1', text: A })
    expect(records[8]).toMatchObject({ id: 'ok-2', text: B })
    const errors = records.slice(1, 8).map((r) => [r.id, r.line, (r.error as { code: string }).code])
    expect(errors).toEqual([
      [null, 2, 'E_INVALID_RECORD'],
      [null, 3, 'E_INVALID_RECORD'],
      [null, 4, 'E_INVALID_RECORD'],
      ['no-text', 5, 'E_INVALID_RECORD'],
      ['not-string', 6, 'E_INVALID_RECORD'],
      ['binary', 7, 'E_BINARY_INPUT'],
      [null, 8, 'E_INVALID_UTF8'],
    ])
    for (const record of records.slice(1, 8)) {
      expect(Object.keys(record).sort()).toEqual(['error', 'id', 'line'])
      expect(typeof (record.error as { message: string }).message).toBe('string')
      expect((record.error as { message: string }).message.length).toBeGreaterThan(0)
    }
  })

  it('writes the first line at once, before the records read with it are cleaned (standard input kept open)', async () => {
    const input = `${good('a', `${A}\n\n${A}`)}\n${JSON.stringify({ id: 'b', html: `<p>${B}</p>` })}\n`
    const whole = await run(['clean', '--from', 'jsonl', '--workers', '2'], [input])
    const lines = whole.stdout.split('\n')
    expect(lines).toHaveLength(3)
    // Both records come in one chunk; then standard input stays open, as a live pipe does,
    // until the first write to standard output has been seen.
    let close!: () => void
    const closed = new Promise<void>((resolve) => (close = resolve))
    const fake = fakeIo(
      (async function* () {
        yield Buffer.from(input)
        await closed
      })(),
    )
    const writes: string[] = []
    const write = fake.stdout.write.bind(fake.stdout) as (chunk: unknown, ...rest: unknown[]) => boolean
    const firstWrite = new Promise<string>((resolve) => {
      fake.stdout.write = ((chunk: unknown, ...rest: unknown[]) => {
        writes.push(String(chunk))
        if (writes.length === 1) resolve(String(chunk))
        return write(chunk, ...rest)
      }) as typeof fake.stdout.write
    })
    const code = main(['clean', '--from', 'jsonl', '--workers', '2'], fake.io)
    // The first record's line alone: not held until its batch (the second record) is cleaned too.
    expect(await firstWrite).toBe(`${lines[0]}\n`)
    close()
    expect(await code).toBe(0)
    expect(fake.stdout.text).toBe(whole.stdout)
    expect(writes.length).toBeGreaterThan(1)
  })

  it('a first record that cannot be cleaned keeps its error record in place, and the others follow in order', async () => {
    const input = [JSON.stringify({ id: 'no-text', title: 'Sans texte' }), good('a', A), '', good('b', B)].join('\n')
    const { code, stdout } = await run(['clean', '--from', 'jsonl'], [`${input}\n`])
    expect(code).toBe(1)
    expect(jsonLines(stdout).map((r) => [r.id, r.line ?? r.text])).toEqual([
      ['no-text', 1],
      ['a', A],
      [null, 3],
      ['b', B],
    ])
  })

  it('counts line numbers over blank lines and CRLF endings', async () => {
    const { stdout } = await run(['clean', '--from', 'jsonl'], [`\r\n${good('a', A)}\r\n\r\n{bad\r\n`])
    const records = jsonLines(stdout)
    expect(records.map((r) => r.id ?? r.line)).toEqual([1, 'a', 3, 4])
  })

  it('--to text on JSONL input writes each cleaned article as text', async () => {
    const { code, stdout } = await run(['clean', '--from', 'jsonl', '--to', 'text'], [`${good('a', `${A}\n\n${A}`)}\n${good('b', B)}\n${JSON.stringify({ text: C })}\n`])
    expect(code).toBe(0)
    // Each article after a line naming it: its id, else the input and line number.
    expect(stdout).toBe(`==> a <==\n${A}\n\n==> b <==\n${B}\n\n==> stdin:3 <==\n${C}\n`)
  })

  it('empty JSONL input writes nothing and succeeds', async () => {
    const { code, stdout } = await run(['clean', '--from', 'jsonl'], [''])
    expect(code).toBe(0)
    expect(stdout).toBe('')
  })

  it('names the article of a line with invalid UTF-8 when its id can still be read', async () => {
    const line = Buffer.concat([Buffer.from('{"id":"kept-id","text":"caf'), Buffer.from([0xe9]), Buffer.from('"}\n')])
    const { code, stdout } = await run(['clean', '--from', 'jsonl'], [line])
    expect(code).toBe(1)
    expect(jsonLines(stdout)).toEqual([{ id: 'kept-id', line: 1, error: { code: 'E_INVALID_UTF8', message: 'Line 1 is not valid UTF-8' } }])
  })

  it('--to json on JSONL input writes one JSON array: results and error records in input order', async () => {
    const { code, stdout } = await run(['clean', '--from', 'jsonl', '--to', 'json'], [`${good('a', `${A}\n\n${A}`)}\n{bad\n${good('b', B)}\n`])
    expect(code).toBe(1)
    const value = JSON.parse(stdout) as Array<Record<string, any>>
    expect(value).toHaveLength(3)
    expect(value[0]!.text).toBe(A)
    expect(value[1]).toMatchObject({ id: null, line: 2, error: { code: 'E_INVALID_RECORD' } })
    expect(value[2]!.text).toBe(B)
  })

  it('an unreadable JSONL file gives an E_READ record and the other inputs are still cleaned', async () => {
    const missing = join(tmp, 'absent.jsonl')
    const { code, stdout } = await run(['clean', missing, REFERENCE, '--to', 'jsonl'])
    expect(code).toBe(1)
    const records = jsonLines(stdout)
    expect(records).toHaveLength(2)
    expect(records[0]).toMatchObject({ id: null, source: missing, error: { code: 'E_READ' } })
    expect(records[1]).toMatchObject({ id: REFERENCE, language: 'fr' })
  })

  it('an unreadable text file gives an E_READ record in JSONL output', async () => {
    const missing = join(tmp, 'absent.txt')
    const { code, stdout } = await run(['clean', missing, '--to', 'jsonl'])
    expect(code).toBe(1)
    expect(jsonLines(stdout)).toEqual([{ id: missing, error: { code: 'E_READ', message: expect.stringContaining('absent.txt') } }])
  })

  it('--to text on JSONL input reports bad lines on stderr, not in the text', async () => {
    const { code, stdout, stderr } = await run(['clean', '--from', 'jsonl', '--to', 'text', '-q'], [`${good('a', A)}\n{bad\n`])
    expect(code).toBe(1)
    expect(stdout).toBe(`==> a <==\n${A}\n`)
    expect(stderr).toMatch(/^stdin:2: E_INVALID_RECORD: Line 2 is not valid JSON \(.+\)\n$/)
  })
})

describe('news-dedup usage', () => {
  it.each([
    ['an unknown flag', ['clean', '--frobnicate']],
    ['--to pdf', ['clean', '--to', 'pdf']],
    ['--from docx', ['clean', '--from', 'docx']],
    ['--near-threshold 2', ['clean', '--near-threshold', '2']],
    ['--near-threshold abc', ['clean', '--near-threshold', 'abc']],
    ['--min-length -1', ['clean', '--min-length', '-1']],
    ['--line-breaks never', ['clean', '--line-breaks', 'never']],
    ['an unknown command', ['purge']],
    ['a flag missing its value', ['clean', '--to']],
  ])('%s is a usage error: exit code 2, message on stderr, nothing on stdout', async (_, argv) => {
    const { code, stdout, stderr } = await run(argv, ['never read'])
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toMatch(/^news-dedup: E_[A-Z_]+: [^\n]+\nRun `news-dedup (clean )?--help` for usage\.\n$/)
  })

  it.each([
    [['clean', '--nera-threshold', '0.5'], 'Unknown option `--nera-threshold`: did you mean `--near-threshold`?'],
    [['review', '--langauges', 'fr'], 'Unknown option `--langauges`: did you mean `--languages`?'],
    [['feed', '--drop-duplicate'], 'Unknown option `--drop-duplicate`: did you mean `--drop-duplicates`?'],
    [['clean', '--to'], 'Expected a value after `--to` (FORMAT)'],
    [['clean', '--quiet=yes'], '`--quiet` takes no value'],
    [['clea'], 'Unknown command `clea`: did you mean `clean`?'],
    [['--verison'], 'Unknown option `--verison`: did you mean `--version`?'],
  ])('%j says what is wrong: %s', async (argv, message) => {
    const { code, stderr } = await run(argv)
    expect(code).toBe(2)
    expect(stderr.split('\n')[0]).toBe(`news-dedup: E_USAGE: ${message}`)
  })

  it('an unknown flag far from every known one gets no suggestion', async () => {
    const { stderr } = await run(['clean', '--frobnicate'])
    expect(stderr.split('\n')[0]).toBe('news-dedup: E_USAGE: Unknown option `--frobnicate`')
  })

  it('--version and -V print the version of package.json', async () => {
    const { version } = JSON.parse(readFileSync(resolve(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }
    for (const flag of ['--version', '-V']) {
      const { code, stdout } = await run([flag])
      expect(code).toBe(0)
      expect(stdout).toBe(`${version}\n`)
    }
  })

  it('an output file in a missing folder: one line `news-dedup: E_WRITE: …`, no stack trace, exit code 1', async () => {
    const { code, stderr } = await run(['review', REFERENCE, '-q', '-o', join(tmp, 'no-such-folder', 'r.html')])
    expect(code).toBe(1)
    // One line, checked before any article is read and judged.
    expect(stderr).toMatch(/^news-dedup: E_WRITE: Cannot write .*no-such-folder.*r\.html: ENOENT[^\n]*\n$/)
  })

  it('the help of each command lists every flag of its table', async () => {
    const { CLEAN_COMMAND_FLAGS } = await import('../../src/cli/clean-command.js')
    const { REVIEW_FLAGS } = await import('../../src/cli/review-command.js')
    const { FEED_FLAGS } = await import('../../src/cli/feed-command.js')
    const { CLEAN_FLAGS } = await import('../../src/cli/clean-flags.js')
    for (const [command, table] of [['clean', CLEAN_COMMAND_FLAGS], ['review', REVIEW_FLAGS], ['feed', FEED_FLAGS]] as const) {
      // feed and review take clean()'s flags too.
      expect(Object.keys(table)).toEqual(expect.arrayContaining(Object.keys(CLEAN_FLAGS)))
      const { stdout } = await run([command, '--help'])
      for (const name of Object.keys(table)) expect(stdout).toMatch(new RegExp(`^ {2}(-\\w, )? *--${name}\\b`, 'm'))
    }
  })

  it('names the bad value in the message', async () => {
    expect((await run(['clean', '--to', 'pdf'])).stderr).toContain('pdf')
    expect((await run(['clean', '--near-threshold', '2'])).stderr).toContain('nearThreshold')
  })

  it.each([
    ['--help', ['--help']],
    ['-h', ['-h']],
    ['help', ['help']],
  ])('%s prints usage with commands and examples, exit code 0', async (_, argv) => {
    const { code, stdout } = await run(argv)
    expect(code).toBe(0)
    expect(stdout).toContain('Usage: news-dedup <command>')
    expect(stdout).toContain('clean [FILE...]')
    expect(stdout).toContain('Examples:')
    expect(stdout).toContain('news-dedup clean article.txt')
  })

  it('clean --help prints the clean options and examples', async () => {
    const { code, stdout } = await run(['clean', '--help'])
    expect(code).toBe(0)
    expect(stdout).toContain('Usage: news-dedup clean [FILE...] [options]')
    for (const flag of ['--from', '--to', '--near-threshold', '--contain-threshold', '--min-length', '--languages', '--quiet']) {
      expect(stdout).toContain(flag)
    }
    expect(stdout).toContain('Examples:')
  })

  it('no command prints usage on stderr and exits with 2', async () => {
    const { code, stdout, stderr } = await run([])
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toContain('Usage: news-dedup <command>')
  })
})

describe('news-dedup clean --to markdown of Markdown input', () => {
  it('keeps headings and list items, from a file and from a JSONL record', async () => {
    const md = `# Titre\n\n${A}\n\n- premier point de la liste\n- second point\n\n${A}\n`
    const path = join(tmp, 'article.md')
    writeFileSync(path, md)
    const expected = `# Titre\n\n${A}\n\n- premier point de la liste\n- second point\n`
    expect((await run(['clean', path, '--to', 'markdown', '-q'])).stdout).toBe(expected)
    const jsonl = (await run(['clean', '--from', 'jsonl', '--to', 'markdown'], [`${JSON.stringify({ id: 'm', markdown: md })}\n`])).stdout
    expect(jsonl).toBe(expected)
  })
})

describe('news-dedup clean --from jsonl --to markdown of a text or HTML body', () => {
  it("reads no heading from the record's other `markdown` field: the body cleaned is `text` (or `html`), every block a paragraph", async () => {
    const markdown = '# Big heading text\n\n- list item stuff'
    const lines = [
      { id: 'text', text: 'First paragraph of text here.\n\nSecond paragraph of text.', markdown },
      { id: 'html', html: '<p>First paragraph of text here.</p><p>Second paragraph of text.</p>', markdown },
    ].map((record) => `${JSON.stringify(record)}\n`)
    const { stdout } = await run(['clean', '--from', 'jsonl', '--to', 'markdown'], lines)
    expect(stdout).toBe('First paragraph of text here.\n\nSecond paragraph of text.\n'.repeat(2))
  })
})

describe('news-dedup clean: WARC', () => {
  it('clean FILE.warc.gz writes one JSONL record per HTML response, with its WARC id, url and date', async () => {
    const path = join(tmp, 'crawl.warc.gz')
    const lead = 'Der Stadtrat hat am Dienstag den Haushalt für das kommende Jahr beschlossen.'
    writeFileSync(
      path,
      warcFile(
        [
          { type: 'warcinfo', id: 'urn:uuid:1', payload: 'software: test\r\n' },
          { type: 'response', id: 'urn:uuid:2', url: 'https://zeitung.example/a', date: '2026-11-30T06:00:00Z', http: { headers: { 'Content-Type': 'text/html; charset=iso-8859-1' } }, payload: Buffer.from(`<p>${lead}</p><p>${lead}</p>`, 'latin1') },
        ],
        true,
      ),
    )
    const { code, stdout } = await run(['clean', path])
    expect(code).toBe(0)
    const records = stdout.trim().split('\n').map((line) => JSON.parse(line))
    expect(records).toHaveLength(1)
    expect(records[0]).toMatchObject({ id: 'urn:uuid:2', url: 'https://zeitung.example/a', published: '2026-11-30T06:00:00Z', contentType: 'text/html; charset=iso-8859-1', language: 'de', text: lead, encoding: { name: 'windows-1252', source: 'transport' } })
    expect(records[0].paragraphs[1].duplicate).toEqual({ kind: 'exact', of: 0, similarity: 1 })
  })
})
