/**
 * The real news pages of ../shared/datasets (trafilatura-eval-pages, newspaper4k-testpages,
 * readability-news-pages), by id: the `pages` set of `html-output-hash.ts` and the `--html
 * --pages` run of `bench-language-stage.ts`. Read only by bench scripts.
 */
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const datasets = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'datasets')

const readJsonl = (path: string): Array<Record<string, unknown>> =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>)

/** The dataset pages, as `[id, html]`. */
export function loadPages(): Array<[string, string]> {
  const files = [
    ['trafilatura-eval-pages', 'trafilatura_eval_pages.jsonl'],
    ['newspaper4k-testpages', 'newspaper4k_testpages.jsonl'],
    ['readability-news-pages', 'readability_news_pages.jsonl'],
  ]
  const pages: Array<[string, string]> = []
  for (const [dir, file] of files) {
    for (const row of readJsonl(join(datasets, dir!, file!))) if (typeof row.html === 'string') pages.push([`${dir}/${String(row.id)}`, row.html])
  }
  return pages
}
