import { compareSets } from './compare-sets.js'
import type { ResolvedFeedOptions } from './feed-options.js'
import type { ComparedParagraph, JudgeableArticle } from './prepare-article.js'
import { unionOfParagraphs } from './shingles.js'
import type { UnionCache } from './union-cache.js'
import type { ArticleDuplicate, CrossDuplicate, FingerprintInfo, IndexedArticle, IndexedParagraph } from './types.js'

/** The new article's side of a comparison. */
export interface ArticleSide {
  paragraphs: readonly ComparedParagraph[]
  /** Fingerprints of its paragraphs that are its site's boilerplate. */
  boilerplate: ReadonlySet<string>
  /** The shingle set of its paragraphs that are not its site's boilerplate (all of them when every one is). */
  set: Uint32Array
}

/** What {@link judgeArticle} needs besides the article: what the index said. */
export interface JudgeInput {
  article: JudgeableArticle
  /** Index info per fingerprint of the article's compared paragraphs. */
  fingerprints: ReadonlyMap<string, FingerprintInfo>
  /** Indices of the paragraphs that are the site's boilerplate. */
  boilerplate: ReadonlySet<number>
  /** Earlier original articles to verify, matched by {@link matchCandidate}. */
  candidates: readonly CandidateMatch[]
}

/** The verdict on one article. */
export interface Verdict {
  duplicate: ArticleDuplicate | null
  /** Cross-article verdict per paragraph index (absent = none). */
  cross: Map<number, CrossDuplicate>
}

/** How an earlier article compares with the new one, by the exact overlap of their content. */
export interface CandidateMatch {
  candidate: IndexedArticle
  /** Fingerprints of the candidate's paragraphs that are its site's boilerplate (as known now). */
  boilerplate: ReadonlySet<string>
  /** Shingles in both contents. */
  shared: number
  jaccard: number
  containment: number
  /** Whether the new article is a duplicate of this one (see {@link matchCandidate}). */
  accepted: boolean
}

/**
 * Most paragraphs left out at each end of each side when one article is looked for inside the
 * other: a copier's own header or footer, a dropped or an added first or last paragraph.
 */
const EDGE_PARAGRAPHS = 1
/** A paragraph is found in the other article when at least this share of its shingles is there. */
const FOUND_SHARE = 0.5
/** What is left once the ends are set aside must hold at least this share of the smaller content. */
const CORE_SHARE = 0.5

const round = (x: number): number => Math.round(x * 1e4) / 1e4

type Shingled = { fingerprint: string; shingles: Uint32Array }

/** `paragraphs` without those whose fingerprint `leaveOut` names; all of them when that leaves none. */
function contentOf<T extends Shingled>(paragraphs: readonly T[], leaveOut: (fingerprint: string) => boolean): readonly T[] {
  const kept = paragraphs.filter((p) => !leaveOut(p.fingerprint))
  return kept.length === 0 ? paragraphs : kept
}

/** `paragraphs` without up to {@link EDGE_PARAGRAPHS} at each end that are not found in `other`. */
function withoutLooseEnds<T extends Shingled>(paragraphs: readonly T[], other: Uint32Array): readonly T[] {
  const found = (p: T): boolean => p.shingles.length > 0 && compareSets(p.shingles, other).shared >= FOUND_SHARE * p.shingles.length
  let start = 0
  let end = paragraphs.length
  while (start < EDGE_PARAGRAPHS && start < end && !found(paragraphs[start] as T)) start++
  while (paragraphs.length - end < EDGE_PARAGRAPHS && end > start && !found(paragraphs[end - 1] as T)) end--
  return paragraphs.slice(start, end)
}

/**
 * Verifies one candidate on content: each side's paragraphs that are boilerplate of either
 * site (as the index knows it now) are left out of both, so a verbatim copy compares at 1
 * whatever boilerplate either side carries; then the exact Jaccard similarity and containment
 * (of the smaller in the larger: both ways) of the two contents. The article is a duplicate at
 * Jaccard ≥ `jaccardThreshold`, or containment ≥ `containmentThreshold` (smaller side ≥
 * `minShingles`), or, failing those, the same containment once up to one paragraph at each end
 * of each side that the other does not hold is set aside (a copier's header or footer, a
 * dropped or added first or last paragraph), provided what remains is at least half of the
 * smaller content. Paragraph order plays no part: swapped paragraphs change nothing.
 * `unionOf` takes the union of the candidate's kept paragraphs (a {@link UnionCache} remembers them).
 */
