/**
 * Each rule that judges the article as a whole (`ARTICLE_RULES` of `extract-article.ts`),
 * checked alone: the extraction step's output (the blocks `extractArticle` keeps, before
 * `clean()`'s other stages) with none of them, with each one alone, with all, and with all but
 * each one, on the dev half (the rules were written from its failures), on the held-out half,
 * and on Readability's own test pages (never used to write rules). Appends its table to the
 * newest run of bench/results/extract.md when run with `--write` (after `eval-extract.ts` wrote
 * it), above the earlier runs.
 *
 *   node --import tsx bench/eval-extract-rules.ts [--write]
 */
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ARTICLE_RULES, extractArticle } from '../src/parse/extract-article.js'
import type { ArticleRule } from '../src/parse/article-rule.js'
import { parseHtmlTree } from '../src/parse/from-html.js'
import { fold, loadPages, paragraphsKept, pct, score, type Page } from './extract-pages.js'
import { writeResult } from './write-result.js'

const here = dirname(fileURLToPath(import.meta.url))
const pages = loadPages()
const parsed = new Map<string, ReturnType<typeof parseHtmlTree>>()
for (const page of [...pages.trafilatura, ...pages.newspaper, ...pages.readability]) parsed.set(page.id, parseHtmlTree(page.html))

const outputWith = (rules: readonly ArticleRule[]) => (page: Page): string => {
  const { page: p, tree } = parsed.get(page.id)!
  return fold(extractArticle(p.blocks, p.title, tree, rules).blocks.map((b) => b.text).join('\n'))
}

const names = new Map<ArticleRule, string>(ARTICLE_RULES.map((rule) => [rule, rule.name]))
const configs: Array<[string, readonly ArticleRule[]]> = [
  ['none of them (the block rules only)', []],
  ...ARTICLE_RULES.map((rule): [string, readonly ArticleRule[]] => [`${names.get(rule)} alone`, [rule]]),
  ['all', ARTICLE_RULES],
  ...ARTICLE_RULES.map((rule): [string, readonly ArticleRule[]] => [`all but ${names.get(rule)}`, ARTICLE_RULES.filter((r) => r !== rule)]),
]
const lines: string[] = []
const log = (line = ''): void => {
  lines.push(line)
  console.log(line)
}
log('## Rules on the whole article, one by one (extraction step output, before clean()\'s other stages)')
log()
log('| rules | must-have kept dev / test | must-not dropped dev / test | newspaper4k kept dev / test | Readability pages kept |')
log('|---|---|---|---|---|')
for (const [name, rules] of configs) {
  const output = outputWith(rules)
  const dev = score(pages, output, 'dev')
  const test = score(pages, output, 'test')
  log(`| ${name} | ${pct(dev.must)} / ${pct(test.must)} | ${pct(dev.mustNot)} / ${pct(test.mustNot)} | ${pct(dev.paragraphs)} / ${pct(test.paragraphs)} | ${pct(paragraphsKept(pages.readability, output))} |`)
}
if (process.argv.includes('--write')) writeResult(join(here, 'results', 'extract.md'), lines.join('\n'), { append: true })
