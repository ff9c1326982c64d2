import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { countReplacements } from '../../src/parse/count-replacements.js'
import { createTextDecoder } from '../../src/parse/create-text-decoder.js'
import { textChunks } from '../../src/io/text-chunks.js'

async function* pieces(bytes: Uint8Array, cuts: readonly number[]): AsyncGenerator<Uint8Array> {
  let at = 0
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    yield bytes.subarray(at, cut)
    at = cut
  }
  yield bytes.subarray(at)
}

/** The text and the invalid-sequence count `textChunks` gives for `bytes` cut at `cuts`. */
async function decodeCut(bytes: Uint8Array, encoding: string, cuts: readonly number[]): Promise<{ text: string; invalid: number }> {
  let text = ''
  let invalid = 0
  for await (const chunk of textChunks(pieces(bytes, cuts), encoding, (count) => (invalid = count))) text += chunk
  return { text, invalid }
}

describe('textChunks: invalid bytes counted', () => {
  // Valid text holding U+FFFD itself, invalid sequences, and both side by side.
  const units = {
    'utf-8': [Buffer.from('a'), Buffer.from('é'), Buffer.from('\uFFFD'), Buffer.from([0xff]), Buffer.from([0xe2, 0x82]), Buffer.from('€')],
    'utf-16le': [Buffer.from('a', 'utf16le'), Buffer.from('\uFFFD', 'utf16le'), Buffer.from([0x00, 0xdc]), Buffer.from('€', 'utf16le')],
  }
  for (const [encoding, list] of Object.entries(units)) {
    it(`${encoding}: the same text and the same count however the bytes are cut (a U+FFFD in the text cut in two is no error)`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.constantFrom(...list), { minLength: 1, maxLength: 12 }), fc.array(fc.nat(), { maxLength: 4 }), async (parts, rawCuts) => {
          const bytes = Buffer.concat(parts)
          const whole = createTextDecoder(encoding)!.decode(bytes)
          const expected = countReplacements(whole, bytes, encoding)
          const cuts = rawCuts.map((c) => c % (bytes.length + 1))
          expect(await decodeCut(bytes, encoding, cuts)).toEqual({ text: whole, invalid: expected })
        }),
        { numRuns: 300 },
      )
    })
  }

  it('counts no error for a U+FFFD written in the text, wherever a chunk ends inside its three bytes', async () => {
    const bytes = Buffer.from('Le caractère \uFFFD est du texte ici.')
    const at = bytes.indexOf(Buffer.from('\uFFFD'))
    for (const cut of [at, at + 1, at + 2, at + 3]) expect((await decodeCut(bytes, 'utf-8', [cut])).invalid).toBe(0)
    expect((await decodeCut(Buffer.concat([bytes, Buffer.from([0xc3])]), 'utf-8', [at + 1])).invalid).toBe(1)
  })
})
