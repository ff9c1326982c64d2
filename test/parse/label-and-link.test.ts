import { describe, expect, it } from 'vitest'
import { isLabelAndLink, NO_LINK, readLinkOrder } from '../../src/parse/label-and-link.js'

/** A line as its pieces of text: `[text, inLink]`, in order; whether it reads as a label beside a link. */
function labelled(pieces: ReadonlyArray<readonly [string, boolean]>): boolean {
  let order = NO_LINK
  for (const [text, inLink] of pieces) order = readLinkOrder(order, inLink, text)
  return isLabelAndLink(pieces.map(([text]) => text).join(''), order)
}

describe('label beside a link, or a sentence that links some of its words', () => {
  it('reads a label before or after its link as a label', () => {
    expect(labelled([['Lire aussi : ', false], ['Crue : les images de la Seine', true]])).toBe(true)
    expect(labelled([['Czytaj też: ', false], ['Powódź w Paryżu', true], ['.', false]])).toBe(true)
    expect(labelled([['Flood pictures from the quay', true], [' (video)', false]])).toBe(true)
    expect(labelled([['Imprimer', false], [' ', false], ['Imprimer cette page', true]])).toBe(true)
    expect(labelled([['Tags: ', false], ['floods', true], [', ', false], ['weather', true]])).toBe(true)
  })

  it('reads words between two links, or words after a link that end like a sentence, as a sentence', () => {
    expect(labelled([['führt ein ', false], ['Dedo', true], [' und ', false], ['Dile que no', true]])).toBe(false)
    expect(labelled([['helm integration', true], [' (not in melpa?)', false]])).toBe(false)
    expect(labelled([['The water board', true], [' closed the quay.', false]])).toBe(false)
  })

  it('still reads a colon label over two links, and share buttons named between words, as a label', () => {
    expect(labelled([['Voir aussi : ', false], ['la crue de la Marne', true], [' et ', false], ['le barrage de l’Yonne', true]])).toBe(true)
    expect(labelled([['関連記事：', false], ['川の氾濫', true], ['と', false], ['避難所', true]])).toBe(true)
    expect(labelled([['Share on ', false], ['Facebook', true], [' or ', false], ['WhatsApp', true]])).toBe(true)
  })

  it.each([
    ['an ideographic space', '関連記事：\u3000'],
    ['a thin space', 'Lire aussi :\u2009'],
    ['a right-to-left mark', 'اقرأ أيضا:\u200F'],
  ])('reads a colon label followed by %s over two links as a label', (_, label) => {
    expect(labelled([[label, false], ['la crue', true], [' et ', false], ['le barrage', true]])).toBe(true)
  })

  it('forgets a colon followed by more words before the link', () => {
    expect(labelled([['Sources: ', false], ['the water board', true], [' and ', false], ['the town hall', true]])).toBe(true)
    expect(labelled([['Note: the ferry runs again, and ', false], ['the river', true], [' rose, then ', false], ['the quay', true], [' flooded', false]])).toBe(false)
  })
})
