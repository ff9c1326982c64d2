import { escapeHtml } from '../escape-html.js'
import type { CrossDuplicate, FeedResult } from '../../feed/types.js'
import type { CleanResult, Duplicate, Paragraph, RepeatedSentence } from '../../types.js'
import { barChart } from './bar-chart.js'
import { countNoun } from '../count-noun.js'

/**
 * What the review page shows: `clean()` results (optionally with the id, title and site you
 * know them by) and/or `createDeduplicator().add()` results.
 */
export type ReviewItem = (CleanResult & { id?: string | number | null; title?: unknown; site?: string | null }) | FeedResult

/** Options of {@link renderReview}. */
export interface ReviewOptions {
  /** The page's `<title>` and heading. @default 'news-dedup review' */
  title?: string
  /** Show the summary with its two charts. @default true for a feed (more than one article, or any feed result) */
  summary?: boolean
}

type AnyParagraph = Paragraph & { crossDuplicate?: CrossDuplicate | null }

const NO_SITE = '(no site)'

/**
 * Renders results as ONE self-contained HTML page for a person to review what was removed and
 * why: inline CSS, inline SVG, no script, no external resource (a Content-Security-Policy
 * `default-src 'none'` makes sure of it).
 *
 * Per article: its title or id, language, and every paragraph in order (anchor
 * `a{article}-p{index}`, article = position on the page, index = 0-based paragraph index).
 * Kept paragraphs are shown as they are, with repeated sentences struck through (`<del>`)
 * inline; removed ones are struck through and annotated with the kind (`exact`, `near`,
 * `contained`, `boilerplate`), a link to the paragraph they repeat and the similarity. A
 * paragraph whose language differs from the article's carries a language badge and `lang`.
 * Feed results also show the article-level duplicate (linked when the earlier article is on
 * the page) and cross-article repeats.
 *
 * For a feed (more than one article, or any feed result) a summary comes first, with two bar
 * charts: per site (articles, duplicate articles, boilerplate paragraphs) and per language
 * (paragraphs). Every piece of text is escaped: no input can create markup.
 *
 * @param items The results, in the order they were produced (earlier articles first).
 * @param options Page title; force the summary on or off.
 */
