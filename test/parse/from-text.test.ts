import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { defaultOptions } from '../../src/options.js'
import { cleanWhitespace, joinLines } from '../../src/parse/clean-whitespace.js'
import { parseText } from '../../src/parse/from-text.js'
import { expectOffsets, textsOf } from './offsets.js'

const reference = readFileSync(new URL('../../fixtures/whatsapp-outage-fr.txt', import.meta.url), 'utf8')
const referenceLines = reference.split('\n').filter((l) => l.trim() !== '')

/** Greedy word wrap at `width` columns (what `fmt`/editors do). */
function wrap(paragraph: string, width: number): string {
  const lines: string[] = []
  let line = ''
  for (const word of paragraph.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line)
      line = word
    } else {
      line = line === '' ? word : `${line} ${word}`
    }
  }
  lines.push(line)
  return lines.join('\n')
}

/** Wrap of a CJK paragraph every `n` characters. */
function wrapChars(paragraph: string, n: number): string {
  const lines: string[] = []
  for (let i = 0; i < paragraph.length; i += n) lines.push(paragraph.slice(i, i + n))
  return lines.join('\n')
}

const EN = [
  'The messaging application owned by Meta went down for more than an hour on Tuesday in dozens of countries around the world, including the United Kingdom, the Netherlands, Germany, Italy, Malaysia, Kenya and India.',
  'The outage affected both personal and group chats, and hundreds of millions of people could not use the application at all. Meta shares fell 0.7% to $128.85 in premarket trading.',
  'The company did not say what caused the outage.',
  'A two-hour outage is significant for Meta, but it is short compared with the five-hour problem the company ran into a year ago, when engineers pushed a faulty configuration.',
]

const ZH = [
  '总部位于美国的即时通讯应用周二在全球数十个国家发生大范围故障，持续一个多小时，包括英国、荷兰、德国、意大利和印度。',
  '此次故障同时影响了个人聊天和群组聊天，全球数亿用户无法正常使用该应用。',
  '公司没有透露故障的原因。分析人士认为，两个小时的故障对公司来说意义重大，但与一年前的五小时故障相比时间较短。',
]

describe('parseText: paragraph breaks', () => {
  it.each([
    ['blank line', 'First paragraph here.\n\nSecond one.', ['First paragraph here.', 'Second one.']],
    ['white-space-only line', 'Alpha one.\n \t \nBeta two.\n\n\n\nGamma three.', ['Alpha one.', 'Beta two.', 'Gamma three.']],
    ['zero-width-only line', 'Alpha one.\n\u200B\nBeta two.', ['Alpha one.', 'Beta two.']],
    ['CRLF blank line', 'Alpha one.\r\n\r\nBeta two.', ['Alpha one.', 'Beta two.']],
    ['CR blank line', 'Alpha one.\r\rBeta two.', ['Alpha one.', 'Beta two.']],
    ['U+2029 paragraph separator', 'Alpha one.\u2029Beta two.', ['Alpha one.', 'Beta two.']],
    ['form feed', 'Alpha one.\fBeta two.', ['Alpha one.', 'Beta two.']],
    ['short lines of a blank-line block are joined', 'Jean Dupont\nCorrespondant à Paris\n\nLe texte suit.', ['Jean Dupont Correspondant à Paris', 'Le texte suit.']],
    ['U+2028 inside a blank-line block is a line break (joined)', 'Jean Dupont\u2028à Paris\n\nLe texte suit.', ['Jean Dupont à Paris', 'Le texte suit.']],
    ['no blank line, short lines: one paragraph per line', 'Alpha line one.\nBeta line two.\nGamma line three.', ['Alpha line one.', 'Beta line two.', 'Gamma line three.']],
    ['no blank line with CRLF, CR and U+2028', 'Alpha line one.\r\nBeta line two.\rGamma line three.\u2028Delta four.', ['Alpha line one.', 'Beta line two.', 'Gamma line three.', 'Delta four.']],
    ['empty input', '', []],
    ['only white space', ' \n\t\r\n\u00A0\u200B\uFEFF ', []],
  ])('%s', (_name, input, expected) => {
    expect(textsOf(input, parseText(input))).toEqual(expected)
  })

  it('splits the reference article (no blank line, long lines) at every newline', () => {
    const excerpt = referenceLines.slice(0, 3).join('\n')
    expect(textsOf(excerpt, parseText(excerpt))).toEqual(referenceLines.slice(0, 3))
    const blocks = parseText(reference)
    expect(textsOf(reference, blocks)).toEqual(referenceLines)
    expect(blocks).toHaveLength(7)
    expect(reference.slice(blocks[1]!.start, blocks[1]!.end)).toBe(referenceLines[1])
  })

  it('splits long lines inside a blank-line block (title, blank line, one paragraph per line)', () => {
    const input = `WhatsApp en panne\n\n${referenceLines.slice(0, 4).join('\n')}\n`
    expect(textsOf(input, parseText(input))).toEqual(['WhatsApp en panne', ...referenceLines.slice(0, 4)])
  })
})

