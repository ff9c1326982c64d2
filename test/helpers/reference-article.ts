import { resolve } from 'node:path'
import type { Duplicate } from '../../src/types.js'

/**
 * The reference article (`fixtures/whatsapp-outage-fr.txt`): seven lines, the last three
 * repeating lines 1–3. Read by the `clean()` and CLI tests, which expect the same verdicts.
 */
export const REFERENCE_ARTICLE = resolve(import.meta.dirname, '..', '..', 'fixtures', 'whatsapp-outage-fr.txt')

/** The verdict on each of its seven paragraphs: lines 4–6 are exact repeats of lines 1–3. */
export const REFERENCE_VERDICTS: ReadonlyArray<Duplicate | null> = [
  null,
  null,
  null,
  null,
  { kind: 'exact', of: 1, similarity: 1 },
  { kind: 'exact', of: 2, similarity: 1 },
  { kind: 'exact', of: 3, similarity: 1 },
]
