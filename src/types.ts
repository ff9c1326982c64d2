/** Input formats `clean()` understands. */
export type InputFormat = 'text' | 'html' | 'markdown'

/**
 * A block of the input as found by a parser: its text (as written, trimmed, inner runs of
 * white space folded to one space) and where it stands in the input string.
 * `start`/`end` are UTF-16 offsets into the string given to `clean()` (`input.slice(start, end)`
 * is the block's source, markup included for HTML/Markdown).
 */
export interface SourceBlock {
  text: string
  start: number
  end: number
}

/**
 * Something about the whole input the caller should know, though the article went through:
 * `W_MARKDOWN_AS_TEXT`, Markdown past the parser's shape limits was read as plain text.
 */
export interface Warning {
  /** Stable code to filter on (`W_` + upper case). */
  code: string
  /** What happened, in one sentence. */
  message: string
}

/** Why a paragraph was left out of the cleaned text. */
export type DuplicateKind = 'exact' | 'near' | 'contained'

/** The verdict on one paragraph that repeats earlier material of the same article. */
export interface Duplicate {
  /** `exact`: equal after normalization; `near`: a few words changed; `contained`: a teaser or a part of a longer paragraph. */
  kind: DuplicateKind
  /** 0-based index of the paragraph it repeats (the one kept). */
  of: number
  /** Similarity (0–1) that decided it; 1 for `exact`. */
  similarity: number
}

/** A sentence inside a kept paragraph that repeats a sentence of an earlier paragraph; it is cut from the cleaned text. */
export interface RepeatedSentence {
  /** UTF-16 offsets inside the paragraph's `text`. */
  start: number
  end: number
  /** 0-based index of the earlier paragraph holding the same sentence. */
  of: number
  similarity: number
}

/** One paragraph of the article, in input order. */
export interface Paragraph {
  /** 0-based position in the article. */
  index: number
  /** As written, trimmed, inner white space folded. */
  text: string
  /** BCP 47 tag (`fr`, `en`, `zh`), or `und` when it cannot be told. */
  language: string
  /** Confidence (0–1) of `language`. */
  confidence: number
  /** UTF-16 offsets of the paragraph's source in the input. */
  start: number
  end: number
  /** `null`, or why this paragraph is left out of the cleaned text. */
  duplicate: Duplicate | null
  /** Sentences cut from this (kept) paragraph because an earlier paragraph has them. */
  repeatedSentences: RepeatedSentence[]
}

/** A run of consecutive flagged paragraphs that repeat a run of earlier paragraphs. */
export interface Passage {
  kind: DuplicateKind
  /** 0-based index of the first and last repeating paragraph (inclusive). */
  paragraphs: [number, number]
  /** 0-based index of the first and last paragraph they repeat (inclusive). */
  of: [number, number]
}

/** What `clean()` returns: plain, JSON-ready data. */
export interface CleanResult {
  /** The article's language (BCP 47), `und` when unknown. */
  language: string
  confidence: number
  paragraphs: Paragraph[]
  passages: Passage[]
  /** The cleaned article: kept paragraphs (repeated sentences cut), separated by a blank line. */
  text: string
  /** Present only when there is something to say: see {@link Warning}. */
  warnings?: Warning[]
}