export function renderReview(items: readonly ReviewItem[], options: ReviewOptions = {}): string {
  const title = options.title ?? 'news-dedup review'
  const position = new Map<string, number>()
  items.forEach((item, k) => {
    const id = idOf(item)
    if (id !== null && !position.has(id)) position.set(id, k)
  })
  const context: Context = { items, position }
  const showSummary = options.summary ?? (items.length > 1 || items.some(isFeedResult))
  const body: string[] = [`<h1>${escapeHtml(title)}</h1>`]
  if (showSummary) body.push(renderSummary(items, context))
  if (items.length === 0) body.push('<p class="empty">No articles.</p>')
  items.forEach((item, k) => body.push(renderArticle(item, k, context)))
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="news-dedup">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body.join('\n')}
</main>
</body>
</html>
`
}

interface Context {
  items: readonly ReviewItem[]
  /** Page position of each article id (its first occurrence). */
  position: ReadonlyMap<string, number>
}

/** Whether `item` came from the feed deduplicator. */
export function isFeedResult(item: ReviewItem): item is FeedResult {
  return typeof (item as FeedResult).idGenerated === 'boolean' && 'duplicate' in item
}

function idOf(item: ReviewItem): string | null {
  const id = item.id
  return typeof id === 'string' ? id : typeof id === 'number' ? String(id) : null
}

function siteOf(item: ReviewItem): string {
  return typeof item.site === 'string' && item.site !== '' ? item.site : NO_SITE
}

function crossOf(paragraph: AnyParagraph): CrossDuplicate | null {
  return paragraph.crossDuplicate ?? null
}

function isRemoved(paragraph: AnyParagraph): boolean {
  return paragraph.duplicate !== null || crossOf(paragraph) !== null
}

function headingOf(item: ReviewItem, k: number): string {
  if (typeof item.title === 'string' && item.title.trim() !== '') return item.title.trim()
  return idOf(item) ?? `Article ${k + 1}`
}

function ratio(value: number): string {
  return value.toFixed(2)
}

// ---------------------------------------------------------------------------------------------
// Summary

interface Totals {
  articles: number
  duplicates: number
  paragraphs: number
  kept: number
  repeats: number
  cross: number
  boilerplate: number
  sentences: number
}

/** The chips after an article's entry in the table of contents: re-delivered, duplicate kind. */
function tocChips(item: ReviewItem, k: number, context: Context): string {
  const chips: string[] = []
  if (redeliveryOf(item, k, context) !== null) chips.push('<span class="chip chip-again">re-delivered</span>')
  if (isFeedResult(item) && item.duplicate !== null) chips.push(`<span class="chip chip-dup">${escapeHtml(item.duplicate.kind)}</span>`)
  return chips.map((chip) => ` ${chip}`).join('')
}

/**
 * The page position of the earlier article with the same id, when this one is a re-delivery
 * (a feed delivers a record again: the deduplicator answers with the verdict it gave the
 * first time, so the two look alike); else `null`.
 */
function redeliveryOf(item: ReviewItem, k: number, context: Context): number | null {
  const id = idOf(item)
  const first = id === null ? undefined : context.position.get(id)
  return first !== undefined && first < k ? first : null
}

function renderSummary(items: readonly ReviewItem[], context: Context): string {
  const totals: Totals = { articles: items.length, duplicates: 0, paragraphs: 0, kept: 0, repeats: 0, cross: 0, boilerplate: 0, sentences: 0 }
  const sites = new Map<string, [number, number, number]>()
  const languages = new Map<string, number>()
  for (const item of items) {
    const site = siteOf(item)
    const row = sites.get(site) ?? [0, 0, 0]
    sites.set(site, row)
    row[0]++
    if (isFeedResult(item) && item.duplicate !== null) {
      row[1]++
      totals.duplicates++
    }
    for (const paragraph of item.paragraphs as AnyParagraph[]) {
      totals.paragraphs++
      languages.set(paragraph.language, (languages.get(paragraph.language) ?? 0) + 1)
      const cross = crossOf(paragraph)
      if (paragraph.duplicate !== null) totals.repeats++
      if (cross?.kind === 'boilerplate') {
        totals.boilerplate++
        row[2]++
      } else if (cross !== null) totals.cross++
      if (!isRemoved(paragraph)) {
        totals.kept++
        totals.sentences += paragraph.repeatedSentences.length
      }
    }
  }
  const stat = (value: number, singular: string, plural: string, name: string) =>
    `<div class="stat" data-stat="${name}"><span class="stat-value">${value}</span> <span class="stat-label">${escapeHtml(value === 1 ? singular : plural)}</span></div>`
  const siteChart = barChart({
    name: 'sites',
    title: 'Articles, duplicate articles and boilerplate paragraphs per site',
    description: [...sites]
      .map(([site, [a, d, b]]) => `${site}: ${countNoun(a, 'article')}, ${countNoun(d, 'duplicate article')}, ${countNoun(b, 'boilerplate paragraph')}`)
      .join('; '),
    series: [
      { name: 'articles', singular: 'article', className: 's-articles' },
      { name: 'duplicate articles', singular: 'duplicate article', className: 's-duplicates' },
      { name: 'boilerplate paragraphs', singular: 'boilerplate paragraph', className: 's-boilerplate' },
    ],
    groups: [...sites].map(([label, values]) => ({ label, values })),
  })
  const languageRows = [...languages].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
  const languageChart = barChart({
    name: 'languages',
    title: 'Paragraphs per language',
    description: languageRows.map(([language, count]) => `${language}: ${countNoun(count, 'paragraph')}`).join('; '),
    series: [{ name: 'paragraphs', singular: 'paragraph', className: 's-paragraphs' }],
    groups: languageRows.map(([label, count]) => ({ label, values: [count] })),
  })
  return `<section class="summary" aria-labelledby="summary-heading">
