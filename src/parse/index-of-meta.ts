/**
 * Where a page's `<meta` elements start, found without the charset libraries: the `<meta>`
 * prescan (`sniff-html-charset.ts`, html-encoding-sniffer) can only find an encoding in a page
 * that has one, so a page without `<meta` in its first {@link META_WINDOW} bytes is decoded
 * without loading it (the CLI's start-up on a page, see `load-parsers.ts`).
 *
 * @module
 */

/**
 * How far into a page a `<meta charset>` is still honoured. A browser that meets one after the
 * first 1024 bytes while parsing re-decodes the page with it ("change the encoding"); scraped
 * pages often carry long scripts and styles before it. 64 KiB covers the `<head>` of real pages.
 */
export const META_WINDOW = 65_536

/** Offset of the next `<meta` (ASCII case-insensitive) at or after `from`, before `end`; -1 when none. */
export function indexOfMeta(bytes: Uint8Array, from: number, end: number): number {
  for (let k = Math.max(0, from); k + 5 <= end; k++) {
    if (bytes[k] !== 0x3c) continue
    if ((bytes[k + 1]! | 0x20) === 0x6d && (bytes[k + 2]! | 0x20) === 0x65 && (bytes[k + 3]! | 0x20) === 0x74 && (bytes[k + 4]! | 0x20) === 0x61) return k
  }
  return -1
}

/**
 * Whether the bytes have a `<meta` where the prescan reads (its first 1024 bytes, then late ones
 * up to {@link META_WINDOW}): without one, the prescan finds nothing.
 */
export function hasMeta(bytes: Uint8Array): boolean {
  return indexOfMeta(bytes, 0, Math.min(bytes.length, META_WINDOW)) !== -1
}
