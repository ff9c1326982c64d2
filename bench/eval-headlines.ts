/**
 * `npm run eval` (headlines): how many real headlines `clean()` removes when the article comes as
 * a web page (a `<title>` "Headline | Site", an `<h1>`, and for a third of the pages a breadcrumb
 * ending with the headline), as Markdown (`# Headline`) and as plain text (the headline on the
 * first line). The headline must never be flagged: its words are all in the title, the
 * breadcrumb, and often (scattered) in the lead. Also counts the other paragraphs flagged: the
 * stories hold no repeats of their own, so every other flag is a false removal, except a
 * breadcrumb's copy of the headline (counted apart).
 *
 * Data (read from ../shared/datasets, not shipped): ntrex128-news, 123 stories × 21 languages
 * (2,583 documents); the first segment of each is its headline, the others are joined three
 * sentences to a paragraph. The page wrappers (title, site, breadcrumb) are ours.
 *
 *   node --import tsx bench/eval-headlines.ts                  # this worktree's src/
 *   NEWS_DEDUP_SRC=/path/to/other/src node --import tsx bench/eval-headlines.ts   # another checkout, for a before/after
 */
import { readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { Options } from '../src/options.js'
import type { CleanResult } from '../src/types.js'
import { writeResult } from './write-result.js'

const here = dirname(fileURLToPath(import.meta.url))
const datasets = join(here, '..', '..', 'shared', 'datasets')
const src = resolve(process.env.NEWS_DEDUP_SRC ?? join(here, '..', 'src'))
const { clean } = (await import(pathToFileURL(join(src, 'clean.ts')).href)) as {
  clean: (input: string | { text?: string; html?: string; markdown?: string }, options?: Options) => CleanResult
}
// clean() tags languages, and the fastText model loads asynchronously, once, before the first call.
const { loadLanguageModel } = (await import(pathToFileURL(join(src, 'language', 'fasttext-model.ts')).href)) as { loadLanguageModel: () => Promise<unknown> }
await loadLanguageModel()

interface Story {
  id: string
  lang: string
  title: string
  paragraphs: string[]
  outlet: string
}

const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

function loadStories(): Story[] {
  return readFileSync(join(datasets, 'ntrex128-news', 'ntrex128_news.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .map((row) => {
      const lang = String(row.lang)
      const sentences = row.paragraphs as string[]
      const glue = /^(zh|ja)/.test(lang) ? '' : ' '
      const paragraphs: string[] = []
      for (let k = 0; k < sentences.length; k += 3) paragraphs.push(sentences.slice(k, k + 3).join(glue))
      return { id: String(row.id), lang, title: String(row.title), paragraphs, outlet: String(row.outlet) }
    })
}

type Layout = 'page' | 'page + breadcrumb list' | 'page + breadcrumb line' | 'markdown' | 'plain text'

/** The input of one layout, and the block text of its breadcrumb copy of the headline (if any). */
function render(story: Story, layout: Layout): { input: { html?: string; markdown?: string; text?: string }; crumb: string | null } {
  const site = `${story.outlet.replace(/[^a-z]/gi, '').toUpperCase()} News`
  const body = story.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')
  const head = `<!doctype html><html lang="${story.lang}"><head><meta charset="utf-8"><title>${escapeHtml(story.title)} | ${site}</title></head><body>`
  switch (layout) {
    case 'page':
      return { input: { html: `${head}<article><h1>${escapeHtml(story.title)}</h1>\n${body}</article></body></html>` }, crumb: null }
    case 'page + breadcrumb list':
      return {
        input: {
          html: `${head}<nav><ol><li><a href="/">${site}</a></li><li><a href="/world">World</a></li><li>${escapeHtml(story.title)}</li></ol></nav><article><h1>${escapeHtml(story.title)}</h1>\n${body}</article></body></html>`,
        },
        crumb: story.title,
      }
    case 'page + breadcrumb line': {
      const line = `${site} › World › ${story.title}`
      return {
        input: { html: `${head}<div class="breadcrumb"><a href="/">${site}</a> › <a href="/world">World</a> › <span>${escapeHtml(story.title)}</span></div><article><h1>${escapeHtml(story.title)}</h1>\n${body}</article></body></html>` },
        crumb: line,
      }
    }
    case 'markdown':
      return { input: { markdown: `# ${story.title.replace(/</g, "&lt;")}\n\n${story.paragraphs.map((p) => p.replace(/</g, "&lt;")).join('\n\n')}\n` }, crumb: null }
    case 'plain text':
      return { input: { text: `${story.title}\n\n${story.paragraphs.join('\n\n')}\n` }, crumb: null }
  }
}

function main(): void {
  const stories = loadStories()
  const rows: Array<{ layout: string; documents: number; lost: number; others: number; crumbs: number }> = []
  const examples: string[] = []
  const tally = (layout: Layout, subset: Story[]): void => {
    let lost = 0
    let others = 0
    let crumbs = 0
    for (const story of subset) {
      const { input, crumb } = render(story, layout)
      const result = clean(input)
      const norm = (s: string): string => s.normalize('NFC').replace(/\s+/g, ' ').trim()
      // The headline is its last occurrence: the h1, the Markdown heading, the first line (a breadcrumb list's item comes before).
      const copies = result.paragraphs.filter((p) => norm(p.text) === norm(story.title))
      const headline = copies[copies.length - 1]
      if (headline === undefined || headline.duplicate !== null) {
        lost++
        if (examples.length < 5) examples.push(`${layout}, ${story.id}: "${story.title}"`)
      }
      for (const p of result.paragraphs) {
        if (p.duplicate === null || p === headline) continue
        if (copies.includes(p) || (crumb !== null && norm(p.text) === norm(crumb))) crumbs++
        else others++
      }
    }
    rows.push({ layout, documents: subset.length, lost, others, crumbs })
  }
  // A breadcrumb on every third page, alternating its two forms.
  tally('page', stories.filter((_, k) => k % 3 !== 0))
  tally('page + breadcrumb list', stories.filter((_, k) => k % 6 === 0))
  tally('page + breadcrumb line', stories.filter((_, k) => k % 6 === 3))
  tally('markdown', stories)
  tally('plain text', stories)

  const out: string[] = []
  const log = (line = ''): void => {
    out.push(line)
    console.log(line)
  }
  log('# Headlines kept: NTREX-128 stories as pages, Markdown and plain text')
  log()
  log(`Stories: ${stories.length} (ntrex128-news: 123 stories × 21 languages). Page wrappers (title "Headline | Site", breadcrumb) are ours.`)
  log()
  log('| layout | documents | headlines removed | other paragraphs removed | breadcrumb copies removed |')
  log('|---|---|---|---|---|')
  let documents = 0
  let lost = 0
  for (const row of rows) {
    log(`| ${row.layout} | ${row.documents} | ${row.lost} | ${row.others} | ${row.crumbs} |`)
    if (row.layout !== 'markdown' && row.layout !== 'plain text') documents += row.documents
    if (row.layout !== 'markdown' && row.layout !== 'plain text') lost += row.lost
  }
  log()
  log(`Pages: ${lost} of ${documents} headlines removed. Removed headlines (first 5): ${examples.length === 0 ? 'none' : examples.join('; ')}.`)
  if (process.env.NEWS_DEDUP_SRC === undefined) {
    writeResult(join(here, 'results', 'headlines.md'), `${out.join('\n')}\n`)
  }
}

main()
