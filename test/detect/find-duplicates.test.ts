import { describe, expect, it } from 'vitest'
import { findDuplicates } from '../../src/detect/find-duplicates.js'
import { cutRanges } from '../../src/text/cut-ranges.js'
import { defaultOptions, resolveOptions, type DetectOptions } from '../../src/options.js'
import { FLOOD_FR, POOL } from '../helpers/corpus.js'

const detect = (texts: string[], options: DetectOptions = {}) => findDuplicates(texts, resolveOptions({ detect: options }).detect)

const [A, B, C, D] = FLOOD_FR as [string, string, string, string]

describe('findDuplicates', () => {
  it('returns one verdict and one sentence list per paragraph', () => {
    const { duplicates, repeatedSentences } = detect([A, B, C])
    expect(duplicates).toEqual([null, null, null])
    expect(repeatedSentences).toEqual([[], [], []])
  })

  it('handles no paragraphs', () => {
    expect(findDuplicates([], defaultOptions.detect)).toEqual({ duplicates: [], repeatedSentences: [] })
  })

  it('keeps the first of exact repeats', () => {
    expect(detect([A, B, A.toUpperCase(), B]).duplicates).toEqual([
      null,
      null,
      { kind: 'exact', of: 0, similarity: 1 },
      { kind: 'exact', of: 1, similarity: 1 },
    ])
  })

  it('flags a near copy with its rounded similarity (3 decimals)', () => {
    const copy = A.replace('300 habitants', '350 habitants').replace('samedi à dimanche', 'vendredi à samedi')
    const { duplicates } = detect([A, B, copy])
    expect(duplicates[2]).toMatchObject({ kind: 'near', of: 0 })
    const { similarity } = duplicates[2]!
    expect(similarity).toBeGreaterThanOrEqual(0.8)
    expect(similarity).toBeLessThan(1)
    expect(Math.round(similarity * 1000) / 1000).toBe(similarity)
  })

  it.each([
    ['0.8 (default) flags it', 0.8, 'near'],
    ['0.99 does not', 0.99, null],
  ])('nearThreshold %s', (_, nearThreshold, kind) => {
    const copy = A.replace('300 habitants', '350 habitants')
    expect(detect([A, copy], { nearThreshold }).duplicates[1]?.kind ?? null).toBe(kind)
  })

  it('a lowered containThreshold flags a paragraph only partly inside a longer one', () => {
    // The longest run of `part` inside `whole` is "les habitants ont été prévenus par": 6 of its 14 words.
    const whole = `${B} Les habitants ont été prévenus par SMS dans la soirée.`
    const part = 'Les habitants ont été prévenus par un SMS de la mairie dans la soirée.'
    expect(detect([whole, part]).duplicates[1]).toBeNull()
    expect(detect([whole, part], { containThreshold: 0.5 }).duplicates[1]).toBeNull()
    expect(detect([whole, part], { containThreshold: 0.4 }).duplicates[1]).toMatchObject({ kind: 'contained', of: 0 })
  })

  it('contained means one run: words scattered in order across a longer paragraph are not contained', () => {
    // Every word of the headline occurs, in order, in the deck (Wikinews-fr's ACTA story, our wording).
    const headline = 'Union européenne : ACTA rejeté par le Parlement européen à Strasbourg'
    const deck =
      'Union européenne, mercredi : le traité ACTA, très contesté, a été rejeté hier par une large majorité, ' +
      'le vote du Parlement européen réuni en séance plénière à Strasbourg étant sans appel.'
    expect(detect([headline, deck]).duplicates).toEqual([null, null])
    expect(detect([deck, headline]).duplicates).toEqual([null, null])
    // The same words as one run (a teaser glued into a longer block) are contained, a typographic variant and a cut-off last word allowed.
    const glued = `Selon nos informations, l’union européenne : ACTA rejeté par le Parlement européen à Strasbourg, hier soir, par 478 voix.`
    expect(detect([headline, glued]).duplicates[0]).toMatchObject({ kind: 'contained', of: 1 })
    const cut = 'Union européenne : ACTA rejeté par le Parlement européen à Stras…'
    expect(detect([cut, glued]).duplicates[0]).toMatchObject({ kind: 'contained', of: 1 })
  })

  it('never removes a heading in favour of a longer block; only an exact repeat of an earlier heading removes it', () => {
    const headline = 'Union européenne : ACTA rejeté par le Parlement européen à Strasbourg'
    const glued = `Selon nos informations, union européenne : ACTA rejeté par le Parlement européen à Strasbourg, hier soir, par 478 voix.`
    const breadcrumb = `Accueil › Europe › ${headline}`
    // Before and after the longer block, as h1.
    expect(findDuplicates([headline, glued], defaultOptions.detect, [true, false]).duplicates).toEqual([null, null])
    expect(findDuplicates([breadcrumb, headline, glued], defaultOptions.detect, [false, true, false]).duplicates).toEqual([null, null, null])
    // A near copy of a heading as a heading stays; an exact one goes.
    const nearly = 'Union européenne : ACTA rejeté par le Parlement européen à Bruxelles'
    expect(findDuplicates([headline, nearly], defaultOptions.detect, [true, true]).duplicates[1]).toBeNull()
    expect(findDuplicates([headline, headline], defaultOptions.detect, [true, true]).duplicates[1]).toMatchObject({ kind: 'exact', of: 0 })
    // A heading exactly repeating an earlier plain block (a breadcrumb's last item) is kept; the earlier block is the repeat.
    expect(findDuplicates([headline, 'Texte.', headline], defaultOptions.detect, [false, false, true]).duplicates).toEqual([
      { kind: 'exact', of: 2, similarity: 1 },
      null,
      null,
    ])
    // Without the heading flags, the same headline goes (the rule is about headings only).
    expect(findDuplicates([headline, glued], defaultOptions.detect).duplicates[0]).toMatchObject({ kind: 'contained', of: 1 })
  })

  it('does not cut a sentence out of a heading', () => {
    const sentence = 'Le Parlement européen a rejeté le traité ACTA par 478 voix contre 39.'
    const texts = [`${sentence} Les opposants ont salué le vote.`, sentence]
    expect(findDuplicates(texts, defaultOptions.detect, [false, true]).duplicates[1]).toBeNull()
    expect(findDuplicates(texts, defaultOptions.detect, [false, true]).repeatedSentences[1]).toEqual([])
    expect(findDuplicates(texts, defaultOptions.detect).duplicates[1]).not.toBeNull()
  })

  it('flags an earlier paragraph contained in a later one, pointing at the later one', () => {
    const teaser = `${A.slice(0, 90)}…`
    const { duplicates } = detect([teaser, B, A])
    expect(duplicates[0]).toMatchObject({ kind: 'contained', of: 2 })
    expect(duplicates[2]).toBeNull()
  })

  it('moves verdicts that pointed at a paragraph which gives way later', () => {
    const teaser = `${A.slice(0, 90)}…`
    const { duplicates } = detect([teaser, teaser, B, A])
    expect(duplicates[0]).toMatchObject({ kind: 'contained', of: 3 })
    expect(duplicates[1]).toMatchObject({ of: 3 })
  })

  it('compares short paragraphs only exactly', () => {
    const texts = ['Photo : AFP/Reuters', A, 'Photo: AFP / Reuters', 'Photo : AFP/Reuters']
    expect(detect(texts).duplicates).toEqual([null, null, null, { kind: 'exact', of: 0, similarity: 1 }])
    expect(detect(texts, { minLength: 0 }).duplicates[2]).toMatchObject({ kind: 'near', of: 0 })
  })

  it('finds nothing among distinct paragraphs of one story, nor in the multilingual pool', () => {
    expect(detect(FLOOD_FR).duplicates.every((d) => d === null)).toBe(true)
    expect(detect([...POOL]).duplicates.every((d) => d === null)).toBe(true)
  })

  it('finds a near copy among many distinct paragraphs (candidates found through shared bigrams)', () => {
    const texts = [...POOL, ...FLOOD_FR]
    const copy = POOL[4]!.replace('Thursday', 'Wednesday')
    const { duplicates } = detect([...texts, copy])
    expect(duplicates.slice(0, texts.length).every((d) => d === null)).toBe(true)
    expect(duplicates[texts.length]).toMatchObject({ kind: 'near', of: 4 })
  })

  it('finds the original for every one of a hundred near copies: a copy flagged as a repeat does not fill the lists of its bigrams', () => {
    // A bigram in more than 64 paragraphs is no longer read (too common to point at a copy); had
    // each flagged copy stayed in the index, the original's bigrams would pass that after 64
    // copies and the later ones would find nothing to compare with.
    const copies = Array.from({ length: 100 }, (_, k) => A.replace('300 habitants', `${k + 1000} habitants`))
    const { duplicates } = detect([A, ...copies])
    expect(duplicates[0]).toBeNull()
    for (let k = 1; k <= copies.length; k++) expect(duplicates[k]).toMatchObject({ kind: 'near', of: 0 })
  })

  it('finds a near copy in Chinese, compared character by character', () => {
    const zh = POOL[16]!
    const copy = zh.replace('周一', '周二')
    expect(detect([zh, POOL[17]!, copy]).duplicates[2]).toMatchObject({ kind: 'near', of: 0 })
  })

  it('lists a repeated sentence of a kept paragraph, with offsets into its text', () => {
    const sentence = 'La circulation reste interdite sur la route départementale entre Alès et Anduze.'
    const later = `${C} ${sentence}`
    const { duplicates, repeatedSentences } = detect([`${B} ${sentence}`, D, later])
    expect(duplicates).toEqual([null, null, null])
    expect(repeatedSentences[2]).toEqual([{ start: C.length + 1, end: later.length, of: 0, similarity: 1 }])
  })

  it('ignores sentence repeats when minSentenceLength is 0', () => {
    const sentence = 'La circulation reste interdite sur la route départementale entre Alès et Anduze.'
    const { repeatedSentences } = detect([`${B} ${sentence}`, `${C} ${sentence}`], { minSentenceLength: 0 })
    expect(repeatedSentences).toEqual([[], []])
  })

  it('keeps the first of a sentence said twice within one paragraph and cuts the second', () => {
    const sentence = 'La circulation reste interdite sur la route départementale entre Alès et Anduze.'
    const text = `${sentence} ${C} ${sentence}`
    const { repeatedSentences } = detect([B, text])
    expect(repeatedSentences[1]).toHaveLength(1)
    expect(repeatedSentences[1]![0]!.start).toBe(text.length - sentence.length)
  })
})

describe('cutRanges', () => {
  it.each([
    ['no ranges', 'Un. Deux. Trois.', [], 'Un. Deux. Trois.'],
    ['the middle sentence', 'Un. Deux. Trois.', [{ start: 4, end: 9 }], 'Un. Trois.'],
    ['the first sentence', 'Un. Deux. Trois.', [{ start: 0, end: 3 }], 'Deux. Trois.'],
    ['the last sentence', 'Un. Deux. Trois.', [{ start: 10, end: 16 }], 'Un. Deux.'],
    ['two ranges', 'Un. Deux. Trois. Quatre.', [{ start: 0, end: 3 }, { start: 10, end: 16 }], 'Deux. Quatre.'],
    ['everything', 'Un.', [{ start: 0, end: 3 }], ''],
  ])('%s', (_, text, ranges, expected) => {
    expect(cutRanges(text, ranges)).toBe(expected)
  })
})
