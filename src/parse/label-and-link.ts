/**
 * A line that is mostly link text is either a label beside a link ("Lire aussi : …", "Czytaj
 * też: …", "Read more: …", "… (video)"), which is navigation, or a sentence that links some of
 * its words, which is text. The difference is where the line's own words stand against its
 * links, read in order (its {@link LinkOrder}):
 *
 * - a label stands before the link, or after it without ending like a sentence;
 * - words between two links are a sentence that links some of its words ("führt ein <a>Dedo</a>
 *   und <a>Dile que no</a>"), as wikis, glossaries and how-tos write, unless the words before
 *   the first link end with a colon (a label: "Voir aussi : <a>…</a> et <a>…</a>") or the line
 *   names social networks (share buttons: "Share on <a>Facebook</a> or <a>X</a>");
 * - words after a link that end like a sentence are a sentence whose subject is the link
 *   ("<a>helm integration</a> (not in melpa?)", "<a>The water board</a> closed the quay.").
 *
 * @module
 */
import { isFollowLine } from './drop-follow-lines.js'
import { endsLikeSentence } from './ends-like-sentence.js'
import { isSpace } from '../text/is-space.js'

/**
 * Where a line's own words stand against its links, as its text has been read so far: one of
 * {@link NO_LINK}, `AFTER_LINK`, `WORDS_AFTER_LINK`, `WORDS_BETWEEN_LINKS`, with the
 * `LABELLED` bit when its own text before the first link ends with a colon. Start from
 * {@link NO_LINK} and fold each piece of text in with {@link readLinkOrder}.
 */
export type LinkOrder = number

/** A line's order before any of its text is read. */
export const NO_LINK: LinkOrder = 0
const AFTER_LINK = 1
const WORDS_AFTER_LINK = 2
const WORDS_BETWEEN_LINKS = 3
const POSITION = 3
const LABELLED = 4

/** A letter or a digit: text outside links with one holds words of the line's own, not punctuation between links. */
const WORD = /[\p{L}\p{N}]/u
const BLANK = /^\s*$/u

/** Bidirectional marks (LRM, RLM, the Arabic letter mark): a right-to-left page writes them after its punctuation. */
const isBidiMark = (c: number): boolean => c === 0x200e || c === 0x200f || c === 0x061c

/** Whether own text ends with a colon (any white space or bidirectional mark after it allowed): before a link, it labels it ("Lire aussi :", "Czytaj też:", "関連記事："). A scan back from the end, not a regular expression anchored at it, which would be tried from every position of a long paragraph. */
function endsWithColon(text: string): boolean {
  for (let k = text.length - 1; k >= 0; k--) {
    const c = text.charCodeAt(k)
    if (c === 0x3a || c === 0xff1a) return true
    if (!isSpace(c) && !isBidiMark(c)) return false
  }
  return false
}

/**
 * The order after one more piece of the line's text (a text node), inside a link or not.
 * @param order The order so far.
 * @param inLink Whether the piece is link (or button) text.
 * @param text The piece of text.
 * @returns The order with the piece read: where the line's own words now stand against its
 *   links, and whether a colon labels them.
 */
export function readLinkOrder(order: LinkOrder, inLink: boolean, text: string): LinkOrder {
  const position = order & POSITION
  const label = order & LABELLED
  if (inLink) {
    if (position === WORDS_AFTER_LINK || position === WORDS_BETWEEN_LINKS) return WORDS_BETWEEN_LINKS | label
    return BLANK.test(text) ? order : AFTER_LINK | label
  }
  if (position === NO_LINK) return endsWithColon(text) ? LABELLED : WORD.test(text) ? NO_LINK : order
  return position === AFTER_LINK && WORD.test(text) ? WORDS_AFTER_LINK | label : order
}

/**
 * Whether a line mostly of link text, whose words stand in `order` against its links, is a
 * label beside its link rather than a sentence (see the module documentation).
 * @param text The line's text.
 * @param order Its {@link LinkOrder}, all its text read.
 * @returns `true` for a label beside its link (navigation), `false` for a sentence that links
 *   some of its words.
 */
export function isLabelAndLink(text: string, order: LinkOrder): boolean {
  if ((order & LABELLED) !== 0) return true
  const position = order & POSITION
  if (position === WORDS_BETWEEN_LINKS) return isFollowLine(text)
  return position !== WORDS_AFTER_LINK || !endsLikeSentence(text)
}
