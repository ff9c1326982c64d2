import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { result } from '../examples/clean-article.js'

describe('README example (examples/clean-article.ts)', () => {
  it('prints what the README says', () => {
    expect(result.language).toBe('fr')
    expect(result.paragraphs.map((p) => [p.language, p.duplicate])).toEqual([
      ['fr', null],
      ['en', null],
      ['fr', { kind: 'exact', of: 0, similarity: 1 }],
    ])
    expect(result.passages).toEqual([{ kind: 'exact', paragraphs: [2, 2], of: [0, 0] }])
    expect(result.text.split('\n\n')).toEqual([result.paragraphs[0]!.text, result.paragraphs[1]!.text])
  })

  it('is the code the README quotes', () => {
    const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8')
    const call = readFileSync(join(__dirname, '..', 'examples', 'clean-article.ts'), 'utf8').match(/clean\(\n[\s\S]*?\n\)/)![0]
    expect(readme).toContain(call.replace('export const result = ', ''))
  })
})
