import { normalizeText } from '../text/normalize-text.js'

/** Where an article was delivered: what tells two deliveries of one text apart. */
export interface ContentOrigin {
  /** The article's `url`, as given. */
  url?: string | null
  /** Its site (see `siteOf`). */
  site?: string | null
}

/**
 * A stable id for an article that came without one: `murmur3-` and the first 24 hex digits
 * (96 bits) of the 128-bit MurmurHash3 (x86_128, seed 0) of the UTF-8 bytes of its normalized
 * paragraphs joined by newlines, preceded, when the article has a url or a site, by the JSON
 * array `[url, site]` and a newline. So the same text delivered at two urls (or on two sites)
 * gets two ids and is judged as two articles (the second one a copy), while the same text
 * re-delivered from the same place, or with neither url nor site, gets the same id whatever its
 * markup, and is recognised. Pure JavaScript (no `node:crypto`): the same id in Node and in a
 * browser. Not cryptographic: ids are not meant to resist a forger.
 *
 * @param paragraphs The article's paragraph texts, in order.
 * @param origin Its url and site, when known.
 */
export function contentId(paragraphs: readonly string[], origin: ContentOrigin = {}): string {
  const url = origin.url ?? null
  const site = origin.site ?? null
  const normalized = paragraphs.map(normalizeText).join('\n')
  const keyed = url === null && site === null ? normalized : JSON.stringify([url, site]) + '\n' + normalized
  return 'murmur3-' + murmur3x86128Hex(new TextEncoder().encode(keyed)).slice(0, 24)
}

const C1 = 0x239b961b
const C2 = 0xab0e9789
const C3 = 0x38b34ae5
const C4 = 0xa1e38b93

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r))
}

function fmix(h: number): number {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

function word(bytes: Uint8Array, at: number): number {
  return (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0
}

/**
 * MurmurHash3 x86_128 (Austin Appleby's reference algorithm) of `bytes`, as 32 hex digits in
 * the reference byte order (h1…h4, each big-endian hex).
 * @param bytes Any bytes.
 * @param seed A 32-bit seed. @default 0
 */
export function murmur3x86128Hex(bytes: Uint8Array, seed = 0): string {
  const length = bytes.length
  const blocks = length - (length % 16)
  let h1 = seed >>> 0
  let h2 = h1
  let h3 = h1
  let h4 = h1
  for (let i = 0; i < blocks; i += 16) {
    let k1 = word(bytes, i)
    let k2 = word(bytes, i + 4)
    let k3 = word(bytes, i + 8)
    let k4 = word(bytes, i + 12)
    k1 = Math.imul(rotl(Math.imul(k1, C1), 15), C2)
    h1 ^= k1
    h1 = rotl(h1, 19) + h2
    h1 = (Math.imul(h1, 5) + 0x561ccd1b) | 0
    k2 = Math.imul(rotl(Math.imul(k2, C2), 16), C3)
    h2 ^= k2
    h2 = rotl(h2, 17) + h3
    h2 = (Math.imul(h2, 5) + 0x0bcaa747) | 0
    k3 = Math.imul(rotl(Math.imul(k3, C3), 17), C4)
    h3 ^= k3
    h3 = rotl(h3, 15) + h4
    h3 = (Math.imul(h3, 5) + 0x96cd1c35) | 0
    k4 = Math.imul(rotl(Math.imul(k4, C4), 18), C1)
    h4 ^= k4
    h4 = rotl(h4, 13) + h1
    h4 = (Math.imul(h4, 5) + 0x32ac3b17) | 0
  }
  let k1 = 0
  let k2 = 0
  let k3 = 0
  let k4 = 0
  const tail = length - blocks
  const at = (n: number): number => bytes[blocks + n]!
  /* eslint-disable no-fallthrough */
  switch (tail) {
    case 15: k4 ^= at(14) << 16
    case 14: k4 ^= at(13) << 8
    case 13:
      k4 ^= at(12)
      k4 = Math.imul(rotl(Math.imul(k4, C4), 18), C1)
      h4 ^= k4
    case 12: k3 ^= at(11) << 24
    case 11: k3 ^= at(10) << 16
    case 10: k3 ^= at(9) << 8
    case 9:
      k3 ^= at(8)
      k3 = Math.imul(rotl(Math.imul(k3, C3), 17), C4)
      h3 ^= k3
    case 8: k2 ^= at(7) << 24
    case 7: k2 ^= at(6) << 16
    case 6: k2 ^= at(5) << 8
    case 5:
      k2 ^= at(4)
      k2 = Math.imul(rotl(Math.imul(k2, C2), 16), C3)
      h2 ^= k2
    case 4: k1 ^= at(3) << 24
    case 3: k1 ^= at(2) << 16
    case 2: k1 ^= at(1) << 8
    case 1:
      k1 ^= at(0)
      k1 = Math.imul(rotl(Math.imul(k1, C1), 15), C2)
      h1 ^= k1
  }
  h1 ^= length
  h2 ^= length
  h3 ^= length
  h4 ^= length
  h1 = (h1 + h2 + h3 + h4) | 0
  h2 = (h2 + h1) | 0
  h3 = (h3 + h1) | 0
  h4 = (h4 + h1) | 0
  h1 = fmix(h1)
  h2 = fmix(h2)
  h3 = fmix(h3)
  h4 = fmix(h4)
  h1 = (h1 + h2 + h3 + h4) | 0
  h2 = (h2 + h1) | 0
  h3 = (h3 + h1) | 0
  h4 = (h4 + h1) | 0
  return [h1, h2, h3, h4].map((h) => (h >>> 0).toString(16).padStart(8, '0')).join('')
}
