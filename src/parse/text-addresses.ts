/**
 * Addresses written out as text, a web address (`https://…`, `www.…`) or an e-mail address, as
 * the extraction rules read them: a line or a list that shows addresses cites sources or gives
 * a contact, where a link behind words is navigation; a colophon gives the publisher's e-mail.
 *
 * @module
 */

const WEB = String.raw`(?:https?:\/\/|www\.)\S+`
// The local part starts where a run of its characters starts (after white space, an `@` or the
// start): any address found from inside a run is found from its start too, so `test` answers
// the same, and a long run without an address is tried once, not once from each of its
// characters (that was quadratic: 200 KB of one took seconds).
const EMAIL = String.raw`(?<![^\s@])[^\s@]+@[^\s@]+\.\p{L}{2,}`

const EMAIL_IN = new RegExp(EMAIL, 'u')
const ADDRESS_IN = new RegExp(`${WEB}|${EMAIL}`, 'u')
const ADDRESS_ALONE = new RegExp(`^(?:${WEB}|${EMAIL})$`, 'u')

/**
 * Whether `text` holds an e-mail address.
 * @example hasEmailAddress('Redaktion: redaktion@example.org, Tel. 030 1234 5678') // true
 */
export const hasEmailAddress = (text: string): boolean => EMAIL_IN.test(text)

/**
 * Whether `text` holds a web or an e-mail address.
 * @example hasAddress('Quelle: www.example.org/bericht') // true
 */
export const hasAddress = (text: string): boolean => ADDRESS_IN.test(text)

/**
 * Whether `text` is one web or e-mail address and nothing else (a word of a line, a line).
 * @example isAddress('https://example.org/report') // true
 * @example isAddress('see https://example.org') // false
 */
export const isAddress = (text: string): boolean => ADDRESS_ALONE.test(text)
