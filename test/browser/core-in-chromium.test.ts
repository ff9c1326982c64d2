import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clean } from '../../src/clean.js'
import { createDeduplicator } from '../../src/feed/create-deduplicator.js'
import { bundleForBrowser, launchChromium, ROOT, runBrowserTests, type TestBrowser } from './harness.js'

const REFERENCE = readFileSync(join(ROOT, 'fixtures', 'whatsapp-outage-fr.txt'), 'utf8')

/** The web build of fastText and the lid.176 model, as an application would serve them (here handed over as bytes). */
const fromPackage = (path: string): string => readFileSync(createRequire(import.meta.url).resolve(`fasttext.wasm.js/${path}`)).toString('base64')
const WASM = fromPackage('dist/core/fastText.common.wasm')
const MODEL = fromPackage('dist/models/language-identification/assets/lid.176.ftz')

const FEED = [
  { site: 'a.example', text: 'Le gouvernement a annoncé lundi une réforme des retraites qui sera présentée au Parlement au printemps prochain.\n\nLes syndicats appellent à manifester dans toute la France dès la semaine prochaine.' },
  { id: 'b-1', site: 'b.example', text: 'Le gouvernement a annoncé lundi une réforme des retraites qui sera présentée au Parlement au printemps prochain.\n\nLes syndicats appellent à manifester dans toute la France dès la semaine prochaine.' },
]

/**
 * The core (src/index.ts) bundled for the browser runs in Chromium and gives, byte for byte,
 * the JSON Node gives: clean() on the reference article, and the feed deduplicator with its
 * in-memory index (content ids included). The page is about:blank; the bundle is imported from
 * a blob: URL and the language model is handed to loadLanguageModel() as bytes, so nothing is
 * fetched over the network.
 */
describe.skipIf(!runBrowserTests)('the core in headless Chromium', () => {
  let browser: TestBrowser
  let page: Page
  const requests: string[] = []

  beforeAll(async () => {
    const [bundle, launched] = await Promise.all([bundleForBrowser('src/index.ts'), launchChromium()])
    browser = launched
    expect(bundle.builtins).toEqual([])
    page = await browser.context.newPage()
    page.on('request', (request) => requests.push(request.url()))
    await page.setContent('<!DOCTYPE html><html><head><meta charset="utf-8"><title>core</title></head><body></body></html>')
    // A string, not a function: the test transform must not inject helpers into browser code.
    await page.evaluate(`(async () => {
      const url = URL.createObjectURL(new Blob([${JSON.stringify(bundle.code)}], { type: 'text/javascript' }))
      window.core = await import(url)
      URL.revokeObjectURL(url)
      const bytes = (b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))
      window.throwsBeforeLoad = (() => { try { window.core.clean('Le gouvernement a annoncé une réforme.'); return null } catch (e) { return e.code } })()
      await window.core.loadLanguageModel({ wasm: bytes(${JSON.stringify(WASM)}), model: bytes(${JSON.stringify(MODEL)}) })
    })()`)
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
  }, 60_000)

  it('needs the language model loaded first (a typed error before)', async () => {
    expect(await page.evaluate('window.throwsBeforeLoad')).toBe('E_LANGUAGE_MODEL')
    expect(await page.evaluate('window.core.languageModelLoaded()')).toBe(true)
  })

  it('cleans the reference article exactly as Node does', async () => {
    const inBrowser = (await page.evaluate(`JSON.stringify(window.core.clean(${JSON.stringify(REFERENCE)}))`)) as string
    const result = JSON.parse(inBrowser) as ReturnType<typeof clean>
    expect(result.language).toBe('fr')
    expect(result.paragraphs.filter((p) => p.duplicate === null)).toHaveLength(4)
    expect(result.passages).toEqual([{ kind: 'exact', paragraphs: [4, 6], of: [1, 3] }])
    expect(inBrowser).toBe(JSON.stringify(clean(REFERENCE)))
  })

  it('runs the feed deduplicator with the in-memory index, content ids included, as Node does', async () => {
    const inBrowser = (await page.evaluate(`(async () => {
      const dedup = window.core.createDeduplicator({ now: () => 0 })
      const results = []
      for (const article of ${JSON.stringify(FEED)}) results.push(await dedup.add(article))
      await dedup.close()
      return JSON.stringify(results)
    })()`)) as string
    const dedup = createDeduplicator({ now: () => 0 })
    const inNode = []
    for (const article of FEED) inNode.push(await dedup.add(article))
    await dedup.close()
    expect(inBrowser).toBe(JSON.stringify(inNode))
    const results = JSON.parse(inBrowser) as typeof inNode
    expect(results[0]!.id).toMatch(/^murmur3-[0-9a-f]{24}$/)
    expect(results[1]!.duplicate).toMatchObject({ kind: 'copy', of: results[0]!.id })
  })

  it('decodes bytes exactly as Node does (the standard\'s decoders, jschardet, the meta prescan)', async () => {
    // Our own short texts, as bytes: euc-kr with a UHC syllable (똠) and €, windows-1252 with ’ declared latin1, undeclared Shift_JIS, invalid bytes declared UTF-8.
    const pages = [
      [...Buffer.from('<meta charset="euc-kr"><p>'), 0x8c, 0x63, 0x20, 0xa2, 0xe6, ...Buffer.from('</p>')],
      [...Buffer.from('<meta charset="latin1"><p>L'), 0x92, 0xe9, 0x74, 0xe9, ...Buffer.from('</p>')],
      // 東京都は新しい図書館を開く。
      [0x93, 0x8c, 0x8b, 0x9e, 0x93, 0x73, 0x82, 0xcd, 0x90, 0x56, 0x82, 0xb5, 0x82, 0xa2, 0x90, 0x7d, 0x8f, 0x91, 0x8a, 0xd9, 0x82, 0xf0, 0x8a, 0x4a, 0x82, 0xad, 0x81, 0x42],
      [...Buffer.from('<meta charset="utf-8"><p>caf'), 0xe9, ...Buffer.from(' au lait</p>')],
    ]
    const inBrowser = (await page.evaluate(`JSON.stringify(${JSON.stringify(pages)}.map((bytes) => window.core.clean(new Uint8Array(bytes))))`)) as string
    expect(inBrowser).toBe(JSON.stringify(pages.map((bytes) => clean(new Uint8Array(bytes)))))
    const results = JSON.parse(inBrowser) as Array<ReturnType<typeof clean>>
    expect(results.map((r) => [r.text, r.encoding?.name])).toEqual([
      ['똠 €', 'euc-kr'],
      ['L’été', 'windows-1252'],
      ['東京都は新しい図書館を開く。', 'shift_jis'],
      ['caf\uFFFD au lait', 'utf-8'],
    ])
    expect(results[3]!.warnings).toEqual([{ code: 'invalid-bytes', message: expect.any(String), count: 1 }])
  })

  it('made no network request', () => {
    expect(requests.filter((url) => !/^(about:blank|data:|blob:)/.test(url))).toEqual([])
  })
})
