import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { clean } from '../src/clean.js'
import { DedupeError } from '../src/errors.js'
import { toHtml } from '../src/output/to-html.js'
import { toMarkdown } from '../src/output/to-markdown.js'
import type { CleanResult, InputFormat } from '../src/types.js'

/**
 * clean() on adversarial text: runs of punctuation and white space of every class, markup
 * fragments (Markdown and HTML), combining marks, bidi controls, lone surrogates, NUL and
 * control characters, long runs of one character. Whatever comes in, clean() returns a result
 * whose invariants hold, or throws a DedupeError with a documented code for input it refuses.
 * No timing here: speed is measured by `npm run bench:hostile`.
 */
const PIECES = [
  '.', '?', '!', '…', '؟', '।', '。', '！', ',', ';', ':', '-', '—', '"', "'", '«', '»', '”', '(', ')', '[', ']', '{', '}',
  ' ', '\u00a0', '\u202f', '\u3000', '\t', '\n', '\n\n', '\r\n', '\r', '\u2028', '\u2029', '\u0085', '\u200b', '\u200d', '\ufeff', '\u00ad',
  '*', '**', '_', '`', '```', '~~', '#', '# ', '> ', '- ', '* ', '1. ', '    ', '[a](b)', '![i](x)', '<', '>', '&', '&amp;', '&#0;', '|',
  '<p>', '</p>', '<div>', '<b>', '<!--', '-->', '<script>', '</script>', '<br>', '<a href="x">', '<p class="a" id="b">',
  '\u0301', '\u0300\u0301\u0302', '\u202e', '\u202c', '\u2066', '\u2069', '\u200f', '\u061c',
  'Le chat dort.', 'Il pleut sur Paris depuis ce matin.', 'Москва', '中文段落。', 'ข่าว', 'العربية', 'https://evil.example/x', 'mail@evil.example',
  '\ud800', '\udc00', '\u0000', '\u0001', '\u0007',
]
const run = fc.tuple(fc.constantFrom(...PIECES), fc.integer({ min: 1, max: 300 })).map(([piece, times]) => piece.repeat(times))
const hostile = fc.array(fc.oneof(fc.constantFrom(...PIECES), run), { maxLength: 40 }).map((parts) => parts.join(''))
const format = fc.constantFrom<InputFormat | undefined>('text', 'html', 'markdown', undefined)

/** What clean() may throw on input (options are valid here): its documented input errors. */
const INPUT_ERRORS = new Set(['E_INVALID_INPUT', 'E_BINARY_INPUT'])

const SEED = process.env.PROPERTY_SEED ?? '20261201'
const RUNS = { numRuns: Number(process.env.PROPERTY_RUNS ?? 150), ...(SEED === 'random' ? {} : { seed: Number(SEED) }) }

function cleanOrRefuse(input: string, f: InputFormat | undefined): CleanResult | null {
  try {
    return clean(input, f === undefined ? {} : { format: f })
  } catch (error) {
    expect(error).toBeInstanceOf(DedupeError)
    expect(INPUT_ERRORS.has((error as DedupeError).code)).toBe(true)
    return null
  }
}

describe('clean() on adversarial text', () => {
  it('returns, or refuses the input with a documented DedupeError', () => {
    fc.assert(
      fc.property(hostile, format, (input, f) => {
        const result = cleanOrRefuse(input, f)
        // Refused only when the input is not well-formed text or looks binary.
        if (result === null) expect(!input.isWellFormed() || /[\u0000-\u0008\u000b\u000e-\u001f]/.test(input)).toBe(true)
      }),
      RUNS,
    )
  })

  it('gives paragraphs in order, inside the input, with verdicts naming kept earlier-or-later paragraphs', () => {
    fc.assert(
      fc.property(hostile, format, (input, f) => {
        const result = cleanOrRefuse(input, f)
        if (result === null) return
        let previousStart = 0
        result.paragraphs.forEach((p, index) => {
          expect(p.index).toBe(index)
          expect(p.text).not.toBe('')
          expect(p.text).toBe(p.text.trim())
          expect(0 <= p.start && p.start <= p.end && p.end <= input.length).toBe(true)
          expect(p.start).toBeGreaterThanOrEqual(previousStart)
          previousStart = p.start
          if (p.duplicate !== null) {
            expect(p.duplicate.of).not.toBe(index)
            expect(result.paragraphs[p.duplicate.of]?.duplicate).toBeNull()
          }
          for (const s of p.repeatedSentences) expect(0 <= s.start && s.start < s.end && s.end <= p.text.length).toBe(true)
        })
        const kept = result.paragraphs.filter((p) => p.duplicate === null)
        if (kept.every((p) => p.repeatedSentences.length === 0)) expect(result.text).toBe(kept.map((p) => p.text).join('\n\n'))
        expect(result.warnings === undefined || result.warnings.length > 0).toBe(true)
        expect(JSON.parse(JSON.stringify(result))).toEqual(result)
      }),
      RUNS,
    )
  })

  it('renders HTML and Markdown that hold no markup of their own but the paragraphs', () => {
    fc.assert(
      fc.property(hostile, (input) => {
        const result = cleanOrRefuse(input, 'text')
        if (result === null) return
        const kept = result.paragraphs.filter((p) => p.duplicate === null).length
        const html = toHtml(result)
        expect((html.match(/<p[\s>]/g) ?? []).length).toBe(kept)
        expect(html).not.toMatch(/<(?!\/?(?:p|article|html|head|body|meta|title|main)\b|!doctype)/i)
        const markdown = toMarkdown(result)
        expect(markdown === '' ? 0 : markdown.trimEnd().split('\n\n').length).toBe(kept)
      }),
      RUNS,
    )
  })
})
