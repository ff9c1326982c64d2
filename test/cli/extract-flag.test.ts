import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { extractsRecord } from '../../src/cli/feed-command.js'
import { runCli } from '../helpers/fake-io.js'
import { warcFile } from '../helpers/warc.js'

const tmp = mkdtempSync(join(tmpdir(), 'news-dedup-extract-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

const BODY = [
  'La crue de la Seine a atteint mercredi soir six mètres au pont d’Austerlitz, un niveau que le fleuve n’avait plus connu depuis trente ans.',
  'Les berges ont été fermées à la circulation dès mardi et plusieurs stations du RER C restent inaccessibles jusqu’à nouvel ordre, selon la préfecture.',
  'À Ivry-sur-Seine, une centaine d’habitants ont été évacués dans la nuit, tandis que les pompiers surveillaient les caves inondées près du quai.',
  'Les services météorologiques prévoient une lente décrue à partir de vendredi, si les pluies annoncées sur le bassin de l’Yonne restent modérées.',
]
const PAGE =
  '<html><head><title>Crue | Le Quotidien</title></head><body><nav><ul><li><a href="/">Accueil</a></li><li><a href="/p">Politique</a></li><li><a href="/s">Sports</a></li></ul></nav>' +
  `<article><h1>Crue de la Seine</h1>${BODY.map((p) => `<p>${p}</p>`).join('')}</article><footer><p>© 2026 Le Quotidien</p></footer></body></html>`

const run = runCli

describe('--extract on the CLI', () => {
  const file = join(tmp, 'page.html')
  writeFileSync(file, PAGE)

  it('clean --extract keeps the article; without it, the whole page', async () => {
    const on = await run(['clean', file, '--extract'])
    expect(on.code).toBe(0)
    expect(on.stdout).toBe(`${['Crue de la Seine', ...BODY].join('\n\n')}\n`)
    const off = await run(['clean', file])
    expect(off.stdout).toContain('Accueil')
  })

  it('clean prints a fallback warning on stderr', async () => {
    const bare = join(tmp, 'bare.html')
    writeFileSync(bare, '<html><body><noscript><div></noscript><p>Due orsi avvistati vicino al paese.</p></body></html>')
    const { code, stdout, stderr } = await run(['clean', bare, '--to', 'json'])
    expect(code).toBe(0)
    expect(JSON.parse(stdout).warnings[0].code).toBe('visible-text-fallback')
    expect(stderr).toMatch(new RegExp(`${bare.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: warning: .+ \\(visible-text-fallback\\)\n`))
  })

  it('feed extracts whole pages by default, not JSONL bodies; --extract and --no-extract force it', async () => {
    const dir = join(tmp, 'site')
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'a.html'), PAGE)
    const jsonl = join(tmp, 'items.jsonl')
    writeFileSync(jsonl, `${JSON.stringify({ id: 'j', html: PAGE })}\n`)
    const texts = (stdout: string): string[] => stdout.trim().split('\n').map((line) => JSON.parse(line).text as string)
    const byDefault = await run(['feed', dir, jsonl, '--index', ':memory:'])
    expect(byDefault.code).toBe(0)
    const [page, item] = texts(byDefault.stdout)
    expect(page).not.toContain('Accueil')
    expect(page).toContain(BODY[3])
    expect(item).toContain('Accueil')
    const all = await run(['feed', jsonl, '--index', ':memory:', '--extract'])
    expect(texts(all.stdout)[0]).not.toContain('Accueil')
    const none = await run(['feed', dir, '--index', ':memory:', '--no-extract'])
    expect(texts(none.stdout)[0]).toContain('Accueil')
    expect((await run(['feed', dir, '--index', ':memory:', '--extract', '--no-extract'])).code).toBe(2)
  })

  it('feed extracts the article of WARC responses by default (they are whole pages); --no-extract keeps the page', async () => {
    const warc = join(tmp, 'crawl.warc')
    writeFileSync(warc, warcFile([{ type: 'response', id: 'urn:uuid:9', url: 'https://quotidien.example/crue', http: { headers: { 'Content-Type': 'text/html; charset=utf-8' } }, payload: PAGE }]))
    const texts = (stdout: string): string[] => stdout.trim().split('\n').map((line) => JSON.parse(line).text as string)
    const [page] = texts((await run(['feed', warc, '--index', ':memory:'])).stdout)
    expect(page).not.toContain('Accueil')
    expect(page).toContain(BODY[3])
    expect(texts((await run(['feed', warc, '--index', ':memory:', '--no-extract'])).stdout)[0]).toContain('Accueil')
  })

  it('review --extract', async () => {
    const { code, stdout } = await run(['review', file, '--extract'])
    expect(code).toBe(0)
    expect(stdout).toContain(BODY[0]!.slice(0, 30))
    expect(stdout).not.toContain('Politique')
    expect((await run(['review', file])).stdout).toContain('Politique')
  })
})

describe("feed's extraction rule, one per record", () => {
  const page = { article: { id: 'p', html: '<p>x</p>' }, page: true as const }
  const body = { article: { id: 'b', html: '<p>x</p>' } }
  it.each([
    // pages (the default): whole pages only, never a JSONL or RSS body
    ['pages', page, true],
    ['pages', body, false],
    // --extract: every record
    ['all', page, true],
    ['all', body, true],
    // --no-extract: none
    ['none', page, false],
    ['none', body, false],
  ] as const)('%s, %j → %s', (mode, record, expected) => {
    expect(extractsRecord(mode, record)).toBe(expected)
  })
})