describe('parseText: hard-wrapped text', () => {
  it.each([72, 60, 78])('re-joins English wrapped at %i columns, paragraph ends from short lines', (width) => {
    const input = EN.map((p) => wrap(p, width)).join('\n')
    expect(input.split('\n').length).toBeGreaterThan(EN.length)
    expect(textsOf(input, parseText(input))).toEqual(EN)
  })

  it('keeps a short title line without punctuation apart', () => {
    const input = `Meta messaging outage\n${EN.map((p) => wrap(p, 72)).join('\n')}`
    expect(textsOf(input, parseText(input))).toEqual(['Meta messaging outage', ...EN])
  })

  it('joins the lines of each blank-line block of wrapped text', () => {
    const input = EN.map((p) => wrap(p, 66)).join('\n\n')
    expect(textsOf(input, parseText(input))).toEqual(EN)
  })

  it('handles a hand-written wrapped sample', () => {
    const input = [
      'The messaging app owned by Meta went down for more than an hour on',
      'Tuesday in dozens of countries around the world, including the United',
      'Kingdom, the Netherlands and Germany.',
      'The outage affected both personal chats and group chats, and hundreds of',
      'millions of people around the world could not use the app at all.',
      'Meta did not reveal the reason for the outage.',
    ].join('\n')
    expect(textsOf(input, parseText(input))).toEqual([
      'The messaging app owned by Meta went down for more than an hour on Tuesday in dozens of countries around the world, including the United Kingdom, the Netherlands and Germany.',
      'The outage affected both personal chats and group chats, and hundreds of millions of people around the world could not use the app at all.',
      'Meta did not reveal the reason for the outage.',
    ])
  })

  it('does not split a wrapped paragraph at a sentence that ends on a full line', () => {
    // Line 1 ends with a period but the next word did not fit on it.
    const input = [
      'Markets were calm on Monday after a week of heavy losses in Asia ended.',
      'Traders said the central bank would probably keep its rates unchanged',
      'until the summer, as inflation keeps slowing across the whole region.',
      'Oil prices rose slightly. Analysts expect the bank to publish new growth',
      'forecasts on Thursday, with a sharp cut for the second half of the year',
      'and a warning about exports to Europe and the United States of America.',
    ].join('\n')
    expect(textsOf(input, parseText(input))).toEqual([
      'Markets were calm on Monday after a week of heavy losses in Asia ended. Traders said the central bank would probably keep its rates unchanged until the summer, as inflation keeps slowing across the whole region. Oil prices rose slightly. Analysts expect the bank to publish new growth forecasts on Thursday, with a sharp cut for the second half of the year and a warning about exports to Europe and the United States of America.',
    ])
  })

  it.each([20, 24])('re-joins Chinese wrapped every %i characters without spaces', (n) => {
    const input = ZH.map((p) => wrapChars(p, n)).join('\n')
    expect(input.split('\n').length).toBeGreaterThan(ZH.length + 2)
    expect(textsOf(input, parseText(input))).toEqual(ZH)
  })

  it('re-joins Chinese in blank-line blocks without spaces and Chinese indentation marks paragraphs', () => {
    const blank = ZH.map((p) => wrapChars(p, 22)).join('\n\n')
    expect(textsOf(blank, parseText(blank))).toEqual(ZH)
    // Paragraphs marked by two ideographic spaces; the second ends on a full line.
    const indented = ['\u3000\u3000' + ZH[0]!, '\u3000\u3000' + ZH[1]!.slice(0, 34), '\u3000\u3000' + ZH[2]!]
      .map((p) => wrapChars(p, 18))
      .join('\n')
    expect(textsOf(indented, parseText(indented))).toEqual([ZH[0], ZH[1]!.slice(0, 34), ZH[2]])
  })

  it('joins a word-internal hyphen and a soft hyphen at a line end without a space', () => {
    const input = 'Le texte mentionne une politique anti-\ninflation et une co\u00AD\nopération très étroite\n\nFin.'
    expect(textsOf(input, parseText(input))).toEqual(['Le texte mentionne une politique anti-inflation et une coopération très étroite', 'Fin.'])
  })
})

