/**
 * Limits on the shape of Markdown input. The Markdown parser (micromark, under remark-parse)
 * is superlinear on some shapes: measured with `clean()`, a 16 KB line of `- - - …` took 20 s,
 * `*`×n around a word (40 KB) 21 s, `>`×n (100 KB) 43 s, `[`×n (200 KB) 36 s, 2 MB of lines
 * nested one level deeper each 57 s, and 8 MB of deepening quotes was killed at 180 s with
 * 4.3 GB RSS. Real articles come nowhere near these limits; a part of a document past one
 * (`markdown-parts.ts`) is read as plain text instead (paragraphs as in plain text, quote and list
 * markers at line starts blanked, other Markdown syntax left in the text), and the result says so
 * with a `markdown-as-text` warning.
 *
 * @module
 */

/** Longest part parsed as Markdown, in UTF-16 code units (4 Mi): the syntax tree costs ~100× its text in memory. */
export const MAX_MARKDOWN_LENGTH = 4 * 1024 * 1024
/** Most container markers (`>`, list bullets, ordered-list numbers) opening one line: each is one level of nesting. */
export const MAX_CONTAINER_MARKERS = 16
/** Most columns of indentation among the container markers opening one line (lists nest by indentation). */
export const MAX_PREFIX_COLUMNS = 128
/** Longest run of one delimiter character (`*`, `_`, `~`, `[`, `]`, `` ` ``, `<`, `>` , `!`): an 80-character `***…` rule is fine, thousands are not. */
export const MAX_DELIMITER_RUN = 256

const TAB = 0x09
const SPACE = 0x20
const LF = 0x0a
const CR = 0x0d

/** An emphasis, link, code or HTML delimiter: `*` `_` `~` `[` `]` `` ` `` `<` `!` (what `markdown-parts.ts` counts in a part). */
export function isInlineDelimiter(c: number): boolean {
  return c === 0x2a || c === 0x5f || c === 0x7e || c === 0x5b || c === 0x5d || c === 0x60 || c === 0x3c || c === 0x21
}

/** A character whose runs are limited ({@link MAX_DELIMITER_RUN}): the inline delimiters and `>`. */
function isDelimiter(c: number): boolean {
  return c === 0x3e || isInlineDelimiter(c)
}

/**
 * Why `input` should not go through the Markdown parser, or `null` when it may. One pass over
 * the input, constant memory.
 *
 * @param input Markdown source (a part of a document: see `markdown-parts.ts`).
 * @param firstLine The number of its first line in the document, for the sentence.
 * @returns A sentence naming the limit passed (for the warning), or `null`.
 */
export function markdownShapeProblem(input: string, firstLine = 1): string | null {
  if (input.length > MAX_MARKDOWN_LENGTH) {
    return `from line ${firstLine}, ${input.length} characters long with no place to break them, over the ${MAX_MARKDOWN_LENGTH} parsed as Markdown`
  }
  let i = 0
  let line = firstLine
  const n = input.length
  while (i < n) {
    const { end: prefixEnd, markers, columns } = containerPrefix(input, i)
    let k = prefixEnd
    if (markers > MAX_CONTAINER_MARKERS) return `line ${line} opens ${markers} nested blocks (quotes or list items), over ${MAX_CONTAINER_MARKERS}`
    if (columns > MAX_PREFIX_COLUMNS) return `line ${line} nests a block ${columns} columns deep, over ${MAX_PREFIX_COLUMNS}`
    // The rest of the line: runs of one delimiter character. (Runs in the prefix, `>>>>…` or
    // `- - - …`, were counted as markers above.)
    let run = 0
    let previous = -1
    for (; k < n; k++) {
      const c = input.charCodeAt(k)
      if (c === LF || c === CR) break
      if (c === previous && isDelimiter(c)) {
        if (++run > MAX_DELIMITER_RUN) return `line ${line} has a run of over ${MAX_DELIMITER_RUN} '${String.fromCharCode(c)}'`
      } else run = 1
      previous = c
    }
    if (input.charCodeAt(k) === CR && input.charCodeAt(k + 1) === LF) k++
    i = k + 1
    line++
  }
  return null
}

/**
 * The container prefix of the line starting at `start`: white space, `>`, bullets
 * (`-`, `*`, `+` before a blank) and ordered-list numbers (`12.`, `3)` before a blank).
 */
function containerPrefix(input: string, start: number): { end: number; markers: number; columns: number } {
  const n = input.length
  let markers = 0
  let columns = 0
  /** Columns of white space before the last marker: how deep the last block is indented. */
  let deepest = 0
  let k = start
  for (; k < n; k++) {
    const c = input.charCodeAt(k)
    if (c === SPACE) columns++
    else if (c === TAB) columns += 4
    else if (c === 0x3e || ((c === 0x2d || c === 0x2a || c === 0x2b) && isBlankOrEnd(input.charCodeAt(k + 1)))) {
      markers++
      deepest = columns
    } else if (c >= 0x30 && c <= 0x39) {
      let d = k
      while (d < n && d - k < 9 && input.charCodeAt(d) >= 0x30 && input.charCodeAt(d) <= 0x39) d++
      const after = input.charCodeAt(d)
      if ((after !== 0x2e && after !== 0x29) || !isBlankOrEnd(input.charCodeAt(d + 1))) break
      markers++
      deepest = columns
      k = d
    } else break
  }
  return { end: k, markers, columns: deepest }
}

/**
 * The plain-text fallback's input: `input` with each line's container markers (quote `>`,
 * bullets, list numbers) replaced by spaces, so the plain-text paragraphs do not start with
 * them, and offsets (one character for one) still point into `input`.
 */
export function blankContainerPrefixes(input: string): string {
  const parts: string[] = []
  let copied = 0
  for (let i = 0; i < input.length; ) {
    const { end, markers } = containerPrefix(input, i)
    if (markers > 0) {
      parts.push(input.slice(copied, i), ' '.repeat(end - i))
      copied = end
    }
    let k = end
    while (k < input.length && input.charCodeAt(k) !== LF) k++
    i = k + 1
  }
  parts.push(input.slice(copied))
  return parts.join('')
}

function isBlankOrEnd(c: number): boolean {
  return Number.isNaN(c) || c === SPACE || c === TAB || c === LF || c === CR
}
