import { beforeAll, describe, expect, it } from 'vitest'
import { clean } from '../../src/clean.js'
import { createArticleStager } from '../../src/feed/create-deduplicator.js'
import type { Article } from '../../src/feed/types.js'
import { loadLanguageModel } from '../../src/language/fasttext-model.js'
import { runTask, type StageOutcome } from '../../src/workers/pool-tasks.js'

/** Latin-1 bytes with no declared charset: only charset detection, a parser imported on demand, reads them. */
const latin1 = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0))

const articles: Array<{ article: Article; extract?: boolean }> = [
  { article: { id: 'text', site: 'a.example', text: 'The council met on Monday.\n\nIt voted for the plan after a long debate.' } },
  { article: { id: 'html', site: 'a.example', html: '<h1>Budget</h1><p>The council met on Monday.</p><p>It voted against the plan.</p>' } },
  { article: { id: 'bytes', site: 'b.example', html: latin1('<p>Le conseil a vot\u00e9 le budget \u00e0 Gen\u00e8ve, o\u00f9 il si\u00e9geait depuis l\u2019\u00e9t\u00e9.</p>'.replace('\u2019', "'")) } },
  { article: { id: 'page', site: 'b.example', html: '<html><body><nav>Home | News</nav><article><h1>Vote</h1><p>The council met on Monday and voted for the plan after a long debate on its cost.</p></article></body></html>' }, extract: true },
  { article: { id: 'markdown', site: 'c.example', markdown: '# Vote\n\nThe council met on **Monday**.' } },
]

describe('runTask, stage', () => {
  beforeAll(() => loadLanguageModel())

  it('stages each article with the parsers it needs, imported on demand, as the stager with clean() (every parser) does', async () => {
    const outcomes = (await runTask({ kind: 'stage', options: {}, articles: articles.map(({ article, extract }, i) => ({ article, arrival: i, ...(extract === undefined ? {} : { extract }) })) })) as StageOutcome[]
    const expected = articles.map(({ article, extract }, i) => ({ staged: createArticleStager({ clean, ...(extract === undefined ? {} : { extract }) })(article, i) }))
    expect(outcomes).toEqual(expected)
    // The parsers were used: the HTML article lost its markup, the page its navigation, the bytes were decoded.
    const text = (k: number): string => ((outcomes[k] as { staged: { prepared: { cleaned: { text: string } } } }).staged.prepared.cleaned.text)
    expect(text(1)).not.toContain('<p>')
    expect(text(2)).toContain('Gen\u00e8ve')
    expect(text(3)).not.toContain('Home | News')
  })

  it('gives a value that is no article its error, and stages the rest of the batch', async () => {
    const outcomes = (await runTask({ kind: 'stage', options: {}, articles: [{ article: 'not an article' as unknown as Article, arrival: 0 }, { article: articles[0]!.article, arrival: 1 }] })) as StageOutcome[]
    expect(outcomes[0]).toEqual({ error: { code: 'E_INVALID_RECORD', message: 'Expected an article object' } })
    expect('staged' in outcomes[1]!).toBe(true)
  })
})
