import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import iconv from 'iconv-lite'
import { jsonLines, runCli } from '../helpers/fake-io.js'
import { warcFile } from '../helpers/warc.js'
import { seeded, story, vocabulary } from '../feed/fixtures.js'

let dir = ''
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'feed-cli-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const rand = seeded(77)
const common = vocabulary(500, rand)
const topic = vocabulary(50, rand)
const a = story(rand, common, topic, 4)
const b = story(rand, common, topic, 4)

async function cli(argv: string[], stdin = '') {
  const { code, stdout, stderr } = await runCli(['feed', ...argv], [stdin])
  return { code, lines: jsonLines(stdout) as any[], err: stderr }
}

describe('news-dedup feed', () => {
  it('stops with exit code 2 and one message when the Redis index cannot be reached, before reading any record', async () => {
    const input = join(dir, 'unreached.jsonl')
    writeFileSync(input, `${JSON.stringify({ id: 1, text: a.join('\n\n') })}\n`)
    // Port 9 (discard) on loopback: nothing listens there on these machines.
    const { code, lines, err } = await cli([input, '--index', 'redis://127.0.0.1:9/0'])
    expect(code).toBe(2)
    expect(lines).toEqual([])
    expect(err).toMatch(/^news-dedup: E_INDEX_UNAVAILABLE: Cannot use the Redis index at redis:\/\/127\.0\.0\.1:9\/0: .+\n$/)
  })

  it('reads JSONL, writes one line per record, reports bad lines and goes on', async () => {
    const input = join(dir, 'in.jsonl')
    writeFileSync(
      input,
      [
        JSON.stringify({ id: 1, site: 'x', text: a.join('\n\n') }),
        '{not json',
        '',
        JSON.stringify({ id: 'no-body' }),
        JSON.stringify({ id: 2, site: 'y', text: a.join('\n\n') }),
        JSON.stringify({ id: 3, site: 'y', text: b.join('\n\n') }),
      ].join('\r\n'),
    )
    const { code, lines, err } = await cli([input, '--index', ':memory:'])
    expect(code).toBe(1)
    // One output line per input line: the blank line 3 gets its own error record.
    expect(lines).toHaveLength(6)
    expect(lines[0].id).toBe(1) // as written in the input, a number
    expect(lines[1]).toEqual({ error: { code: 'E_INVALID_RECORD', message: expect.stringMatching(/^Line 2 is not valid JSON/) }, line: 2, source: `${input}:2` })
    expect(lines[2]).toEqual({ error: { code: 'E_INVALID_RECORD', message: 'Line 3 is empty' }, line: 3, source: `${input}:3` })
    expect(lines[3]).toMatchObject({ id: 'no-body', error: { code: 'E_INVALID_RECORD' }, source: `${input}:4` })
    expect(lines[4].duplicate).toMatchObject({ of: '1', kind: 'copy' })
    expect(lines[5].duplicate).toBeNull()
    expect(err).toMatch(/feed: 6 records, 2 originals, 1 duplicates .* 3 errors/)
  })

  it('gives every record back as written: big-integer and object ids, __proto__, a field nested beyond any depth', async () => {
    const input = join(dir, 'as-given.jsonl')
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`
    writeFileSync(
      input,
      [
        `{"id":12345678901234567890,"text":${JSON.stringify(a.join('\n\n'))},"score":1.50,"__proto__":{"x":1},"deep":${deep}}`,
        `{"id":{"k":[1,2]},"text":${JSON.stringify(b.join('\n\n'))}}`,
        `{"id":12345678901234567891,"text":5}`,
      ].join('\n') + '\n',
    )
    const { code, stdout } = await runCli(['feed', input, '--index', ':memory:'])
    expect(code).toBe(1)
    const raw = stdout.split('\n').filter(Boolean)
    expect(raw).toHaveLength(3)
    expect(raw[0]).toMatch(/^\{"id":12345678901234567890,"idGenerated":false,/)
    expect(raw[0]).toContain(`"score":1.50,"__proto__":{"x":1},"deep":${deep},`)
    expect(raw[1]).toMatch(/^\{"id":\{"k":\[1,2\]\},"idGenerated":false,/)
    expect(raw[2]).toBe(`{"id":12345678901234567891,"line":3,"source":"${input}:3","error":{"code":"E_INVALID_RECORD","message":"Expected the record to have a \`text\`, \`html\` or \`markdown\` string (or bytes, or \`html_base64\`…)"}}`)
  })

  it('gives an E_INVALID_UTF8 record for a line with invalid UTF-8 and reads on', async () => {
    const input = join(dir, 'utf8.jsonl')
    const line = (id: number, text: string) => Buffer.from(JSON.stringify({ id, text }) + '\n')
    const bad = Buffer.concat([Buffer.from('{"id":2,"text":"caf'), Buffer.from([0xff]), Buffer.from('"}\n')])
    writeFileSync(input, Buffer.concat([line(1, a.join('\n\n')), bad, line(3, b.join('\n\n'))]))
    const { code, lines } = await cli([input, '--index', ':memory:'])
    expect(code).toBe(1)
    expect(lines).toHaveLength(3)
    expect(lines[0]).toMatchObject({ id: 1, duplicate: null })
    expect(lines[1]).toEqual({ id: 2, error: { code: 'E_INVALID_UTF8', message: 'Line 2 is not valid UTF-8' }, line: 2, source: `${input}:2` })
    expect(lines[2]).toMatchObject({ id: 3, duplicate: null })
  })

  it('keeps only originals with --drop-duplicates, reading stdin', async () => {
    const stdin = [a, a, b].map((s, i) => JSON.stringify({ id: `n${i}`, text: s.join('\n\n') })).join('\n') + '\n'
    const { code, lines } = await cli(['-', '--index', ':memory:', '--drop-duplicates'], stdin)
    expect(code).toBe(0)
    expect(lines.map((l) => l.id)).toEqual(['n0', 'n2'])
  })

  it('reads RSS and Atom', async () => {
    const rss = `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>T</title>
      <item><title>One &amp; only</title><link>https://www.news.example/1</link><guid>g1</guid><pubDate>Mon, 01 Jan 2024 10:00:00 GMT</pubDate>
      <description><![CDATA[<p>${a[0]}</p><p>${a[1]}</p>]]></description></item>
      <item><title>Two</title><link>https://other.example/2</link><content:encoded>&lt;p&gt;${a[0]}&lt;/p&gt;&lt;p&gt;${a[1]}&lt;/p&gt;</content:encoded></item>
      <item><title>Empty</title><guid>g3</guid></item>
    </channel></rss>`
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>urn:x</id><title>A</title>
      <link rel="self" href="https://x.example/self"/><link href="https://x.example/a"/><updated>2024-01-02T00:00:00Z</updated>
      <content type="html">&lt;p&gt;${b[0]}&lt;/p&gt;</content></entry></feed>`
    writeFileSync(join(dir, 'f.rss'), rss)
    writeFileSync(join(dir, 'f.xml'), atom)
    const { code, lines } = await cli([join(dir, 'f.rss'), join(dir, 'f.xml'), '--index', join(dir, 'x.db')])
    expect(code).toBe(1)
    expect(lines).toHaveLength(4)
    expect(lines[0]).toMatchObject({ id: 'g1', title: 'One & only', url: 'https://www.news.example/1', site: 'news.example', duplicate: null })
    expect(lines[0].paragraphs).toHaveLength(2)
    expect(lines[1]).toMatchObject({ id: 'https://other.example/2', duplicate: { of: 'g1', kind: 'copy' } })
    expect(lines[2]).toMatchObject({ id: 'g3', error: { code: 'E_INVALID_RECORD', message: expect.stringContaining('without content') } })
    expect(lines[3]).toMatchObject({ id: 'urn:x', url: 'https://x.example/a', published: '2024-01-02T00:00:00Z' })
  })

  it('reads a directory of .html files', async () => {
    const pages = join(dir, 'pages')
    mkdirSync(pages)
    writeFileSync(join(pages, 'a.html'), `<html><body><p>${a[0]}</p><p>${a[2]}</p></body></html>`)
    writeFileSync(join(pages, 'b.html'), `<html><body><article><p>${a[0]}</p><p>${a[2]}</p></article></body></html>`)
    writeFileSync(join(pages, 'notes.txt'), 'ignored')
    const { code, lines } = await cli([pages, '--index', ':memory:'])
    expect(code).toBe(0)
    expect(lines.map((l) => [l.id, l.idGenerated])).toEqual([[join(pages, 'a.html'), false], [join(pages, 'b.html'), false]])
    expect(lines[1].duplicate).toMatchObject({ of: join(pages, 'a.html'), kind: 'copy' })
  })

  it('reads a latin1 RSS feed per its XML declaration; an unknown encoding is one error record', async () => {
    const rss = `<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel>
      <item><guid>l1</guid><title>Café</title><description>&lt;p&gt;Un café crème à Paris.&lt;/p&gt;</description></item>
    </channel></rss>`
    writeFileSync(join(dir, 'latin1.rss'), Buffer.from(rss, 'latin1'))
    writeFileSync(join(dir, 'klingon.rss'), rss.replace('ISO-8859-1', 'x-klingon'))
    const { code, lines } = await cli([join(dir, 'latin1.rss'), join(dir, 'klingon.rss'), '--index', ':memory:'])
    expect(code).toBe(1)
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatchObject({ id: 'l1', title: 'Café', text: 'Un café crème à Paris.' })
    expect(lines[1]).toEqual({
      error: { code: 'E_INVALID_RECORD', message: 'unknown encoding "x-klingon" in the XML declaration' },
      source: join(dir, 'klingon.rss'),
    })
  })

  it('walks subdirectories in name order, skipping hidden entries and linked directories', async () => {
    const root = join(dir, 'tree')
    mkdirSync(join(root, 'b', 'c'), { recursive: true })
    mkdirSync(join(root, '.hidden'))
    writeFileSync(join(root, 'a.html'), `<p>${a[0]}</p>`)
    writeFileSync(join(root, 'b', 'c', 'd.htm'), `<p>${a[1]}</p>`)
    writeFileSync(join(root, 'b', 'e.html'), `<p>${a[2]}</p>`)
    writeFileSync(join(root, 'f.html'), `<p>${a[3]}</p>`)
    writeFileSync(join(root, '.hidden', 'g.html'), `<p>${b[0]}</p>`)
    writeFileSync(join(root, '.h.html'), `<p>${b[1]}</p>`)
    symlinkSync(root, join(root, 'b', 'loop'), 'dir')
    const { code, lines } = await cli([root, '--index', ':memory:'])
    expect(code).toBe(0)
    expect(lines.map((l) => l.id)).toEqual([
      join(root, 'a.html'),
      join(root, 'b', 'c', 'd.htm'),
      join(root, 'b', 'e.html'),
      join(root, 'f.html'),
    ])
  })

  it("takes an .html page's url (so its site) from its canonical link or og:url", async () => {
    const pages = join(dir, 'sites')
    mkdirSync(pages)
    const boiler = 'Abonnez-vous à notre lettre quotidienne pour recevoir toutes les informations du jour.'
    const page = (head: string, i: number) => `<html><head>${head}</head><body><p>${b[i]}</p><p>${boiler}</p></body></html>`
    writeFileSync(join(pages, '1.html'), page('<link rel="canonical" href="https://www.site.example/one?a=1&amp;b=2">', 0))
    writeFileSync(join(pages, '2.html'), page(`<meta content='https://site.example/two' property='og:url'>`, 1))
    writeFileSync(join(pages, '3.html'), page('<link rel="canonical" href="/relative"><meta property="og:url" content="https://site.example/three">', 2))
    writeFileSync(join(pages, '4.html'), page('<link rel="canonical" href="ftp://site.example/four">', 3))
    const { lines } = await cli([pages, '--index', ':memory:', '--boilerplate-min', '3'])
    expect(lines.map((l) => [l.id, l.url, l.site])).toEqual([
      [join(pages, '1.html'), 'https://www.site.example/one?a=1&b=2', 'site.example'],
      [join(pages, '2.html'), 'https://site.example/two', 'site.example'],
      [join(pages, '3.html'), 'https://site.example/three', 'site.example'],
      [join(pages, '4.html'), undefined, null],
    ])
    expect(lines[2].paragraphs[1].crossDuplicate).toEqual({ kind: 'boilerplate' })
  })

  it('rejects bad options with exit code 2 and one line `news-dedup: CODE: message`', async () => {
    const unknown = await cli(['--frobnicate'])
    expect(unknown.code).toBe(2)
    expect(unknown.err.split('\n')[0]).toBe('news-dedup: E_USAGE: Unknown option `--frobnicate`')
    const ttl = await cli(['--ttl', 'soon', '--index', ':memory:'])
    expect(ttl.code).toBe(2)
    expect(ttl.err).toMatch(/^news-dedup: E_INVALID_OPTION: .*soon/)
    const threshold = await cli(['--near-threshold', '2', '--index', ':memory:'])
    expect(threshold.code).toBe(2)
    expect(threshold.err).toMatch(/^news-dedup: E_INVALID_OPTION: .*nearThreshold/)
  })

  it("takes clean()'s flags: --languages restricts the languages of every article", async () => {
    const text = `${'Le gouvernement a présenté mardi un projet de loi sur les retraites.'}\n\n${'The government presented a pension bill on Tuesday morning.'}`
    const all = await cli(['--index', ':memory:'], `${JSON.stringify({ id: 'x', text })}\n`)
    const onlyFr = await cli(['--index', ':memory:', '--languages', 'fr'], `${JSON.stringify({ id: 'x', text })}\n`)
    expect(all.lines[0].paragraphs.map((p: { language: string }) => p.language)).toEqual(['fr', 'en'])
    expect(onlyFr.lines[0].paragraphs.map((p: { language: string }) => p.language)).toEqual(['fr', 'fr'])
  })

  it('stderr that is not a terminal gets the summary line alone, no progress bar', async () => {
    const { err } = await cli(['--index', ':memory:'], `${JSON.stringify({ id: 'x', text: a.join('\n\n') })}\n`)
    expect(err).not.toContain('\r')
    expect(err).toMatch(/^feed: 1 records, 1 originals, 0 duplicates .*\n$/)
  })

  it('--from text reads a file as one plain-text article, whatever its extension', async () => {
    const input = join(dir, 'story.data')
    writeFileSync(input, a.join('\n\n'))
    const { code, lines } = await cli([input, '--index', ':memory:', '--from', 'text'])
    expect(code).toBe(0)
    expect(lines.map((l) => [l.id, l.paragraphs.length])).toEqual([[input, a.length]])
  })
})

