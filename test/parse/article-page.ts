/**
 * Our own page for the tests of the extraction rules: a story of five long paragraphs inside
 * an `<article>`, with a menu and a footer around it, and what `extractArticle` keeps of a page
 * with a given list of whole-article rules.
 */
import { extractArticle } from '../../src/parse/extract-article.js'
import type { ArticleRule } from '../../src/parse/article-rule.js'
import { parseHtmlTree } from '../../src/parse/from-html.js'

/** Our own prose: five long paragraphs of one story. */
export const STORY = [
  'The river rose by two metres overnight at the old stone bridge, a level it had not reached since the spring floods of 1998, the water board said on Tuesday.',
  'Roads along both banks were closed before dawn, and the ferry between the two halves of the town stopped running until the current slows down again.',
  'Volunteers filled sandbags in the market square through the night while firefighters pumped water out of the cellars of the houses closest to the quay.',
  'Forecasters expect the level to fall slowly from Thursday, provided that the rain announced for the hills upstream stays as light as it has been today.',
  'The town hall opened two school gyms for families who had to leave their homes, and asked residents to keep away from the banks until the warning is lifted.',
]

export const HEADLINE = 'River reaches its highest level in thirty years'

/** A page holding `inside` as its article (after the headline), with a menu, and `after` below the article. */
export function storyPage(inside: string, after = '', head = ''): string {
  const menu = ['Home', 'Politics', 'Business', 'Culture', 'Sport', 'Weather'].map((m) => `<li><a href="/${m}">${m}</a></li>`).join('')
  return (
    `<!doctype html><html><head><title>${HEADLINE} | The Daily</title>${head}</head><body>` +
    `<header><nav><ul>${menu}</ul></nav></header>` +
    `<main><h1>${HEADLINE}</h1><article>${inside}</article>${after}</main>` +
    '<footer><p>© 2026 The Daily. All rights reserved.</p></footer></body></html>'
  )
}

/** The story's paragraphs as `<p>`s, with `between` inserted after the `at`-th one. */
export function storyWith(between: string, at = STORY.length): string {
  return [...STORY.slice(0, at).map((p) => `<p>${p}</p>`), between, ...STORY.slice(at).map((p) => `<p>${p}</p>`)].join('')
}

/** The texts `extractArticle` keeps of `html` with the whole-article rules `rules` (none: the block rules only). */
export function keptWith(html: string, rules: readonly ArticleRule[]): string[] {
  const { page, tree } = parseHtmlTree(html)
  return extractArticle(page.blocks, page.title, tree, rules).blocks.map((b) => b.text)
}
