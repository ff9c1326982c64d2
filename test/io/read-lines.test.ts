import { describe, expect, it } from 'vitest'
import { readLines, type Line } from '../../src/io/read-lines.js'
import { DedupeError } from '../../src/errors.js'

async function collect(chunks: ReadonlyArray<string | Uint8Array>): Promise<Line[]> {
  async function* source() {
    for (const chunk of chunks) yield chunk
  }
  const lines: Line[] = []
  for await (const line of readLines(source())) lines.push(line)
  return lines
}

/** Lines as `[number, text]`, or `[number, error code]` for undecodable ones. */
const simple = (lines: Line[]) => lines.map((l) => ('error' in l ? [l.number, l.error.code] : [l.number, l.text]))

const bytes = (text: string) => Buffer.from(text, 'utf8')

describe('readLines', () => {
  it.each<[string, Array<string | Uint8Array>, Array<[number, string]>]>([
    ['LF endings', [bytes('un\ndeux\n')], [[1, 'un'], [2, 'deux']]],
    ['CRLF endings (the CR is dropped)', [bytes('un\r\ndeux\r\n')], [[1, 'un'], [2, 'deux']]],
    ['a final line without newline', [bytes('un\ndeux')], [[1, 'un'], [2, 'deux']]],
    ['empty lines are numbered and kept', [bytes('\nun\n\n')], [[1, ''], [2, 'un'], [3, '']]],
    ['a line split across chunks', [bytes('prem'), bytes('ier\ndeu'), bytes('xième\n')], [[1, 'premier'], [2, 'deuxième']]],
    ['a CRLF split between chunks', [bytes('un\r'), bytes('\ndeux')], [[1, 'un'], [2, 'deux']]],
    ['a chunk holding many lines', [bytes('a\nb\nc\nd')], [[1, 'a'], [2, 'b'], [3, 'c'], [4, 'd']]],
    ['string chunks', ['été\n', 'hiver'], [[1, 'été'], [2, 'hiver']]],
    ['a leading byte order mark is dropped', [Buffer.from([0xef, 0xbb, 0xbf]), bytes('{"id":1}\n')], [[1, '{"id":1}']]],
    ['no input', [], []],
    ['a lone CR is not a line break', [bytes('a\rb\n')], [[1, 'a\rb']]],
  ])('%s', async (_, chunks, expected) => {
    expect(simple(await collect(chunks))).toEqual(expected)
  })

  it('decodes a multi-byte character split across chunks', async () => {
    const whole = bytes('Hôtel 東京 😀\nfin\n')
    // Cut inside "ô" (2 bytes), inside "東" (3 bytes) and inside the emoji (4 bytes).
    const cuts = [2, 8, 16, whole.length]
    const chunks: Uint8Array[] = []
    let at = 0
    for (const cut of cuts) {
      chunks.push(whole.subarray(at, cut))
      at = cut
    }
    expect(simple(await collect(chunks))).toEqual([
      [1, 'Hôtel 東京 😀'],
      [2, 'fin'],
    ])
  })

  it('decodes a line split into one-byte chunks', async () => {
    const whole = bytes('Привет, мир\n中文\n')
    expect(simple(await collect([...whole].map((b) => Uint8Array.of(b))))).toEqual([
      [1, 'Привет, мир'],
      [2, '中文'],
    ])
  })

  it('turns a line with invalid UTF-8 into an error for that line only', async () => {
    const lines = await collect([bytes('avant\n'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]), bytes('après\n'), Buffer.from([0xc3]), bytes('\n')])
    expect(simple(lines)).toEqual([
      [1, 'avant'],
      [2, 'E_INVALID_UTF8'],
      [3, 'après'],
      [4, 'E_INVALID_UTF8'],
    ])
    const error = (lines[1] as { error: DedupeError }).error
    expect(error).toBeInstanceOf(DedupeError)
    expect(error.message).toContain('Line 2')
  })

  it('turns a truncated character at the end of the stream into an error', async () => {
    expect(simple(await collect([bytes('ok\n'), Buffer.from([0x61, 0xe6, 0x9d])]))).toEqual([
      [1, 'ok'],
      [2, 'E_INVALID_UTF8'],
    ])
  })

  it('rejects encoded surrogates and overlong forms', async () => {
    const lines = await collect([Buffer.from([0xed, 0xa0, 0x80, 0x0a, 0xc0, 0xaf, 0x0a])])
    expect(simple(lines)).toEqual([
      [1, 'E_INVALID_UTF8'],
      [2, 'E_INVALID_UTF8'],
    ])
  })

  it('does not hold earlier lines: a long stream of lines goes through in order', async () => {
    const chunks = Array.from({ length: 2000 }, (_, k) => bytes(`ligne ${k}\n`))
    const lines = await collect(chunks)
    expect(lines).toHaveLength(2000)
    expect(simple(lines)[1999]).toEqual([2000, 'ligne 1999'])
  })
})
