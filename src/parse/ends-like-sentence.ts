/**
 * Whether a line of a page ends like a sentence, the test the extraction rules share: a caption
 * or an item that ends so says something, where a title, a name, a label or a date does not.
 *
 * The terminal marks are those `splitSentences` ends a sentence at (`src/text/split-sentences.ts`):
 * . ! ? … and the Arabic question mark ؟, the Urdu full stop ۔, the Devanagari danda । and double
 * danda ॥, the Ethiopic full stop ።, and the CJK 。！？; closing quotes and brackets may follow
 * (" ' ” ’ ) ] 」 』, German “ ‘ « ‹ as in „Wir bleiben.“ and »Wir bleiben.«, and » ›, which French
 * typography writes after a space: « Il a dit oui. »), and bidirectional marks (LRM, RLM, ALM)
 * that a right-to-left page writes after its punctuation.
 *
 * @module
 */

const SENTENCE_END = /[.!?…؟।॥።۔。！？](?:[\u00A0\u202F ]?[»›]|["'”’“‘«‹)\]」』\u200E\u200F\u061C])*$/u

/**
 * Whether `text` ends with terminal punctuation (see the module documentation).
 * @param text A line, trimmed.
 * @example endsLikeSentence('Le maire a visité le quai. »') // true
 * @example endsLikeSentence('Read more: The river at its highest') // false
 */
export function endsLikeSentence(text: string): boolean {
  return SENTENCE_END.test(text)
}