export function matchCandidate(
  article: ArticleSide,
  candidate: IndexedArticle,
  boilerplate: ReadonlySet<string>,
  options: ResolvedFeedOptions,
  unionOf: UnionCache,
): CandidateMatch {
  const none = { candidate, boilerplate, shared: 0, jaccard: 0, containment: 0, accepted: false }
  const leaveOut = (fp: string): boolean => article.boilerplate.has(fp) || boilerplate.has(fp)
  // Most pairs share no boilerplate: the article's own content set is then reused as it is.
  const crossed = article.paragraphs.some((p) => boilerplate.has(p.fingerprint) && !article.boilerplate.has(p.fingerprint))
  const ours = crossed ? contentOf(article.paragraphs, leaveOut) : null
  const mine = ours ? unionOfParagraphs(ours) : article.set
  const theirParagraphs = contentOf<IndexedParagraph>(candidate.paragraphs, leaveOut)
  const theirs = unionOf(candidate, theirParagraphs)
  if (mine.length === 0 || theirs.length === 0) return none
  const { shared, jaccard, containment } = compareSets(mine, theirs)
  const smaller = Math.min(mine.length, theirs.length)
  let accepted = jaccard >= options.jaccardThreshold || (containment >= options.containmentThreshold && smaller >= options.minShingles)
  if (!accepted && shared >= options.minShingles) {
    const a = withoutLooseEnds(ours ?? contentOf(article.paragraphs, (fp) => article.boilerplate.has(fp)), theirs)
    const b = withoutLooseEnds(theirParagraphs, mine)
    const core = compareSets(unionOfParagraphs(a), unionOfParagraphs(b))
    accepted = core.containment >= options.containmentThreshold && core.shared >= options.minShingles && core.shared >= CORE_SHARE * smaller
  }
  return { candidate, boilerplate, shared, jaccard, containment, accepted }
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
 * best accepted candidate (see {@link compareMatches}), a `copy` at Jaccard ≥ `copyThreshold`.
 * Each compared paragraph is then:
 * - `boilerplate` when it is its site's boilerplate, unless the article is a copy and the
 *   paragraph is part of the story it copies (content of the original, not boilerplate of the
 *   original's site): a story its own site publishes again keeps its paragraphs as the story's;
 * - when short (see {@link ComparedParagraph.short}): an `exact` repeat only of the article it
 *   copies, never of another story;
 * - else an `exact` repeat (its fingerprint was first seen in another article), a `near`
 *   repeat of a candidate's paragraph, or none of those.
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
  // The copied story's own paragraphs, by fingerprint: its content, its site's boilerplate left out.
  const story = new Map<string, number>()
  if (best) for (const q of best.candidate.paragraphs) if (!best.boilerplate.has(q.fingerprint) && !story.has(q.fingerprint)) story.set(q.fingerprint, q.index)
  const ofStory = (p: ComparedParagraph): CrossDuplicate | null => {
    const at = story.get(p.fingerprint)
    return best && at !== undefined ? { kind: 'exact', of: { article: best.candidate.id, paragraph: at } } : null
  }

  // Near paragraph repeats are looked for in the copied article first, then the other candidates.
  // Built by `push` whatever the case, so it is one kind of array (see find-duplicates.ts `listOf`).
  const order: CandidateMatch[] = []
  if (best) order.push(best)
  for (const c of input.candidates) if (c !== best) order.push(c)
  const cross = new Map<number, CrossDuplicate>()
  for (const p of article.compared) {
    if (input.boilerplate.has(p.index)) {
      cross.set(p.index, ofStory(p) ?? { kind: 'boilerplate' })
      continue
    }
    if (p.short) {
      const copied = ofStory(p)
      if (copied) cross.set(p.index, copied)
      continue
    }
    const first = input.fingerprints.get(p.fingerprint)?.first
    if (first && first.article !== article.id) {
      cross.set(p.index, { kind: 'exact', of: { article: first.article, paragraph: first.paragraph } })
      continue
    }
    if (p.shingles.length < options.paragraphMinShingles) continue
    let near: { article: string; paragraph: number; jaccard: number } | null = null
    for (const { candidate, boilerplate } of order) {
      for (const q of candidate.paragraphs) {
        if (q.shingles.length < options.paragraphMinShingles || boilerplate.has(q.fingerprint)) continue
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
