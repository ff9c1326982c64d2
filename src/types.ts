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

/**
 * How the encoding of bytes was decided: `bom` (a byte order mark), `transport` (the
 * `contentType`/`charset` given with the bytes: an option, a JSONL record's field, a WARC
 * record's HTTP header), `meta` (`<meta charset>` or `<meta http-equiv="Content-Type">`),
 * `xml` (an XML declaration), `detected` (undeclared: valid UTF-8, or the detector's guess),
 * `default` (undeclared and nothing to decide: ASCII, or the detector had no answer: UTF-8).
 */
export type EncodingSource = 'bom' | 'transport' | 'meta' | 'xml' | 'detected' | 'default'

/** The encoding bytes were decoded with: a lower-case WHATWG encoding name and how it was decided. */
export interface EncodingInfo {
  /** WHATWG Encoding standard name: `utf-8`, `windows-1252`, `shift_jis`, `koi8-u`… */
  name: string
  source: EncodingSource
}

/**
 * Something about the input the caller should know, that did not stop cleaning. `code` is a
 * stable kebab-case string: `invalid-bytes` (bytes invalid in the decided encoding, replaced by
 * U+FFFD; `count` says how many), `unknown-charset` (a declared label that names no encoding,
 * ignored), `unsupported-encoding` (the runtime cannot decode it; read as UTF-8),
 * `markdown-as-text` (Markdown past the parser's shape limits, read as plain text).
 */
export interface Warning {
  code: string
  message: string
  /** How many times it happened, where that is counted. */
  count?: number
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
  /** For input given as bytes: the encoding they were decoded with (absent for string input: nothing was decoded). */
  encoding?: EncodingInfo
  /** Present when there is something to report (invalid bytes, an unknown charset label). */
  warnings?: Warning[]
}
