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

  it('does not read a title, a label, a name or a date as a sentence', () => {
    for (const line of ['Read more: The river at its highest', 'Czytaj też:', 'Anna Nowak', '12 March 2026', 'Photo: J. Smith', 'ŹRÓDŁO', '河水涨了两米', '«Le fleuve»']) {
      expect(endsLikeSentence(line), line).toBe(false)
    }
  })
})