<h2 id="summary-heading">Summary</h2>
<div class="stats">
${stat(totals.articles, 'article', 'articles', 'articles')}
${stat(totals.duplicates, 'duplicate article', 'duplicate articles', 'duplicates')}
${stat(totals.paragraphs, 'paragraph', 'paragraphs', 'paragraphs')}
${stat(totals.kept, 'kept', 'kept', 'kept')}
${stat(totals.repeats, 'repeat within articles', 'repeats within articles', 'repeats')}
${stat(totals.cross, 'repeat of other articles', 'repeats of other articles', 'cross')}
${stat(totals.boilerplate, 'boilerplate', 'boilerplate', 'boilerplate')}
${stat(totals.sentences, 'repeated sentence cut', 'repeated sentences cut', 'sentences')}
</div>
<div class="charts">
<figure><figcaption>Per site</figcaption>
${siteChart}
</figure>
<figure><figcaption>Paragraphs per language</figcaption>
${languageChart}
</figure>
</div>
<nav class="toc" aria-label="Articles"><ol>
${items.map((item, k) => `<li><a href="#a${k}">${escapeHtml(headingOf(item, k))}</a>${tocChips(item, k, context)}</li>`).join('\n')}
</ol></nav>
</section>`
}

// ---------------------------------------------------------------------------------------------
// Articles

function renderArticle(item: ReviewItem, k: number, context: Context): string {
  const id = idOf(item)
  const heading = headingOf(item, k)
  const paragraphs = item.paragraphs as AnyParagraph[]
  const kept = paragraphs.filter((p) => !isRemoved(p)).length
  const meta: string[] = []
  if (id !== null && id !== heading) meta.push(`<span class="meta-id">id <code>${escapeHtml(id)}</code></span>`)
  if (typeof item.site === 'string') meta.push(`<span class="meta-site">site ${escapeHtml(item.site)}</span>`)
  meta.push(`<span class="meta-lang">language <b>${escapeHtml(item.language)}</b> (${ratio(item.confidence)})</span>`)
  meta.push(`<span class="meta-count">${countNoun(paragraphs.length, 'paragraph')}, ${kept} kept</span>`)
  const again = redeliveryOf(item, k, context)
  const classes = `article${isFeedResult(item) && item.duplicate !== null ? ' is-duplicate' : ''}${again === null ? '' : ' is-redelivered'}`
  const lines = [
    `<article class="${classes}" id="a${k}" lang="${escapeHtml(item.language)}">`,
    '<header>',
    `<h2><span class="num">${k + 1}.</span> ${escapeHtml(heading)}</h2>`,
    `<p class="meta" lang="en">${meta.join(' · ')}</p>`,
  ]
  if (again !== null) {
    lines.push(
      `<p class="redelivered" lang="en"><span class="chip chip-again">re-delivered</span> same id as <a href="#a${again}">article ${again + 1}</a>: delivered again, given the verdict of its first delivery</p>`,
    )
  }
  if (isFeedResult(item) && item.duplicate !== null) {
    const d = item.duplicate
    const at = context.position.get(d.of)
    const target = at !== undefined && at < k ? `<a href="#a${at}">${escapeHtml(headingOf(context.items[at]!, at))}</a>` : `<code>${escapeHtml(d.of)}</code>`
    lines.push(
      `<p class="article-duplicate" lang="en"><span class="kind kind-${escapeHtml(d.kind)}">${escapeHtml(d.kind)}</span> of ${target} · similarity ${ratio(d.similarity)} · containment ${ratio(d.containment)}</p>`,
    )
  }
  lines.push('</header>')
  lines.push('<ol class="paragraphs">')
  for (const paragraph of paragraphs) lines.push(renderParagraph(paragraph, item, k, context))
  lines.push('</ol>')
  lines.push('</article>')
  return lines.join('\n')
}

function renderParagraph(paragraph: AnyParagraph, item: ReviewItem, k: number, context: Context): string {
  const anchor = `a${k}-p${paragraph.index}`
  // `und` (a date line, a byline: too short to tell) is no language to point out.
  const differs = paragraph.language !== item.language && paragraph.language !== 'und'
  const lang = differs ? ` lang="${escapeHtml(paragraph.language)}"` : ''
  const badge = differs
    ? ` <span class="lang-badge" lang="en" title="paragraph language (${ratio(paragraph.confidence)})">${escapeHtml(paragraph.language)}</span>`
    : ''
  const number = `<a class="pnum" href="#${anchor}" lang="en">${paragraph.index + 1}</a>`
  const cross = crossOf(paragraph)
  if (!isRemoved(paragraph)) {
    return `<li id="${anchor}" class="p kept"${lang}>${number}<p>${withStruckSentences(paragraph, k)}${badge}</p></li>`
  }
  const notes: string[] = []
  if (paragraph.duplicate !== null) notes.push(describeDuplicate(paragraph.duplicate, k, item))
  if (cross !== null) notes.push(describeCross(cross, item, context))
  const kind = paragraph.duplicate?.kind ?? cross?.kind ?? 'removed'
  return `<li id="${anchor}" class="p removed removed-${escapeHtml(kind)}"${lang}>${number}<p><del data-kind="${escapeHtml(kind)}">${escapeHtml(paragraph.text)}</del>${badge}</p><p class="why" lang="en">${notes.join('<br>')}</p></li>`
}

function paragraphLink(article: number, index: number, label: string): string {
  return `<a href="#a${article}-p${index}">${escapeHtml(label)}</a>`
}

function describeDuplicate(duplicate: Duplicate, k: number, item: ReviewItem): string {
  const exists = duplicate.of >= 0 && duplicate.of < item.paragraphs.length
  const target = exists ? paragraphLink(k, duplicate.of, `¶${duplicate.of + 1}`) : `¶${duplicate.of + 1}`
  const verb = duplicate.kind === 'contained' ? 'contained in' : 'repeat of'
  return `<span class="kind kind-${escapeHtml(duplicate.kind)}">${escapeHtml(duplicate.kind)}</span> ${verb} ${target} · similarity ${ratio(duplicate.similarity)}`
}

function describeCross(cross: CrossDuplicate, item: ReviewItem, context: Context): string {
  if (cross.kind === 'boilerplate') {
    const site = typeof item.site === 'string' ? ` of ${escapeHtml(item.site)}` : ''
    return `<span class="kind kind-boilerplate">boilerplate</span>: repeated across articles${site}`
  }
  const at = context.position.get(cross.of.article)
  const target = context.items[at ?? -1]
  const label = `${target ? headingOf(target, at!) : cross.of.article} ¶${cross.of.paragraph + 1}`
  const link =
    at !== undefined && target !== undefined && cross.of.paragraph < target.paragraphs.length
      ? paragraphLink(at, cross.of.paragraph, label)
      : `<code>${escapeHtml(cross.of.article)}</code> ¶${cross.of.paragraph + 1}`
  return `<span class="kind kind-${escapeHtml(cross.kind)}">${escapeHtml(cross.kind)}</span> repeat of another article: ${link}`
}

/** The paragraph's text with its repeated sentences struck through, each linked to the paragraph it repeats. */
function withStruckSentences(paragraph: AnyParagraph, k: number): string {
  const ranges = [...paragraph.repeatedSentences].sort((a, b) => a.start - b.start)
  let out = ''
  let at = 0
  for (const range of ranges) {
    const start = Math.max(at, range.start)
    const end = Math.min(paragraph.text.length, range.end)
    if (end <= start) continue
    out += escapeHtml(paragraph.text.slice(at, start))
    out += `<del class="sentence" data-kind="sentence">${escapeHtml(paragraph.text.slice(start, end))}</del>${sentenceNote(range, k)}`
    at = end
  }
  return out + escapeHtml(paragraph.text.slice(at))
}

function sentenceNote(range: RepeatedSentence, k: number): string {
  return `<sup class="sentence-note" lang="en">sentence repeated from ${paragraphLink(k, range.of, `¶${range.of + 1}`)} · ${ratio(range.similarity)}</sup>`
}

const STYLE = `
:root { color-scheme: light; --ink: #1d232b; --muted: #5d6773; --line: #d9dee4; --bg: #f6f7f9;
  --del: #9b1c1c; --del-bg: #fdf1f1; --bp: #6b5b00; --bp-bg: #fbf7e3; --link: #1d4ed8; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink);
  font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; }
