/**
 * `remarkNewsDedup`: the detection of `clean()` run on an mdast tree.
 *
 * **Paragraphs** are found exactly as `clean()` finds them in Markdown
 * (`src/parse/from-markdown.ts`), so paragraph numbers and verdicts match `clean(markdown)`:
 * each `paragraph`, `heading`, `code` block and `tableCell` (with a GFM plugin) is a paragraph,
 * its inline formatting reduced to text; block quotes, lists, list items, tables and footnote
 * definitions are containers. A block of raw HTML (`html` node) counts for as many paragraphs
 * as `clean()` reads in it; it is removed only when all of them are repeats, and never marked.
 *
 * In `remove` mode a repeated paragraph, heading or code block is taken out of its parent (a
 * list item, list or block quote left empty goes too; a table cell is emptied instead), and a
 * repeated sentence of a kept paragraph is cut when it lies in one `text` node (never in code).
 * In `mark` mode the node keeps its place and gets `data.newsDedup = { kind, of, similarity }`
 * and `data.hProperties` `dataNewsDedup` / `dataNewsDedupOf`, which `remark-rehype` turns into
 * `data-news-dedup` attributes.
 *
 * **Languages.** Markdown has no `lang`: the article's language goes to `tree.data.lang` (and
 * `file.data.newsDedup.language`); a paragraph whose language differs gets `data.lang` and
 * `data.hProperties.lang` (so `remark-rehype` writes `lang="en"` on its element). `und` is
 * never written. This holds for the repeats marked in `mark` mode too, as they stay in the text.
 *
 * @module
 */
import type { Html, Nodes, Parents, Root, RootContent } from 'mdast'
import type { Position } from 'unist'
import { fromMdast, type MdastSource } from '../../parse/from-mdast.js'
import type { Duplicate } from '../../types.js'
import { cutSentences } from './cut-sentences.js'
import { reportDuplicate, reportSentence, type Outcome } from './messages.js'
import type { NewsDedupPluginOptions } from './options.js'
import { createPluginTransform, removeFromParents } from './report.js'

declare module 'mdast' {
  interface Data {
    /** Set by `remarkNewsDedup` in `mark` mode on a repeated paragraph. */
    newsDedup?: Duplicate | undefined
    /** Set by `remarkNewsDedup`: the article's language on the root, a paragraph's own language when it differs. */
    lang?: string | undefined
  }
}

type BlockNode = MdastSource

/**
 * A remark plugin that finds repeated paragraphs and sentences in a Markdown tree (the
 * detection of `clean()`), removes or marks them, records languages, reports every finding as
 * a message on the file (`ruleId` `exact-duplicate`, `near-duplicate`, `contained-duplicate` or
 * `repeated-sentence`, `source` `news-dedup`) and puts the whole report on
 * `file.data.newsDedup`. See the module documentation.
 *
 * @param options `clean()`'s `detect` and `language` options, and `mode` (`'remove'` by default).
 * @throws {DedupeError} `E_INVALID_OPTION` for a bad option (when the processor is frozen).
 * @example
 * const file = await unified().use(remarkParse).use(remarkNewsDedup).use(remarkStringify).process(markdown)
 */
