import { describe, expect, it } from 'vitest'
import { endsLikeSentence } from '../../src/parse/ends-like-sentence.js'

describe('endsLikeSentence', () => {
  it('reads terminal punctuation of many scripts, with closing quotes and brackets after it', () => {
    for (const line of [
      'The mayor visited the quay at noon.',
      'Who pays for the sandbags?',
      '“We will stay,” she said.”',
      'Le maire a visité le quai. »',
      'Le maire a visité le quai.\u202F»',
      '(See the map.)',
      'هل ستفتح المدارس غدا؟',
      'नदी का जलस्तर बढ़ गया।',
      'ወንዙ ሞልቷል።',
      '河水涨了两米。',
      '「川が氾濫した。」',
      'And then…',
    ]) expect(endsLikeSentence(line), line).toBe(true)
  })

  it.each([
    ['German low-high quotes', '„Wir bleiben.“'],
    ['German single quotes', '‚Wir bleiben.‘'],
    ['German guillemets', '»Wir bleiben.«'],
    ['German single guillemets', '›Wir bleiben.‹'],
    ['French single guillemets after a space', '‹ Nous restons. ›'],
    ['the Urdu full stop', 'بارش ہوئی۔'],
    ['the Devanagari double danda', 'नदी बढ़ी॥'],
    ['a right-to-left mark after the stop', 'ماذا حدث؟\u200F'],
    ['a left-to-right mark after the stop', 'Il pleut.\u200E'],
  ])('reads a line that ends with %s as a sentence', (_, line) => {
    expect(endsLikeSentence(line)).toBe(true)
  })

  it('does not read a title, a label, a name or a date as a sentence', () => {
    for (const line of ['Read more: The river at its highest', 'Czytaj też:', 'Anna Nowak', '12 March 2026', 'Photo: J. Smith', 'ŹRÓDŁO', '河水涨了两米', '«Le fleuve»']) {
      expect(endsLikeSentence(line), line).toBe(false)
    }
  })
})
