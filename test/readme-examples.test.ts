import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { PassThrough, Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { main } from '../src/cli/main.js'

const root = join(import.meta.dirname, '..')
const readme = readFileSync(join(root, 'README.md'), 'utf8')
const examples = readdirSync(join(root, 'examples'))
  .filter((name) => name.endsWith('.ts'))
  .map((name) => ({ name, code: readFileSync(join(root, 'examples', name), 'utf8') }))

/** The code of a README fence: ```lang … ```. */
const fences = (lang: string): string[] => [...readme.matchAll(new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``, 'g'))].map((m) => m[1]!)
/** The README region of an example file. */
const region = (code: string): string | null => code.match(/\/\/ README:begin\n([\s\S]*?)\/\/ README:end\n/)?.[1] ?? null

describe('README examples', () => {
  const runnable = fences('ts').filter((code) => /from 'news-dedup/.test(code))

  it('finds the README\'s runnable TypeScript examples (one per use: clean, feeds, unified, streams)', () => {
    expect(runnable.length).toBeGreaterThanOrEqual(4)
  })

  it.each(runnable.map((code) => [code.split('\n')[0]!, code]))('"%s…" is the code of a file in examples/', (_, code) => {
    const owners = examples.filter((e) => region(e.code) === code)
    expect(owners.map((e) => e.name)).toHaveLength(1)
  })

  it('Use: clean() gives what the comments say', async () => {
    const { result } = await import('../examples/clean-article.js')
    expect(result.language).toBe('fr')
    expect(result.paragraphs.map((p) => [p.language, p.duplicate])).toEqual([
      ['fr', null],
      ['en', null],
      ['fr', { kind: 'exact', of: 0, similarity: 1 }],
    ])
    expect(result.passages).toEqual([{ kind: 'exact', paragraphs: [2, 2], of: [0, 0] }])
    expect(result.text).toBe(result.paragraphs.slice(0, 2).map((p) => p.text).join('\n\n'))
  })

  it('Bytes and charsets: clean() on bytes gives what the comments say', async () => {
    const { result, mislabelled } = await import('../examples/clean-bytes.js')
    expect(result.text).toBe('L’été a été chaud à Paris cette année.')
    expect(result.encoding).toEqual({ name: 'windows-1252', source: 'meta' })
    expect(mislabelled.warnings).toEqual([{ code: 'invalid-bytes', message: '7 byte sequences are not valid utf-8 (decided by transport): replaced by U+FFFD', count: 7 }])
  })

  it('Feeds: prints the line the README shows', async () => {
    const { printed } = await import('../examples/feed-dedup.js')
    expect(printed).toEqual(['b7 copies a1 copy'])
    expect(readme).toContain('prints `b7 copies a1 copy`')
  })

  it('unified: the messages are the ones the README prints', async () => {
    const { cleanReferenceArticle } = await import('../examples/rehype-reference-article.js')
    const { messages } = await cleanReferenceArticle()
    const shown = fences('text').find((block) => block.includes('Paragraph 5 repeats paragraph 2'))!
    expect(messages.map(String).join('\n')).toBe(shown.trimEnd())
  })

  it('Streams: the three ways give one record per article, in order, the bad one as an error record', async () => {
    const { records } = await import('../examples/streams.js')
    expect(records.loop).toEqual([[1, 'fr'], [2, { code: 'E_INVALID_RECORD', message: expect.any(String) }], [3, 'en']])
    for (const list of [records.web, records.node] as Array<Array<{ id: unknown }>>) expect(list.map((r) => r.id)).toEqual([1, 2, 3])
  })

  it('Quick start: `npm run example` prints the summary the README shows', async () => {
    const stdout = new PassThrough()
    const stderr = new PassThrough()
    let err = ''
    stderr.on('data', (d) => (err += d))
    stdout.resume()
    const code = await main(['clean', 'fixtures/whatsapp-outage-fr.txt'], { stdin: Readable.from([]), stdout, stderr })
    expect(code).toBe(0)
    const shown = fences('text').find((block) => block.startsWith('fixtures/whatsapp-outage-fr.txt:'))!
    expect(err).toBe(shown)
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    expect(pkg.scripts.example).toMatch(/clean fixtures\/whatsapp-outage-fr\.txt$/)
  })
})
