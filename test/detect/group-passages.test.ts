import { describe, expect, it } from 'vitest'
import { groupPassages } from '../../src/detect/group-passages.js'
import type { Duplicate, Passage } from '../../src/types.js'

const exact = (of: number): Duplicate => ({ kind: 'exact', of, similarity: 1 })
const near = (of: number): Duplicate => ({ kind: 'near', of, similarity: 0.9 })
const contained = (of: number): Duplicate => ({ kind: 'contained', of, similarity: 0.95 })

describe('groupPassages', () => {
  it.each<[string, Array<Duplicate | null>, Passage[]]>([
    ['no paragraphs', [], []],
    ['nothing flagged', [null, null, null], []],
    ['one flagged paragraph', [null, null, exact(0)], [{ kind: 'exact', paragraphs: [2, 2], of: [0, 0] }]],
    [
      'the reference article: 4–6 repeat 1–3',
      [null, null, null, null, exact(1), exact(2), exact(3)],
      [{ kind: 'exact', paragraphs: [4, 6], of: [1, 3] }],
    ],
    [
      'consecutive paragraphs repeating non-consecutive ones: two passages',
      [null, null, null, exact(0), exact(2)],
      [
        { kind: 'exact', paragraphs: [3, 3], of: [0, 0] },
        { kind: 'exact', paragraphs: [4, 4], of: [2, 2] },
      ],
    ],
    [
      'repeats in reverse order: two passages',
      [null, null, exact(1), exact(0)],
      [
        { kind: 'exact', paragraphs: [2, 2], of: [1, 1] },
        { kind: 'exact', paragraphs: [3, 3], of: [0, 0] },
      ],
    ],
    [
      'the same paragraph repeated twice in a row: two passages',
      [null, exact(0), exact(0)],
      [
        { kind: 'exact', paragraphs: [1, 1], of: [0, 0] },
        { kind: 'exact', paragraphs: [2, 2], of: [0, 0] },
      ],
    ],
    [
      'a kept paragraph between two repeats: two passages',
      [null, null, exact(0), null, exact(1)],
      [
        { kind: 'exact', paragraphs: [2, 2], of: [0, 0] },
        { kind: 'exact', paragraphs: [4, 4], of: [1, 1] },
      ],
    ],
    ['kinds that agree keep their kind', [null, null, contained(0), contained(1)], [{ kind: 'contained', paragraphs: [2, 3], of: [0, 1] }]],
    ['mixed kinds become near', [null, null, null, exact(0), contained(1), exact(2)], [{ kind: 'near', paragraphs: [3, 5], of: [0, 2] }]],
    ['near and exact become near', [null, null, near(0), exact(1)], [{ kind: 'near', paragraphs: [2, 3], of: [0, 1] }]],
    [
      'a teaser before the paragraph it gives way to',
      [contained(2), null, null],
      [{ kind: 'contained', paragraphs: [0, 0], of: [2, 2] }],
    ],
  ])('%s', (_, duplicates, expected) => {
    expect(groupPassages(duplicates)).toEqual(expected)
  })

  it('does not change the verdicts it is given', () => {
    const duplicates = [null, null, exact(0), exact(1)]
    const copy = structuredClone(duplicates)
    groupPassages(duplicates)
    expect(duplicates).toEqual(copy)
  })
})
