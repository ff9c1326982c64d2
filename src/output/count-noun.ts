/**
 * A count with its noun in the right number, for English labels: `1 article`, `2 articles`,
 * `0 articles`.
 * @param plural The plural form, when it is not the singular plus "s".
 */
export function countNoun(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`
}
