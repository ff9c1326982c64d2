import { expect } from 'vitest'
import type { SourceBlock } from '../../src/types.js'

const INVISIBLE = /[\u00AD\u200B\u2060\uFEFF]/g

/**
 * Checks every block of `blocks` against `input`: a non-empty range inside the input, in input
 * order without overlap, whose source holds the first word of the block's text (at most its
 * first 3 letters/digits, so a CJK run cut by a line break still matches). `render` turns the
 * source into text first (markup formats: tags, entities).
 */
export function expectOffsets(input: string, blocks: readonly SourceBlock[], render: (source: string) => string = (s) => s): void {
  let previousEnd = 0
  for (const block of blocks) {
    expect(block.start).toBeGreaterThanOrEqual(previousEnd)
    expect(block.end).toBeGreaterThan(block.start)
    expect(block.end).toBeLessThanOrEqual(input.length)
    previousEnd = block.end
    const source = render(input.slice(block.start, block.end)).replace(INVISIBLE, '')
    const word = /[\p{L}\p{N}]+/u.exec(block.text)?.[0] ?? block.text.split(' ')[0]!
    expect(source).toContain([...word].slice(0, 3).join(''))
  }
}

/** The texts of `blocks`, after checking their offsets against `input`. */
export function textsOf(input: string, blocks: readonly SourceBlock[], render?: (source: string) => string): string[] {
  expectOffsets(input, blocks, render)
  return blocks.map((b) => b.text)
}
