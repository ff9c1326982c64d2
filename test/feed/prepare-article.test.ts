import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { contentId } from '../../src/feed/content-id.js'
import { paragraphFingerprint } from '../../src/feed/fingerprint.js'
import { prepareArticle } from '../../src/feed/prepare-article.js'
import { shingles } from '../../src/feed/shingles.js'
import { measureLength } from '../../src/text/measure-length.js'
import { normalizeText } from '../../src/text/normalize-text.js'
import type { CleanResult, Paragraph } from '../../src/types.js'

/**
 * prepareArticle normalizes each paragraph once and shares that form; what it derives must be
 * what each public function gives when it normalizes the paragraph on its own.
 */

/** Paragraph text with what normalizeText folds: case, accents, width, white space, invisibles, punctuation, scripts. */
const piece = fc.constantFrom(
  'Le Gouvernement', 'a annoncé', 'ÉTÉ', 'Ｆｕｌｌ ｗｉｄｔｈ', 'naïve café', '  ', '\u00a0', '\u200b', '\u00ad', '—', '«\u202fOui\u202f»', '...', 'İstanbul', 'ß',
  '北京时间', '東京', 'Москва', 'العربية', 'हिन्दी', 'ﬁne', 'e\u0301', '1 234,5', '😀', '\t', '(AFP)', 'x',
)
const text = fc.array(fc.oneof(piece, fc.string({ maxLength: 6 }), fc.string({ unit: 'binary', maxLength: 4 })), { maxLength: 12 }).map((xs) => xs.join(' '))
const repeat = fc.option(fc.constantFrom('exact', 'near', 'contained'), { nil: null })

function cleanResult(paragraphs: Array<{ text: string; repeat: 'exact' | 'near' | 'contained' | null }>): CleanResult {
  const list: Paragraph[] = paragraphs.map((p, index) => ({
    index,
    text: p.text,
    language: 'und',
    confidence: 0,
    start: 0,
    end: p.text.length,
    duplicate: p.repeat === null ? null : { kind: p.repeat, of: 0, similarity: 1 },
    repeatedSentences: [],
  }))
  return { language: 'und', confidence: 0, paragraphs: list, passages: [], text: '' }
}

describe('prepareArticle', () => {
  it('derives fingerprints, shingles and the content id as the public functions do from each paragraph', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ text, repeat }), { maxLength: 8 }),
        fc.integer({ min: 1, max: 5 }),
        fc.option(fc.constantFrom('https://example.org/a', ''), { nil: undefined }),
        fc.option(fc.constantFrom('example.org', 'other.example'), { nil: undefined }),
        fc.boolean(),
        (paragraphs, size, url, site, withId) => {
          const cleaned = cleanResult(paragraphs)
          const article = { text: '', ...(withId ? { id: 'given' } : {}), ...(url === undefined ? {} : { url }), ...(site === undefined ? {} : { site }) }
          const prepared = prepareArticle(article, cleaned, 0, size, 20)
          const expected = cleaned.paragraphs
            .filter((p) => p.duplicate === null && paragraphFingerprint(p.text) !== '')
            .map((p) => ({ index: p.index, fingerprint: paragraphFingerprint(p.text), shingles: [...shingles(normalizeText(p.text), size)], short: measureLength(p.text) < 20 }))
          expect(prepared.compared.map((c) => ({ ...c, shingles: [...c.shingles] }))).toEqual(expected)
          const origin = { url: url === undefined || url === '' ? null : url, site: prepared.site }
          expect(prepared.id).toBe(withId ? 'given' : contentId(cleaned.paragraphs.map((p) => p.text), origin))
          expect(prepared.idGenerated).toBe(!withId)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('keys the content id by every paragraph, repeats included, so a repeat changes the id', () => {
    const base = [{ text: 'Un paragraphe gardé.', repeat: null }, { text: 'Un paragraphe gardé !', repeat: 'near' as const }]
    const a = prepareArticle({ text: '' }, cleanResult(base), 0, 3, 20)
    const b = prepareArticle({ text: '' }, cleanResult([base[0]!]), 0, 3, 20)
    expect(a.compared.map((c) => c.index)).toEqual([0])
    expect(a.id).toBe(contentId(['Un paragraphe gardé.', 'Un paragraphe gardé !']))
    expect(a.id).not.toBe(b.id)
  })
})
