export { clean, type ArticleInput } from './clean.js'
export { DedupeError, type DedupeErrorCode } from './errors.js'
export {
  defaultOptions,
  resolveOptions,
  type DetectOptions,
  type OptionSection,
  type Options,
  type ResolveEntry,
  type Resolved,
  type ResolvedOptions,
  type ResolvedSections,
} from './options.js'
export type { LanguageOptions } from './language/tag-language.js'
export { loadLanguageModel, languageModelLoaded, type LanguageModelSource, type ModelBytes } from './language/fasttext-model.js'
export type { TextSplitOptions } from './parse/from-text.js'
export type { CleanResult, Duplicate, DuplicateKind, EncodingInfo, EncodingSource, InputFormat, Paragraph, Passage, RepeatedSentence, SourceBlock, Warning } from './types.js'
export { decodeBytes, type DecodeBytesOptions, type DecodedBytes } from './parse/decode-bytes.js'
export { splitParagraphs } from './parse/split-paragraphs.js'
export { normalizeText } from './text/normalize-text.js'
export { findDuplicates, type DuplicateFindings } from './detect/find-duplicates.js'
export { tagLanguage, tagLanguages } from './language/tag-language.js'
export { tagArticleLanguages, type ArticleLanguages } from './language/tag-article-languages.js'
export { toText } from './output/to-text.js'
export { toJson } from './output/to-json.js'
export { toHtml } from './output/to-html.js'
export { toMarkdown } from './output/to-markdown.js'
export { toRecord, type ArticleRecord, type RecordParagraph } from './output/to-record.js'
export { summarize } from './output/summarize.js'
export { createDeduplicator, type Deduplicator } from './feed/create-deduplicator.js'
export type { DeduplicatorOptions } from './feed/feed-options.js'
export { createMemoryIndex, type MemoryIndexOptions } from './stores/memory.js'
export { candidateProbability } from './feed/lsh.js'
export type {
  Article,
  ArticleDuplicate,
  CrossDuplicate,
  FeedIndex,
  FeedParagraph,
  FeedResult,
  IndexSession,
  SessionHint,
  IndexedArticle,
  IndexedParagraph,
  IndexRecord,
  FingerprintInfo,
  ParagraphRef,
} from './feed/types.js'
export {
  cleanAll,
  createCleanStream,
  createFeedStream,
  cleanRecord,
  DEFAULT_HIGH_WATER_MARK,
  type CleanStreamRecord,
  type StreamErrorRecord,
  type StreamOptions,
  type FeedStreamOptions,
  type FeedStreamRecord,
} from './adapters/streams/index.js'
export { outputSchema, schemaVersion, schemaMajorVersion } from './schema/index.js'
export { renderReview, type ReviewItem, type ReviewOptions } from './output/review/render-review.js'
