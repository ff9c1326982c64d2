import { resolveOptions, type Options, type ResolvedOptions } from '../../options.js'

/** What the plugins do with a paragraph that repeats earlier material. */
export type NewsDedupMode = 'remove' | 'mark'

/**
 * Options of `rehypeNewsDedup` and `remarkNewsDedup`: the options of `clean()` plus `mode`.
 *
 * `detect` and `language` work exactly as in `clean()` (same defaults, same validation:
 * a bad value throws `DedupeError` `E_INVALID_OPTION` when the processor is frozen, i.e. on
 * the first `process()`/`run()` call). `format` and `split` are validated but have no effect:
 * the tree is already parsed. `null` and `undefined` mean the default.
 */
export type NewsDedupPluginOptions = Options & {
  /**
   * `'remove'`: repeated paragraphs are taken out of the tree (a table cell is emptied
   * instead, so the table keeps its shape) and a repeated sentence inside a kept paragraph is
   * cut when it lies in one text node. `'mark'`: nothing is removed; repeated paragraphs get
   * `data-news-dedup="<kind>"` and `data-news-dedup-of="<index>"` (hast `properties`; mdast
   * `data.newsDedup` and `data.hProperties`). Either way every finding is a message on the file.
   * @default 'remove'
   */
  mode?: NewsDedupMode | null
}

/** Plugin options with every default filled in. */
export interface ResolvedPluginOptions {
  mode: NewsDedupMode
  options: ResolvedOptions
}

/**
 * Validates plugin options with `resolveOptions()` (the same checks as `clean()`, and its
 * `plugin` section for `mode`).
 * @throws {DedupeError} `E_INVALID_OPTION` or `E_UNKNOWN_FORMAT`.
 */
export function resolvePluginOptions(options: NewsDedupPluginOptions | null | undefined): ResolvedPluginOptions {
  const resolved = resolveOptions(options, { sections: ['plugin'] })
  return { mode: resolved.plugin.mode, options: resolved }
}
