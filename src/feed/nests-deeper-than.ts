/**
 * Nesting past which a caller's field is carried over as given, never re-serialized:
 * `JSON.stringify` and `structuredClone` recurse once per level, and a field 100,000 levels deep
 * overflowed the stack and failed its whole article (`E_INTERNAL`) though the article was fine.
 * The JSONL reader uses the same bound (`read-jsonl.ts`).
 */
export const MAX_FIELD_DEPTH = 512

/**
 * Whether `value` holds objects or arrays nested more than `limit` levels (a scalar is level 0,
 * `{}` and `[]` level 1). Walks with its own stack, so any depth is measured; a cycle counts as
 * deeper than any limit (it has no end).
 *
 * @param value Any value.
 * @param limit The deepest nesting accepted. @default MAX_FIELD_DEPTH
 */
export function nestsDeeperThan(value: unknown, limit = MAX_FIELD_DEPTH): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]]
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!
    if (item === null || typeof item !== 'object') continue
    if (depth + 1 > limit) return true
    for (const child of Array.isArray(item) ? item : Object.values(item)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1])
    }
  }
  return false
}