export function remarkNewsDedup(options?: NewsDedupPluginOptions | null) {
  return createPluginTransform<Root>(options, (tree, file, mode, report) => {
    const parents = new Map<Nodes, Parents>()
    const blocks = fromMdast(tree, { parents })
    const result = report(blocks)
    if (result.language !== 'und') (tree.data ??= {}).lang = result.language

    // Paragraphs of one HTML node: removed only together.
    const htmlFlagged = new Map<Html, boolean>()
    blocks.forEach((block, k) => {
      if (block.source.type !== 'html') return
      const flagged = result.paragraphs[k]!.duplicate !== null
      htmlFlagged.set(block.source, (htmlFlagged.get(block.source) ?? true) && flagged)
    })

    const removed = new Set<Nodes>()
    result.paragraphs.forEach((paragraph, k) => {
      const block = blocks[k]!
      const node = block.source
      const duplicate = paragraph.duplicate
      // A marked repeat stays in the document: it needs its own language as much as a kept paragraph.
      if (duplicate === null || mode === 'mark') setOwnLanguage(node, paragraph.language, result.language, parents)
      if (duplicate === null) {
        if (paragraph.repeatedSentences.length > 0) {
          const outcomes: Outcome[] =
            mode === 'mark'
              ? paragraph.repeatedSentences.map(() => ({ done: false, why: 'marked, not cut' }))
              : block.pieces === null
                ? paragraph.repeatedSentences.map(() => ({ done: false, why: `not cut: it is inside ${node.type === 'code' ? 'code' : 'a block of HTML'}` }))
                : cutSentences(paragraph.text, block.pieces, paragraph.repeatedSentences)
          paragraph.repeatedSentences.forEach((sentence, j) => reportSentence(file, paragraph, sentence, node.position, outcomes[j]!))
        }
        return
      }
      let outcome: Outcome
      if (node.type === 'html') {
        if (mode === 'mark') outcome = { done: false, why: 'not marked: it is inside a block of HTML' }
        else if (htmlFlagged.get(node)) {
          removed.add(node)
          outcome = { done: true }
        } else outcome = { done: false, why: 'not removed: the rest of its block of HTML is kept' }
      } else if (mode === 'mark') {
        ;(node.data ??= {}).newsDedup = { ...duplicate }
        const props = hProperties(elementOf(node, parents))
        props.dataNewsDedup = duplicate.kind
        props.dataNewsDedupOf = duplicate.of
        outcome = { done: false, why: 'marked, not removed' }
      } else if (node.type === 'tableCell') {
        node.children = []
        outcome = { done: true }
      } else {
        removed.add(node)
        outcome = { done: true }
      }
      reportDuplicate(file, paragraph, placeOf(node), outcome)
    })
    removeNodes(removed, parents)
  })
}

export default remarkNewsDedup

/** `data.lang` and `data.hProperties.lang` on a paragraph whose language differs from the article's (never `und`, never on HTML). */
function setOwnLanguage(node: BlockNode, language: string, articleLanguage: string, parents: ReadonlyMap<Nodes, Parents>): void {
  if (node.type === 'html' || language === articleLanguage || language === 'und') return
  ;(node.data ??= {}).lang = language
  hProperties(elementOf(node, parents)).lang = language
}

function placeOf(node: Nodes): Position | undefined {
  return node.position
}

/**
 * The node that becomes the paragraph's element in hast: the list item when the paragraph is
 * its only child (`remark-rehype` drops the `<p>` of a tight list's items), else the node.
 */
function elementOf(node: BlockNode, parents: ReadonlyMap<Nodes, Parents>): Nodes {
  const parent = parents.get(node)
  return parent?.type === 'listItem' && parent.children.length === 1 ? parent : node
}

/** `data.hProperties`, created when absent (declared by `mdast-util-to-hast`, read by `remark-rehype`). */
function hProperties(node: Nodes): Record<string, unknown> {
  const holder = (node.data ??= {}) as { hProperties?: Record<string, unknown> | null }
  holder.hProperties ??= {}
  return holder.hProperties
}

/** Containers removed once they hold nothing. */
const PRUNED = new Set(['listItem', 'list', 'blockquote'])

/** Removes nodes in one pass per parent, then the containers left empty, up the tree. */
function removeNodes(removed: Set<Nodes>, parents: ReadonlyMap<Nodes, Parents>): void {
  removeFromParents<Nodes, Parents>(removed, parents, (parent) => {
    const children = (parent.children as RootContent[]).filter((child) => !removed.has(child))
    ;(parent as { children: RootContent[] }).children = children
    return children.length === 0 && PRUNED.has(parent.type)
  })
}
