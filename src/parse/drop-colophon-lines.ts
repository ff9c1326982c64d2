/**
 * The colophon lines that close an article's container: a copyright or licence notice ("©
 * 2026 …", "Texte unter Creative Commons BY-ND", an image's "CC BY" credit), or the publisher's
 * address with its e-mail and telephone. The copyright sign, the licences' names and the shape of
 * an address and a telephone number are the same in every language. A story may quote a licence
 * or an address in its text, so only the article's last lines are read.
 *
 * @module
 */
import { type ArticleRule, dropTrailingLines } from './article-rule.js'
import { measureLength } from '../text/measure-length.js'
import { hasEmailAddress } from './text-addresses.js'

/** A colophon line is at most this long (Latin-equivalent characters); a longer paragraph is text. */
export const COLOPHON_MAX_LENGTH = 300

/** A copyright or licence notice: the sign, "(c) 2026", the word, a Creative Commons licence. */
const NOTICE = /©|\(c\)\s*\d{4}|\bcopyright\b|\bcreative\s+commons\b|\bCC[ -]BY\b|\bCC0\b/iu
/** A telephone number: digits in groups apart by spaces, hyphens or slashes ("0471 80 60 745", "+49 (0)30 1234-567"); dots make a date. */
const PHONE = /(?:\+\d{1,3}\s?)?(?:\(\d+\)\s?)?\d[\d\s/-]{6,}\d/u
/** A date written with hyphens or slashes ("2026-03-12", "12/03/2026"), which the telephone pattern also matches. */
const DATE = /^(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/-]\d{1,2}[/-]\d{2,4})$/u

/** Drops, from the end of the article, the lines that are a copyright or licence notice, or an address with an e-mail and a telephone number; the first block (the headline) is never the colophon. */
export const dropColophonLines: ArticleRule = (kept, view) => dropTrailingLines(kept, view, isColophonLine, 1)

/** Whether a line is a copyright or licence notice, or an e-mail address with a telephone number, and short. */
export function isColophonLine(text: string): boolean {
  if (measureLength(text) > COLOPHON_MAX_LENGTH) return false
  if (NOTICE.test(text)) return true
  if (!hasEmailAddress(text)) return false
  const phone = PHONE.exec(text)?.[0].trim() ?? ''
  return digitsIn(phone) >= PHONE_DIGITS && !DATE.test(phone)
}

/** A telephone number has this many digits or more (a date or a postcode has fewer). */
const PHONE_DIGITS = 8
const digitsIn = (text: string): number => text.replace(/\D/g, '').length