main { max-width: 62rem; margin: 0 auto; padding: 1.5rem 1.25rem 4rem; }
h1 { font-size: 1.6rem; margin: 0 0 1rem; }
h2 { font-size: 1.15rem; margin: 0; }
a { color: var(--link); }
code { font: 0.85em ui-monospace, "DejaVu Sans Mono", monospace; background: #eef1f4; padding: 0 0.25em; border-radius: 3px; }
.summary, .article { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.25rem; margin: 0 0 1.25rem; }
.stats { display: flex; flex-wrap: wrap; gap: 0.5rem 1.25rem; margin: 0.75rem 0 1rem; }
.stat-value { font-weight: 700; font-size: 1.2rem; }
.stat-label { color: var(--muted); }
.charts { display: flex; flex-wrap: wrap; gap: 1rem 2rem; }
figure { margin: 0; }
figcaption { font-weight: 600; margin-bottom: 0.25rem; }
.chart { max-width: 100%; height: auto; font: 12px system-ui, "DejaVu Sans", sans-serif; }
.chart .label, .chart .legend-text { fill: var(--ink); }
.chart .value { fill: var(--muted); }
.chart .axis { stroke: #9aa4af; }
.s-articles { fill: #3b82f6; } .s-duplicates { fill: #dc2626; } .s-boilerplate { fill: #ca8a04; } .s-paragraphs { fill: #0d9488; }
.toc ol { margin: 0.75rem 0 0; padding-left: 1.5rem; columns: 2 20rem; column-gap: 2.5rem; }
.toc li { break-inside: avoid; overflow-wrap: anywhere; padding-right: 0.5rem; }
.article.is-redelivered { border-left: 4px solid #6b7280; }
.redelivered { margin: 0.4rem 0 0; padding: 0.3rem 0.6rem; background: #f1f3f5; border-radius: 4px; }
.chip-again { background: #e5e7eb; color: #374151; }
.article.is-duplicate { border-left: 4px solid #dc2626; }
.article header { border-bottom: 1px solid var(--line); padding-bottom: 0.5rem; margin-bottom: 0.5rem; }
.num { color: var(--muted); font-weight: 400; }
.meta { color: var(--muted); margin: 0.25rem 0 0; font-size: 0.9rem; }
.article-duplicate { margin: 0.4rem 0 0; padding: 0.3rem 0.6rem; background: var(--del-bg); border-radius: 4px; }
.paragraphs { list-style: none; margin: 0; padding: 0; }
.p { display: grid; grid-template-columns: 2.2rem 1fr; column-gap: 0.5rem; padding: 0.4rem 0.5rem; border-radius: 4px; margin: 0.2rem 0; }
.p > p { grid-column: 2; margin: 0; }
.pnum { grid-row: 1 / span 2; color: var(--muted); text-decoration: none; font-size: 0.85rem; text-align: right; padding-top: 0.1rem; }
.p:target { outline: 2px solid var(--link); }
.removed { background: var(--del-bg); }
.removed del { color: var(--del); text-decoration-thickness: 1px; }
.removed-boilerplate { background: var(--bp-bg); }
.removed-boilerplate del { color: var(--bp); }
.why { font-size: 0.85rem; color: var(--muted); margin-top: 0.2rem !important; }
del.sentence { color: var(--del); background: var(--del-bg); }
.sentence-note { font-size: 0.7rem; color: var(--muted); margin-left: 0.2em; }
.kind, .chip { display: inline-block; font-size: 0.75rem; font-weight: 600; padding: 0 0.4em; border-radius: 3px; background: #fde2e2; color: var(--del); }
.kind-boilerplate { background: #f7ecb5; color: var(--bp); }
.kind-near, .kind-near-copy { background: #fde8d7; color: #9a3412; }
.kind-contained { background: #ede4fb; color: #5b21b6; }
.lang-badge { display: inline-block; margin-left: 0.4em; font-size: 0.72rem; font-weight: 700; padding: 0 0.4em; border-radius: 3px;
  background: #dbeafe; color: #1e3a8a; text-transform: lowercase; vertical-align: 0.1em; }
@media print { body { background: #fff; } .summary, .article { break-inside: avoid-page; } }
`