describe('feed --to review', () => {
  it('writes one HTML page of the run, errors on stderr only', async () => {
    const story = 'La Commission européenne a présenté mardi un plan de plusieurs milliards pour moderniser les lignes ferroviaires.\n\nLes syndicats de cheminots ont salué le projet mais demandent des garanties sur les emplois.'
    const lines = [
      JSON.stringify({ id: 'a', site: 'one.example', text: story }),
      'not json',
      JSON.stringify({ id: 'b', site: 'two.example', text: story }),
    ]
    const { code, stdout: page, stderr } = await runCli(['feed', '--index', ':memory:', '--to', 'review'], [lines.join('\n') + '\n'])
    expect(code).toBe(1)
    expect(page.startsWith('<!DOCTYPE html>') || page.startsWith('<!doctype html>')).toBe(true)
    expect(page).not.toContain('"error"')
    expect(page).toContain('href="#')
    expect(stderr).toContain('"error"')
  })
})

describe('news-dedup feed: bytes and WARC', () => {
  const LEAD = 'Le conseil municipal a voté mardi soir le budget de l’année prochaine, après un débat animé.'
  const SECOND = 'Les élus de l’opposition ont réclamé davantage de crédits pour les écoles du quartier.'
  const page = (charset: string) => `<html><head><meta charset="${charset}"></head><body><p>${LEAD}</p><p>${SECOND}</p></body></html>`

  it('decodes .html pages in windows-1252 (declared iso-8859-1) as clean does: no U+FFFD, the encoding on the record', async () => {
    const pages = join(dir, 'latin1-pages')
    mkdirSync(pages)
    writeFileSync(join(pages, 'a.html'), iconv.encode(page('iso-8859-1'), 'windows-1252'))
    writeFileSync(join(pages, 'b.html'), iconv.encode(page('koi8-r').replace(LEAD, 'Городской совет утвердил бюджет на следующий год.'), 'koi8-r'))
    const { code, lines, err } = await cli([pages, '--index', ':memory:'])
    expect(code).toBe(0)
    expect(lines[0]).toMatchObject({ id: join(pages, 'a.html'), language: 'fr', text: `${LEAD}\n\n${SECOND}`, encoding: { name: 'windows-1252', source: 'meta' } })
    expect(lines[1].paragraphs[0].text).toBe('Городской совет утвердил бюджет на следующий год.')
    expect(err).not.toContain('warning')
  })

  it('counts invalid bytes in a warning on the record and on stderr, as clean does', async () => {
    const input = join(dir, 'mislabelled.html')
    writeFileSync(input, iconv.encode(page('utf-8'), 'windows-1252'))
    const { code, lines, err } = await cli([input, '--index', ':memory:'])
    expect(code).toBe(0)
    // One invalid sequence per non-ASCII character: é ’ é è é é in the lead, é ’ é é é é in the second paragraph.
    expect(lines[0].warnings).toEqual([{ code: 'invalid-bytes', count: 12, message: expect.stringContaining('not valid utf-8 (decided by meta)') }])
    expect(err).toContain(`${input}: warning: 12 byte sequences are not valid utf-8`)
  })

  it('reads a .warc.gz: HTML responses as articles (id, url, published, charset from the HTTP header), the rest counted as skipped', async () => {
    const input = join(dir, 'crawl.warc.gz')
    const html = iconv.encode(page('utf-8').replace('<head>', '<head><meta property="article:published_time" content="2026-11-29T10:00:00Z">'), 'windows-1252')
    writeFileSync(
      input,
      warcFile(
        [
          { type: 'warcinfo', id: 'urn:uuid:1', payload: 'software: test\r\n' },
          { type: 'response', id: 'urn:uuid:2', url: 'https://news.example/a', http: { headers: { 'Content-Type': 'text/html; charset=windows-1252' } }, payload: html },
          { type: 'response', id: 'urn:uuid:3', url: 'https://copies.example/a', date: '2026-11-30T09:00:00Z', http: { headers: { 'Content-Type': 'text/html; charset=windows-1252' } }, payload: iconv.encode(`<p>${LEAD}</p><p>${SECOND}</p>`, 'windows-1252') },
          { type: 'response', id: 'urn:uuid:4', url: 'https://news.example/style.css', http: { headers: { 'Content-Type': 'text/css' } }, payload: 'p { color: red }' },
        ],
        true,
      ),
    )
    const { code, lines, err } = await cli([input, '--index', ':memory:'])
    expect(code).toBe(0)
    expect(lines).toHaveLength(2)
    // The HTTP charset (transport) wins over the page's wrong <meta charset="utf-8">.
    expect(lines[0]).toMatchObject({ id: 'urn:uuid:2', url: 'https://news.example/a', site: 'news.example', published: '2026-11-29T10:00:00Z', text: `${LEAD}\n\n${SECOND}`, encoding: { name: 'windows-1252', source: 'transport' } })
    expect(lines[1]).toMatchObject({ id: 'urn:uuid:3', published: '2026-11-30T09:00:00Z', duplicate: { of: 'urn:uuid:2', kind: 'copy' } })
    expect(err).toMatch(/2 records, 1 originals, 1 duplicates .*0 errors, 2 WARC records skipped \(not HTML responses\)/)
  })
})
