import { CDATA_CLOSE, CDATA_OPEN, findCloseTag, hasNameAt, SPACE_END_OR_SLASH } from './xml-tags.js'

/** Characters kept between chunks: enough for an end tag (`</entry  >`), a `<![CDATA[` or an `<entry ` cut in two. */
const TAIL = 64
/** The tags that start an item (lower case), as the reader finds them. */
const ITEM_STARTS = ['item', 'entry'] as const

/**
 * What {@link ItemEnd.feed} found: the item's end tag (`[start, end)` in all the text fed), `null`
 * while it has not come, or `'plain'`: the item is to be read without its CDATA sections.
 */
export type ItemEndFound = [number, number] | null | 'plain'

/**
 * Where an `<item>`/`<entry>` ends, in text read chunk by chunk: at its first end tag outside
 * CDATA sections. The HTML of a body is often sent as CDATA, and an end tag in it (an article
 * about feeds, a code sample) is text: the item goes on.
 *
 * Items do not nest: an item start tag, in a section or out of one, before the item's end means
 * the item is broken (a `<![CDATA[` that its `]]>` never follows, an end tag left out), and it is
 * read plainly, as a reader that knows no CDATA reads it: to its first end tag. So one item's
 * reading never runs into the next item, and a broken item costs its own text only.
 *
 * Each character is read a bounded number of times, however the text is cut: only what was not
 * read yet is searched (and the last few characters, for a tag cut by a chunk boundary), and the
 * next end tag found is searched again only when it fell inside a CDATA section.
 */
export class ItemEnd {
  /** Whether CDATA sections are not looked for (the item is read plainly). */
  readonly plain: boolean
  private readonly name: string
  /** Whether the text read ends inside a CDATA section. */
  private inCdata = false
  /** Text fed but not read to its end yet, and its offset in all the text fed. */
  private kept = ''
  private keptAt = 0

  /**
   * @param name The item's tag name.
   * @param plain Read the item plainly: its first end tag ends it, in a CDATA section or not.
   */
  constructor(name: string, plain = false) {
    this.name = name
    this.plain = plain
  }

  /**
   * Reads the next piece of text (after all that was fed before), from `from` in it for the first
   * piece.
   */
  feed(piece: string, from = 0): ItemEndFound {
    const window = this.kept + piece
    const base = this.keptAt
    let at = this.kept === '' ? from : 0
    if (this.plain) {
      const close = findCloseTag(window, this.name, at, true)
      return close === null ? this.keep(window, base, Math.max(at, window.length - TAIL)) : [base + close[0], base + close[1]]
    }
    /** The first end tag at or after `at`, once searched (`undefined`: not yet). */
    let close: [number, number] | null | undefined
    for (;;) {
      if (this.inCdata) {
        const end = window.indexOf(CDATA_CLOSE, at)
        if (hasItemStart(window, at, end === -1 ? window.length : end)) return 'plain'
        if (end === -1) return this.keep(window, base, Math.max(at, window.length - TAIL))
        this.inCdata = false
        at = end + CDATA_CLOSE.length
        continue
      }
      if (close === undefined || (close !== null && close[0] < at)) close = findCloseTag(window, this.name, at, true)
      const before = close === null ? window.length : close[0]
      // Searched up to the end tag only: the text after it (the next items) is not read.
      const cdata = (before === window.length ? window : window.slice(0, before)).indexOf(CDATA_OPEN, at)
      if (hasItemStart(window, at, cdata === -1 ? before : cdata)) return 'plain'
      if (cdata === -1) return close === null ? this.keep(window, base, Math.max(at, window.length - TAIL)) : [base + close[0], base + close[1]]
      this.inCdata = true
      at = cdata + CDATA_OPEN.length
    }
  }

  /** Keeps `window` from `at` for the next piece. */
  private keep(window: string, base: number, at: number): null {
    this.kept = window.slice(at)
    this.keptAt = base + at
    return null
  }
}

/** Whether an item start tag (`<item`, `<entry` and a space, `>` or `/`) begins in `[from, to)` of `text`. */
function hasItemStart(text: string, from: number, to: number): boolean {
  for (let at = text.indexOf('<', from); at !== -1 && at < to; at = text.indexOf('<', at + 1)) {
    for (const name of ITEM_STARTS) if (hasNameAt(text, at + 1, name) && SPACE_END_OR_SLASH(text.charAt(at + 1 + name.length))) return true
  }
  return false
}
