/**
 * The rule that keeps headlines: a heading (`h1`–`h6`, a Markdown heading, the title line that
 * opens a plain-text article) is never removed as `contained` or `near` in favour of a longer
 * block (a lead or deck that repeats its words, a breadcrumb that ends with it). Only an exact
 * repeat of an earlier heading removes it. A block that is exactly an earlier non-heading (a
 * breadcrumb's last item) makes that earlier block the repeat instead.
 *
 * @module
 */
import type { DuplicateKind } from '../types.js'

/**
 * Whether paragraph `giver` may be flagged as a `kind` repeat of paragraph `keeper`.
 *
 * @param headings One flag per paragraph (missing: not a heading).
 */
export function mayGiveWay(headings: ReadonlyArray<boolean | undefined>, giver: number, keeper: number, kind: DuplicateKind): boolean {
  if (headings[giver] !== true) return true
  return kind === 'exact' && headings[keeper] === true
}
