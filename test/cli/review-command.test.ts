import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { UsageError } from '../../src/cli/clean-command.js'
import { DedupeError } from '../../src/errors.js'
import { runReview } from '../../src/cli/review-command.js'
import { main } from '../../src/cli/main.js'
import { fakeIo } from '../helpers/fake-io.js'
import { SAMPLE_ARTICLES } from '../output/review/sample-feed.js'

const REFERENCE = resolve(import.meta.dirname, '..', '..', 'fixtures', 'whatsapp-outage-fr.txt')
const tmp = mkdtempSync(join(tmpdir(), 'news-dedup-review-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

const count = (html: string, pattern: RegExp) => html.match(pattern)?.length ?? 0

describe('news-dedup review', () => {
  it('writes the review of one article to stdout', async () => {
    const fake = fakeIo()
    expect(await runReview([REFERENCE], fake.io)).toBe(0)
    const html = fake.stdout.text
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true)
    expect(count(html, /<del /g)).toBe(3)
    expect(html).toContain('href="#a0-p1"')
    expect(html).not.toContain('class="summary"')
    expect(fake.stderr.text).toBe('review: 1 articles, 3 paragraphs struck → stdout\n')
  })

  it('`clean --to review` writes the same page for the same input', async () => {
    const viaClean = fakeIo()
    expect(await main(['clean', REFERENCE, '--to', 'review'], viaClean.io)).toBe(0)
    const viaReview = fakeIo()
    expect(await runReview([REFERENCE, '-q'], viaReview.io)).toBe(0)
    expect(count(viaClean.stdout.text, /<del /g)).toBe(3)
    expect(viaClean.stdout.text).toBe(viaReview.stdout.text)
  })

  it('reads text from stdin', async () => {
    const fake = fakeIo([readFileSync(REFERENCE, 'utf8')])
    expect(await runReview(['-q'], fake.io)).toBe(0)
    expect(count(fake.stdout.text, /<del /g)).toBe(3)
    expect(fake.stderr.text).toBe('')
  })

  it('--feed: judges a JSONL feed with an in-memory index and writes the page to -o', async () => {
    const feed = join(tmp, 'feed.jsonl')
    writeFileSync(feed, SAMPLE_ARTICLES.map((a) => JSON.stringify(a)).join('\n') + '\n')
    const out = join(tmp, 'review.html')
    const fake = fakeIo()
    expect(await runReview([feed, '--feed', '--boilerplate-min', '2', '-o', out, '--title', 'Feed <review>'], fake.io)).toBe(0)
    const html = readFileSync(out, 'utf8')
    expect(fake.stdout.text).toBe('')
    expect(html).toContain('<title>Feed &lt;review&gt;</title>')
    expect(count(html, /<svg /g)).toBe(2)
    expect(count(html, /class="p removed/g)).toBe(8)
    expect(html).toContain('>copy</span> of <a href="#a0">') // verbatim: a copy whatever boilerplate each site carries
    expect(fake.stderr.text).toBe(`review: 4 articles, 8 paragraphs struck → ${out}\n`)
  })

  it('without --feed, cleans each JSONL record on its own (no cross-article verdicts)', async () => {
    const feed = join(tmp, 'feed2.jsonl')
    writeFileSync(feed, SAMPLE_ARTICLES.map((a) => JSON.stringify(a)).join('\n') + '\n{"id": "broken"}\nnot json\n')
    const fake = fakeIo()
    expect(await runReview([feed, '-q'], fake.io)).toBe(1)
    const html = fake.stdout.text
    expect(count(html, /class="p removed/g)).toBe(2) // the repeated paragraph in fr-1 and in de-2
    expect(html).not.toContain('class="kind kind-boilerplate"')
    expect(html).toContain('class="summary"') // several articles: a summary all the same
    expect(fake.stderr.text).toMatch(/feed2\.jsonl:5: E_INVALID_RECORD.*\n.*feed2\.jsonl:6: E_INVALID_RECORD/)
  })

  it('reports bad usage', async () => {
    await expect(runReview(['--to', 'x'], fakeIo().io)).rejects.toThrow(UsageError)
    // A usage mistake is a DedupeError with its own code, like every error a caller can act on.
    await expect(runReview(['--to', 'x'], fakeIo().io)).rejects.toMatchObject({ name: 'UsageError', code: 'E_USAGE' })
    await expect(runReview(['--to', 'x'], fakeIo().io)).rejects.toBeInstanceOf(DedupeError)
    await expect(runReview(['--near-threshold', '2'], fakeIo().io)).rejects.toThrow(/E_INVALID_OPTION/)
    await expect(runReview(['--boilerplate-min', '2'], fakeIo().io)).rejects.toThrow(/only applies with --feed/)
    const help = fakeIo()
    expect(await runReview(['--help'], help.io)).toBe(0)
    expect(help.stdout.text).toContain('Usage: news-dedup review')
  })
})

describe('news-dedup review: bytes', () => {
  it('reads a windows-1252 page as its <meta> declares it: the page shows ’ and é, not U+FFFD', async () => {
    const path = join(tmp, 'latin1.html')
    // "L’été" in windows-1252: ’ is 0x92, é is 0xE9.
    writeFileSync(path, Buffer.concat([Buffer.from('<meta charset="windows-1252"><p>L'), Buffer.from([0x92, 0xe9, 0x74, 0xe9]), Buffer.from(' fut long et chaud dans toute la région parisienne.</p>', 'latin1')]))
    const fake = fakeIo()
    expect(await runReview([path, '-q'], fake.io)).toBe(0)
    expect(fake.stdout.text).toContain('L’été fut long et chaud dans toute la région parisienne.')
    expect(fake.stdout.text).not.toContain('\uFFFD')
  })
})
