/**
 * The corpus of the `--workers` bench: `generateCorpus` articles (real news paragraphs from
 * ../shared/datasets, a third with an injected in-article repeat) as JSONL records, one of 50
 * sites each, and for the feed a fifth of them followed later by an edited copy (a sentence cut
 * from its first paragraph) under another id and site: injected cross-article repeats.
 */
import { generateCorpus } from './bench.js'
import { seeded } from '../src/text/hash.js'

/** JSONL lines: `{ id, site, published, text }`, `copies` adds edited copies of earlier articles. */
export function workersCorpus(megabytes: number, copies: boolean): string[] {
  const rand = seeded(7)
  const texts = generateCorpus(megabytes * 1e6)
  const lines: string[] = []
  const earlier: string[] = []
  let n = 0
  const push = (text: string): void => {
    lines.push(JSON.stringify({ id: `a${n}`, site: `site${Math.floor(rand() * 50)}.example`, published: 1_700_000_000_000 + n * 1000, text }))
    n++
  }
  for (const text of texts) {
    push(text)
    earlier.push(text)
    if (copies && earlier.length > 10 && rand() < 0.2) {
      const source = earlier[Math.floor(rand() * earlier.length)] as string
      const paragraphs = source.split('\n\n')
      paragraphs[0] = (paragraphs[0] as string).replace(/^[^.!?。]*[.!?。]\s*/, '')
      push(paragraphs.join('\n\n'))
    }
  }
  return lines
}
