import type { Duplicate, Passage } from '../types.js'

/**
 * Groups flagged paragraphs into repeated passages: consecutive paragraphs that repeat
 * consecutive earlier paragraphs (paragraphs 5–7 repeating 2–4) form one passage. A passage's
 * kind is its paragraphs' kind when they agree, else `near`.
 *
 * @param duplicates One verdict per paragraph, in order.
 * @returns The passages, in order of their first paragraph.
 */
export function groupPassages(duplicates: ReadonlyArray<Duplicate | null>): Passage[] {
  const passages: Passage[] = []
  let open: Passage | undefined
  for (let i = 0; i < duplicates.length; i++) {
    const duplicate = duplicates[i]
    if (!duplicate) {
      open = undefined
      continue
    }
    if (open && open.paragraphs[1] === i - 1 && open.of[1] + 1 === duplicate.of) {
      open.paragraphs[1] = i
      open.of[1] = duplicate.of
      if (open.kind !== duplicate.kind) open.kind = 'near'
    } else {
      open = { kind: duplicate.kind, paragraphs: [i, i], of: [duplicate.of, duplicate.of] }
      passages.push(open)
    }
  }
  return passages
}
