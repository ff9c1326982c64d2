import { beforeAll, describe, expect, it } from 'vitest'
import { buildResult, FEED_FIELDS_BUT_ID, FEED_RESULT_FIELDS } from '../../src/feed/build-result.js'
import { createArticleStager, createFeedJudge } from '../../src/feed/create-deduplicator.js'
import { clean } from '../../src/clean.js'
import { resultLine, resultLineParts } from '../../src/feed/result-line.js'
import type { Article } from '../../src/feed/types.js'
import { rawMembers } from '../../src/io/raw-members.js'
import { loadLanguageModel } from '../../src/language/fasttext-model.js'
import { toJsonLine } from '../../src/output/to-json-line.js'
import { makeFeed } from './fixtures.js'


/** Input lines as a feed reads them: the fixtures' stories and copies, and records of every shape a line can take. */
function lines(): string[] {
  const feed = makeFeed(6, 3, 3).map((a, i) => JSON.stringify({ id: a.id, site: a.site, published: 1_700_000_000_000 + i * 60_000, text: a.text }))
  const first = makeFeed(1, 3, 0)[0]!.text
  return [
    ...feed,
    // A big-integer id (its digits kept), a carried field nested in an object, `__proto__`, spacing of the writer's own.
    `{ "id" : 12345678901234567890 , "text" : ${JSON.stringify(first.split('\n\n').reverse().join('\n\n'))}, "meta": {"a": [1, 2.50]}, "__proto__": {"x": 1}, "site": "beta.example" }`,
    // No id (a generated one), a field named like a computed one (`language`: not copied), an integer-like key.
    JSON.stringify({ text: 'Ein kurzer Text ohne Kennung.\n\nEin kurzer Text ohne Kennung.', language: 'xx', '7': 'seven', url: 'https://gamma.example/a' }),
    // Bytes that are not valid UTF-8: the result has `encoding` and `warnings` after its paragraphs.
    JSON.stringify({ id: 'bytes', text_base64: Buffer.concat([Buffer.from('Un café au lait, déjà servi très chaud à côté de la salle. '), Buffer.from([0xff]), Buffer.from(' Ça coûte deux euros.')]).toString('base64') }),
    // Delivered again: the recorded verdict.
    feed[1]!,
    // An article of long ago, outside the window once later ones are in.
    JSON.stringify({ id: 'old', published: 1_600_000_000_000, text: 'An old story told once, long before the others came in to the feed.' }),
  ]
}

describe('resultLine', () => {
  beforeAll(() => loadLanguageModel())

  it('with its parts made at staging, is toJsonLine of the built result byte for byte, for every verdict', async () => {
    const stage = createArticleStager({ ttl: '30d', clean })
    const judge = createFeedJudge({ ttl: '30d' })
    const kinds = new Set<string>()
    for (const [n, text] of lines().entries()) {
      const raw = rawMembers(text)
      const article = JSON.parse(text) as Article
      for (const keys of [raw.map((m) => m.key), null]) {
        // The same article staged twice (with and without its input text): judged once, replayed once.
        const staged = stage(article, 1_700_000_000_000 + n)
        const parts = resultLineParts(staged.prepared, keys ?? undefined)
        const { verdict, outsideWindow } = await judge.judged(() => staged)
        const result = buildResult(staged.prepared, verdict, outsideWindow)
        const expected = toJsonLine(result, keys ? raw : undefined, result.idGenerated ? FEED_RESULT_FIELDS : FEED_FIELDS_BUT_ID)
        expect(resultLine(parts, keys ? raw : undefined, verdict, outsideWindow)).toBe(expected)
        kinds.add(verdict.duplicate?.kind ?? (outsideWindow ? 'outside' : 'original'))
        if (result.warnings !== undefined) kinds.add('warnings')
        for (const flag of verdict.cross.values()) kinds.add(flag.kind)
      }
    }
    // Every kind of verdict and paragraph flag was written.
    expect([...kinds].sort()).toEqual(['boilerplate', 'copy', 'exact', 'near', 'near-copy', 'original', 'outside', 'warnings'])
    await judge.close()
  })
})
