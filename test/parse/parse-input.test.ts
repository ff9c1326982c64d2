import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { defaultOptions } from '../../src/options.js'
import { guessFormat, parseInput } from '../../src/parse/parse-input.js'
import type { InputFormat } from '../../src/types.js'
import { expectOffsets } from './offsets.js'

describe('guessFormat', () => {
  it.each([
    ['article.html', 'plain words', 'html'],
    ['page.HTM', '', 'html'],
    ['dir/notes.md', '<p>looks like html</p>', 'markdown'],
    ['notes.markdown', '', 'markdown'],
    ['article.txt', '<html><body>x</body></html>', 'text'],
    ['https://example.com/a.html?x=1', '', 'html'],
    [null, '<!DOCTYPE html><html></html>', 'html'],
    [null, '\uFEFF  \n<div>text</div>', 'html'],
    [null, 'Some text with a <p>paragraph</p> inside', 'html'],
    [null, 'Intro <div class="a">x</div>', 'html'],
    [null, 'Title\n<HTML lang="fr">', 'html'],
    [null, 'a < b and c > d, x <pizza>', 'text'],
    [null, '# Heading\n\nJust *text*.', 'text'],
    [null, '', 'text'],
    ['README', 'plain', 'text'],
    ['data.json', '<p>x</p>', 'html'],
  ] as const)('%s %j → %s', (name, text, expected) => {
    expect(guessFormat(name, text)).toBe(expected)
  })
})

describe('parseInput', () => {
  it.each([
    ['text', 'One.\n\nTwo.', ['One.', 'Two.']],
    ['html', '<p>One.</p><p>Two &amp; three.</p>', ['One.', 'Two & three.']],
    ['markdown', '# One\n\n*Two*.', ['One', 'Two.']],
  ] as const)('dispatches %s', (format, input, expected) => {
    const blocks = parseInput(input, format)
    expect(blocks.map((b) => b.text)).toEqual(expected)
  })

  it('passes text options through', () => {
    expect(parseInput('a b\nc d', 'text', { ...defaultOptions.split, lineBreaks: 'join' }).map((b) => b.text)).toEqual(['a b c d'])
    expect(parseInput('a b\nc d', 'text').map((b) => b.text)).toEqual(['a b', 'c d'])
  })

  it('rejects an unknown format', () => {
    expect(() => parseInput('x', 'pdf' as InputFormat)).toThrow(expect.objectContaining({ name: 'DedupeError', code: 'E_UNKNOWN_FORMAT' }))
  })

  it('reads the reference article as 7 paragraphs', () => {
    const path = new URL('../../fixtures/whatsapp-outage-fr.txt', import.meta.url)
    const input = readFileSync(path, 'utf8')
    const blocks = parseInput(input, guessFormat('whatsapp-outage-fr.txt', input))
    expect(blocks).toHaveLength(7)
    expectOffsets(input, blocks)
    expect(blocks[4]!.text).toBe(blocks[1]!.text)
  })
})