describe('parseText: characters', () => {
  it.each([
    ['leading BOM ignored', '\uFEFFHello world.\n\nSecond.', ['Hello world.', 'Second.']],
    ['no-break spaces become spaces', 'Prix\u00A0: 10\u202F€ et\u00A0\u00A0plus', ['Prix : 10 € et plus']],
    ['tabs and runs of spaces folded', '  Alpha \t  beta   gamma  ', ['Alpha beta gamma']],
    ['ZWSP, word joiner and BOM dropped', 'zero\u200Bwidth\u2060joiner\uFEFFhere', ['zerowidthjoinerhere']],
    ['ZWNJ kept (Persian)', 'می\u200Cخواهم بروم', ['می\u200Cخواهم بروم']],
    ['ZWJ kept (emoji sequence)', 'Famille 👨\u200D👩\u200D👧 ici', ['Famille 👨\u200D👩\u200D👧 ici']],
    ['soft hyphen dropped', 'co\u00ADopé\u00ADration', ['coopération']],
    ['ideographic space folded', '東京\u3000\u3000大阪', ['東京 大阪']],
  ])('%s', (_name, input, expected) => {
    expect(textsOf(input, parseText(input))).toEqual(expected)
  })

  it('gives offsets into the original string (BOM, CRLF, NBSP kept in the source)', () => {
    const input = '\uFEFF  Alpha\u00A0one.\r\n\r\n\tBeta two.  \r\n'
    const blocks = parseText(input)
    expect(blocks).toEqual([
      { text: 'Alpha one.', start: 3, end: 13, heading: true },
      { text: 'Beta two.', start: 18, end: 27 },
    ])
    expect(input.slice(blocks[0]!.start, blocks[0]!.end)).toBe('Alpha\u00A0one.')
  })
})

describe('parseText: options', () => {
  const input = 'Alpha line one\nstill alpha.\n\nBeta line two.'
  it.each([
    ['paragraph', ['Alpha line one', 'still alpha.', 'Beta line two.']],
    ['join', ['Alpha line one still alpha.', 'Beta line two.']],
  ] as const)('lineBreaks: %s', (lineBreaks, expected) => {
    expect(textsOf(input, parseText(input, { ...defaultOptions.split, lineBreaks }))).toEqual(expected)
  })

  it('wrapWidth forces hard-wrap reading', () => {
    const text = 'Short line one.\nShort line two that goes on\nand ends here.'
    expect(textsOf(text, parseText(text))).toHaveLength(3)
    expect(textsOf(text, parseText(text, { ...defaultOptions.split, wrapWidth: 30 }))).toEqual(['Short line one.', 'Short line two that goes on and ends here.'])
  })
})

describe('parseText: large input', () => {
  it('splits 8 MB of one-paragraph-per-line text', () => {
    const line = 'Une phrase assez longue pour faire un paragraphe entier, avec des mots et des chiffres 123.'
    const input = `${line}\n`.repeat(90_000)
    const blocks = parseText(input)
    expect(blocks).toHaveLength(90_000)
    expect(blocks[89_999]).toEqual({ text: line, start: 89_999 * (line.length + 1), end: 90_000 * (line.length + 1) - 1 })
  })

  it('reads an 8 MB single line and 8 MB of blank lines', () => {
    const one = 'mot '.repeat(2_000_000)
    const blocks = parseText(one)
    expect(blocks).toHaveLength(1)
    expect(blocks[0]!.text.length).toBe(one.length - 1)
    expect(parseText('\n'.repeat(8_000_000))).toEqual([])
  })

  it('re-joins 5 MB of hard-wrapped text', () => {
    const article = EN.map((p) => wrap(p, 72)).join('\n')
    const input = Array.from({ length: 8000 }, () => article).join('\n\n')
    const blocks = parseText(input)
    expect(blocks).toHaveLength(8000 * EN.length)
    expectOffsets(input, blocks.slice(0, 50))
    expect(blocks.slice(-EN.length).map((b) => b.text)).toEqual(EN)
  })
})

// The line scan also stops at what cleaning changes (tabs, no-break spaces, controls, invisible
// characters), and a block of one line without any skips cleaning's own test for them: every
// block must still be the cleaning of its source range, whatever characters the lines hold.
describe('parseText: a block is the cleaning of its source', () => {
  it('on lines of mixed white space, controls and invisible characters', () => {
    const piece = fc.constantFrom('Le chat', 'dort.', ' ', '  ', '\t', '\u00a0', '\u202f', '\u3000', '\u200b', '\ufeff', '\u00ad', '\u0007', '\u0085', '\u2028',
      '\u2029', '\f', '\v', '\n', '\r\n', '\n\n', '\r', '中文', 'x'.repeat(120))
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }).map((parts) => parts.join('')), (input) => {
        for (const block of parseText(input)) {
          const raw = input.slice(block.start, block.end)
          const lines = raw.split(/\r\n|[\n\r\v\f\u0085\u2028\u2029]/).length
          expect(block.text).toBe(cleanWhitespace(lines > 1 ? joinLines(raw) : raw))
        }
      }),
      { seed: 20261202, numRuns: 3000 },
    )
  })
})
