/**
 * The attribute list an element of `buildHast`'s tree was parsed with, for readers that need one
 * or two attributes and would otherwise make the element build all of its hast `properties`
 * (which it does on first read: see `build-hast.ts`). No parse5 here: `html-elements.ts`, which
 * the rehype plugin shares, reads it.
 *
 * @module
 */

/** One parsed attribute, as parse5 gives it (`prefix` only inside foreign content: `xlink:href`). */
export interface ParsedAttribute {
  name: string
  value: string
  prefix?: string
}

/** Where an element keeps its parsed attributes while its `properties` have not been read or set. */
export const UNREAD_ATTRIBUTES: unique symbol = Symbol('unread attributes')

/**
 * The attributes `element` was parsed with, while its hast `properties` are still made from them
 * alone (never read, never set); `null` for any other element (a tree of another parser, or
 * properties someone may have changed): read `properties` then.
 */
export function unreadAttributes(element: object): readonly ParsedAttribute[] | null {
  return (element as { [UNREAD_ATTRIBUTES]?: readonly ParsedAttribute[] | null })[UNREAD_ATTRIBUTES] ?? null
}
