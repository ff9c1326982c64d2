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
  /** The article's shingle set: boilerplate left out, unless every paragraph is boilerplate. */
  set: Uint32Array
  /** Earlier original articles to verify, matched against `set` by {@link matchCandidate}. */
  candidates: readonly CandidateMatch[]
}

/** The verdict on one article. */
export interface Verdict {
  duplicate: ArticleDuplicate | null
  /** Cross-article verdict per paragraph index (absent = none). */
  cross: Map<number, CrossDuplicate>
}

/** How an earlier article compares with the new one, by the exact overlap of their shingle sets. */
export interface CandidateMatch {
  candidate: IndexedArticle
  /** Shingles in both sets. */
  shared: number
  jaccard: number
  containment: number
  /** Whether the new article is a duplicate of this one (`jaccardThreshold`, or `containmentThreshold` with `minShingles`). */
  accepted: boolean
}

const round = (x: number): number => Math.round(x * 1e4) / 1e4

/**
 * Verifies one candidate: exact Jaccard similarity and containment of the article's shingle
 * set and the candidate's stored paragraphs, and whether that makes the article its duplicate.
 */
export function matchCandidate(set: Uint32Array, candidate: IndexedArticle, options: ResolvedFeedOptions): CandidateMatch {
  const theirs = unionShingles(candidate.paragraphs.map((p) => p.shingles))
  if (set.length === 0 || theirs.length === 0) return { candidate, shared: 0, jaccard: 0, containment: 0, accepted: false }
  const { shared, jaccard, containment } = compareSets(set, theirs)
  const contained = containment >= options.containmentThreshold && Math.min(set.length, theirs.length) >= options.minShingles
  return { candidate, shared, jaccard, containment, accepted: jaccard >= options.jaccardThreshold || contained }
}

/**
 * Orders candidate matches by evidence, best first: those the article duplicates, by Jaccard
 * similarity then containment (the verdict's own preference, so the first one is the verdict);
 * then the others by shared shingles (the likeliest holders of near paragraph repeats); ties
 * go to the earliest arrival. A total order: the same candidates always rank the same.
 */
export function compareMatches(a: CandidateMatch, b: CandidateMatch): number {
  if (a.accepted !== b.accepted) return a.accepted ? -1 : 1
  if (a.accepted) {
    if (a.jaccard !== b.jaccard) return b.jaccard - a.jaccard
    if (a.containment !== b.containment) return b.containment - a.containment
  } else if (a.shared !== b.shared) return b.shared - a.shared
  return a.candidate.seq - b.candidate.seq
}

/**
 * Judges an article against verified candidates (pure): the article is a duplicate of the
 * candidate with the highest Jaccard similarity among those at `jaccardThreshold` or above, or
 * containing (or contained in) it at `containmentThreshold`; ties go to the higher containment,
 * then the earliest (see {@link compareMatches}). Each compared paragraph is `boilerplate`, an
 * `exact` repeat (its fingerprint was seen in another article), a `near` repeat of a
 * candidate's paragraph, or none of those.
 */
export function judgeArticle(input: JudgeInput, options: ResolvedFeedOptions): Verdict {
  const { article } = input
  let best: CandidateMatch | null = null
  for (const match of input.candidates) {
    if (match.accepted && (best === null || compareMatches(match, best) < 0)) best = match
  }
  const duplicate: ArticleDuplicate | null = best && {
    of: best.candidate.id,
    similarity: round(best.jaccard),
    containment: round(best.containment),
    kind: best.jaccard >= options.copyThreshold ? 'copy' : 'near-copy',
  }
  const candidates = input.candidates.map((m) => m.candidate)

  // Near paragraph repeats are looked for in the copied article first, then the other candidates.
  const order = best ? [best.candidate, ...candidates.filter((c) => c !== best.candidate)] : candidates
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
