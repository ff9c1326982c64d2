/**
 * unified plugins (the `news-dedup/unified` entry): the detection of `clean()` run on a hast
 * or mdast tree, findings reported as vfile messages and on `file.data.newsDedup`.
 *
 * @module
 */
export { rehypeNewsDedup } from './adapters/unified/rehype-news-dedup.js'
export { remarkNewsDedup } from './adapters/unified/remark-news-dedup.js'
export { resolvePluginOptions, type NewsDedupMode, type NewsDedupPluginOptions, type ResolvedPluginOptions } from './adapters/unified/options.js'
export { MESSAGE_SOURCE, type NewsDedupRuleId } from './adapters/unified/messages.js'
export type { NewsDedupParagraph, NewsDedupReport } from './adapters/unified/report.js'
