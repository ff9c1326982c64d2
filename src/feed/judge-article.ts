import { compareSets } from './compare-sets.js'
import type { ResolvedFeedOptions } from './feed-options.js'
import type { PreparedArticle } from './prepare-article.js'
import { unionShingles } from './shingles.js'
import type { ArticleDuplicate, CrossDuplicate, FingerprintInfo, IndexedArticle } from './types.js'

/** What {@link judgeArticle} needs besides the article: what the index said. */
export interface JudgeInput {
  article: PreparedArticle
  /** Index info per fingerprint of the article's compared paragraphs. */
  fingerprints: ReadonlyMap<string, FingerprintInfo>
  /** Indices of the paragraphs that are the site's boilerplate. */
  boilerplate: ReadonlySet<number>
  /** The article's shingle set, boilerplate left out. */
  set: Uint32Array
  /** Earlier original articles to verify, earliest first. */
  candidates: readonly IndexedArticle[]
}

/** The verdict on one article. */
export interface Verdict {
  duplicate: ArticleDuplicate | null
  /** Cross-article verdict per paragraph index (absent = none). */
  cross: Map<number, CrossDuplicate>
}

const round = (x: number): number => Math.round(x * 1e4) / 1e4

/**
 * Judges an article against verified candidates (pure): the article is a duplicate of the
 * candidate with the highest Jaccard similarity among those at `nearThreshold` or above, or
 * containing (or contained in) it at `containThreshold`; ties go to the earliest. Each
 * compared paragraph is `boilerplate`, an `exact` repeat (its fingerprint was seen in
 * another article), a `near` repeat of a candidate's paragraph, or none of those.
 */
export function judgeArticle(input: JudgeInput, options: ResolvedFeedOptions): Verdict {
  const { article, candidates } = input
  let best: { candidate: IndexedArticle; jaccard: number; containment: number } | null = null
  const sets = new Map<string, Uint32Array>()
  for (const candidate of candidates) {
    const set = unionShingles(candidate.paragraphs.map((p) => p.shingles))
    sets.set(candidate.id, set)
    if (input.set.length === 0 || set.length === 0) continue
    const { jaccard, containment } = compareSets(input.set, set)
    const contained = containment >= options.containThreshold && Math.min(input.set.length, set.length) >= options.minShingles
    if (jaccard < options.nearThreshold && !contained) continue
    if (
      best === null ||
      jaccard > best.jaccard ||
      (jaccard === best.jaccard && (containment > best.containment ||
        (containment === best.containment && candidate.seq < best.candidate.seq)))
    ) {
      best = { candidate, jaccard, containment }
    }
  }
  const duplicate: ArticleDuplicate | null = best && {
    of: best.candidate.id,
    similarity: round(best.jaccard),
    containment: round(best.containment),
    kind: best.jaccard >= options.copyThreshold ? 'copy' : 'near-copy',
  }

  // Near paragraph repeats are looked for in the copied article first, then the other candidates.
  const order = best ? [best.candidate, ...candidates.filter((c) => c !== best.candidate)] : [...candidates]
  const cross = new Map<number, CrossDuplicate>()
  for (const p of article.compared) {
    if (input.boilerplate.has(p.index)) {
      cross.set(p.index, { kind: 'boilerplate' })
      continue
    }
    const first = input.fingerprints.get(p.fingerprint)?.first
    if (first && first.article !== article.id) {
      cross.set(p.index, { kind: 'exact', of: { article: first.article, paragraph: first.paragraph } })
      continue
    }
    if (p.shingles.length < options.paragraphMinShingles) continue
    let near: { article: string; paragraph: number; jaccard: number } | null = null
    for (const candidate of order) {
      for (const q of candidate.paragraphs) {
        if (q.shingles.length < options.paragraphMinShingles) continue
        const { jaccard } = compareSets(p.shingles, q.shingles)
        if (jaccard >= options.paragraphThreshold && (near === null || jaccard > near.jaccard)) {
          near = { article: candidate.id, paragraph: q.index, jaccard }
        }
      }
    }
    if (near) cross.set(p.index, { kind: 'near', of: { article: near.article, paragraph: near.paragraph } })
  }
  return { duplicate, cross }
}
