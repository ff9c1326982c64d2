/**
 * The pages the extraction evals read (`eval-extract.ts`, `eval-extract-rules.ts`), their
 * halves and how a snippet is looked up in an output.
 *
 * - trafilatura-eval-pages (133 pages): `expected_with` / `expected_without` snippets.
 * - newspaper4k-testpages (the 20 with HTML): expected article paragraphs. Four paragraphs of
 *   `chinese_article` hold U+0093/U+0094 where the page has “ and ” (the gold text was decoded
 *   as ISO-8859-1 where it was windows-1252): those C1 controls are read as the quotes they
 *   stand for (windows-1252's 0x91–0x94), for every method alike.
 * - readability-news-pages (37 pages): Readability's reviewed output; never used to write rules.
 *
 * Dev: even positions in each file; test (held out): odd positions.
 */
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const datasets = join(here, '..', '..', 'shared', 'datasets')

export interface Page {
  id: string
  html: string
  must: string[]
  mustNot: string[]
  paragraphs: string[]
  half: 'dev' | 'test'
}

export interface Pages {
  trafilatura: Page[]
  newspaper: Page[]
  /** Mozilla Readability's own news test pages: never looked at while writing the rules. */
  readability: Page[]
}

function readJsonl(path: string): Record<string, unknown>[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>)
}

/** windows-1252's curly quotes, where a gold text decoded as ISO-8859-1 has C1 controls. */
const C1_QUOTES: Record<string, string> = { '\u0091': '‘', '\u0092': '’', '\u0093': '“', '\u0094': '”' }
const mendGold = (text: string): string => text.replace(/[\u0091-\u0094]/g, (c) => C1_QUOTES[c]!)

export function loadPages(): Pages {
  const trafilatura = readJsonl(join(datasets, 'trafilatura-eval-pages', 'trafilatura_eval_pages.jsonl')).map((row, k) => ({
    id: String(row.id),
    html: String(row.html),
    must: (row.expected_with as string[]) ?? [],
    mustNot: (row.expected_without as string[]) ?? [],
    paragraphs: [],
    half: k % 2 === 0 ? ('dev' as const) : ('test' as const),
  }))
  const newspaper = readJsonl(join(datasets, 'newspaper4k-testpages', 'newspaper4k_testpages.jsonl'))
    .filter((row) => typeof row.html === 'string')
    .map((row, k) => ({
      id: String(row.id),
      html: String(row.html),
      must: [],
      mustNot: [],
      paragraphs: (row.paragraphs as string[]).map(mendGold),
      half: k % 2 === 0 ? ('dev' as const) : ('test' as const),
    }))
  const readability = readJsonl(join(datasets, 'readability-news-pages', 'readability_news_pages.jsonl')).map((row) => ({
    id: String(row.id),
    html: String(row.html),
    must: [],
    mustNot: [],
    paragraphs: (row.paragraphs as string[]) ?? [],
    half: 'test' as const,
  }))
  return { trafilatura, newspaper, readability }
}

/**
 * White space folded, NFC, invisible format characters (soft hyphen, zero-width space, word
 * joiner, BOM) left out: a snippet is in an output when it occurs in it so folded. clean() drops
 * those characters from its text, while gold texts (Readability's expected output) keep them.
 */
export const fold = (text: string): string => text.normalize('NFC').replace(/[\u00AD\u200B\u2060\uFEFF]/g, '').replace(/\s+/g, ' ').trim()

/** hits / all */
export type Count = [number, number]

export interface Score {
  must: Count
  mustNot: Count
  paragraphs: Count
}

/** Scores one half of the trafilatura and newspaper4k pages, `output` giving a page's folded text. */
export function score(pages: Pages, output: (page: Page) => string, half: 'dev' | 'test' | 'all'): Score {
  const s: Score = { must: [0, 0], mustNot: [0, 0], paragraphs: [0, 0] }
  for (const page of [...pages.trafilatura, ...pages.newspaper]) {
    if (half !== 'all' && page.half !== half) continue
    const out = output(page)
    for (const snippet of page.must) {
      s.must[1]++
      if (out.includes(fold(snippet))) s.must[0]++
    }
    for (const snippet of page.mustNot) {
      s.mustNot[1]++
      if (!out.includes(fold(snippet))) s.mustNot[0]++
    }
    for (const paragraph of page.paragraphs) {
      s.paragraphs[1]++
      if (out.includes(fold(paragraph))) s.paragraphs[0]++
    }
  }
  return s
}

/** Share of the pages' expected paragraphs found in their outputs. */
export function paragraphsKept(pages: readonly Page[], output: (page: Page) => string): Count {
  const kept: Count = [0, 0]
  for (const page of pages) {
    const out = output(page)
    for (const paragraph of page.paragraphs) {
      kept[1]++
      if (out.includes(fold(paragraph))) kept[0]++
    }
  }
  return kept
}

export const pct = ([hit, all]: Count): string => (all === 0 ? '–' : `${((100 * hit) / all).toFixed(1)} % (${hit}/${all})`)

export function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? 0
}
