/**
 * What the rehype and remark plugins share: the report they put on `file.data.newsDedup`
 * (`runStages()`, the stage list of `clean()`, run on the tree's blocks, without what only
 * makes sense for a string: offsets, the cleaned text), the frame of their transform (options
 * resolved once, the language model awaited), and the removal of nodes from their parents.
 *
 * @module
 */
import type { VFile } from 'vfile'
import { runStages } from '../../clean.js'
import { afterLanguageModel } from '../../language/fasttext-model.js'
import type { ResolvedOptions } from '../../options.js'
import type { Duplicate, Passage, RepeatedSentence, SourceBlock } from '../../types.js'
import { resolvePluginOptions, type NewsDedupMode, type NewsDedupPluginOptions } from './options.js'

/** One paragraph of the report on `file.data.newsDedup`. */
export interface NewsDedupParagraph {
  /** 0-based position among the paragraphs found in the tree (the numbering `clean()` would use on the same source). */
  index: number
  /** The paragraph's text as compared (inline markup reduced to its text, white space folded). */
  text: string
  /** BCP 47 tag, `und` when it cannot be told. */
  language: string
  confidence: number
  /** `null`, or the paragraph it repeats. */
  duplicate: Duplicate | null
  /** Sentences of this kept paragraph that repeat an earlier paragraph (cut in `remove` mode when they lie in one text node). */
  repeatedSentences: RepeatedSentence[]
}

/** The whole report, on `file.data.newsDedup` after the plugin ran. */
export interface NewsDedupReport {
  /** The article's language (BCP 47), `und` when unknown. */
  language: string
  confidence: number
  paragraphs: NewsDedupParagraph[]
  passages: Passage[]
}

declare module 'vfile' {
  interface DataMap {
    /** Set by `rehypeNewsDedup` / `remarkNewsDedup`. */
    newsDedup: NewsDedupReport
  }
}

/** Runs the stages of `clean()` on the blocks of a tree: the plugins' report. */
export function reportOf(blocks: readonly SourceBlock[], options: ResolvedOptions): NewsDedupReport {
  const result = runStages(blocks, options)
  return {
    language: result.language,
    confidence: result.confidence,
    paragraphs: result.paragraphs.map(({ start: _start, end: _end, ...paragraph }) => paragraph),
    passages: result.passages,
  }
}

/**
 * The transform of a plugin: `apply(tree, file, mode, report)` is called with `report(blocks)`,
 * which runs the stages on the tree's blocks and puts the result on `file.data.newsDedup`.
 * Options are resolved once, when the plugin is attached (a bad one throws then). The
 * transform is synchronous once the language model is loaded (`runSync` works then); before,
 * it returns a promise.
 */
export function createPluginTransform<Tree>(
  options: NewsDedupPluginOptions | null | undefined,
  apply: (tree: Tree, file: VFile, mode: NewsDedupMode, report: (blocks: readonly SourceBlock[]) => NewsDedupReport) => void,
): (tree: Tree, file: VFile) => Promise<Tree | undefined> | undefined {
  const { mode, options: resolved } = resolvePluginOptions(options)
  const transform = (tree: Tree, file: VFile): undefined => {
    apply(tree, file, mode, (blocks) => (file.data.newsDedup = reportOf(blocks, resolved)))
    return undefined
  }
  return afterLanguageModel(transform)
}

/**
 * Removes `removed` from their parents in one pass per parent, then, up the tree, the parents
 * that pass left to be removed too: `rewrite(parent)` sets the parent's children without the
 * removed ones and tells whether the parent itself is now to go.
 */
export function removeFromParents<N extends object, P extends object>(
  removed: Set<N | P>,
  parents: ReadonlyMap<N | P, P>,
  rewrite: (parent: P) => boolean,
): void {
  let queue: Array<N | P> = [...removed]
  while (queue.length > 0) {
    const byParent = new Set<P>()
    for (const node of queue) {
      const parent = parents.get(node)
      if (parent) byParent.add(parent)
    }
    const next: P[] = []
    for (const parent of byParent) {
      if (rewrite(parent) && !removed.has(parent)) {
        removed.add(parent)
        next.push(parent)
      }
    }
    queue = next
  }
}
