/**
 * Writes a bench or eval run into its `bench/results/*.md` file without losing the earlier runs
 * or the notes people added to them.
 *
 * The file holds the newest run at the top, then the earlier runs, newest first:
 *
 * ```md
 * # Title of the run            ← the markdown of the newest run, as given
 * …
 *
 * ---
 *
 * ## Earlier runs (newest first)
 *
 * ## Title of the run           ← the run before it: the file's whole newest section, notes
 * …                               included, its first `# ` title demoted to `## `
 *
 * ---
 *
 * ## Title of the run           ← older ones, each after its own separator
 * …
 * ```
 *
 * Rules:
 * - A separator is a line `---` with a blank line (or the start of the file) before it, outside
 *   a fenced code block: a setext heading's underline follows its text line directly, so it is
 *   not one. A `---` written by hand on its own paragraph counts as a separator too.
 * - Each write moves the file's newest section (everything above its first separator) down as
 *   the first earlier run, and keeps at most {@link EARLIER_RUNS_KEPT} earlier runs, counted by
 *   the separator: the oldest beyond that are dropped, so a file cannot grow without end.
 * - Empty sections are skipped, so two separators never follow each other.
 * - The "Earlier runs" heading is written once, under the first separator; a heading of that
 *   exact text found there is not kept twice. Any other text (a note someone wrote under a
 *   separator) is kept as part of the run below it.
 * - Output ends with one newline; `\r\n` line ends are read as `\n`. Nothing depends on the clock.
 *
 * @module
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

/** How many earlier runs a results file keeps below the newest one. */
export const EARLIER_RUNS_KEPT = 5

/** The heading written under the first separator. */
export const EARLIER_RUNS_HEADING = '## Earlier runs (newest first)'

const SEPARATOR = '---'

/** Options of {@link writeResult}. */
export interface WriteResultOptions {
  /**
   * Add `markdown` at the end of the file's newest run instead of starting a new run: for a
   * script that completes the run another script just wrote (`eval-extract-rules.ts --write`
   * after `eval-extract.ts`).
   * @default false
   */
  readonly append?: boolean
}

/**
 * Writes `markdown` as the newest run of the results file at `path` (created with its folder if
 * missing), keeping what the file held below it as described in this module's rules.
 */
export function writeResult(path: string | URL, markdown: string, options: WriteResultOptions = {}): void {
  const file = typeof path === 'string' ? path : fileURLToPath(path)
  const previous = existsSync(file) ? readFileSync(file, 'utf8') : ''
  const content = options.append === true ? appendToNewestRun(previous, markdown) : withNewRun(previous, markdown)
  mkdirSync(dirname(file), { recursive: true })
  // Through a temporary file and a rename, so a run cut off mid-write leaves the history whole.
  const temporary = `${file}.${process.pid}.tmp`
  writeFileSync(temporary, content)
  renameSync(temporary, file)
}

/** The file's text after a new run: `markdown` on top, the earlier runs below. */
function withNewRun(previous: string, markdown: string): string {
  const [newest = '', ...older] = sections(previous)
  const earlier = [demoteTitle(newest), ...older].filter((section) => section !== '').slice(0, EARLIER_RUNS_KEPT)
  return join([ownSections(markdown), ...earlier])
}

/** The file's text after `markdown` is added to the end of its newest run. */
function appendToNewestRun(previous: string, markdown: string): string {
  const [newest = '', ...older] = sections(previous)
  const added = ownSections(markdown)
  return join([newest === '' ? added : `${newest}\n\n${added}`, ...older])
}

function join(runs: readonly string[]): string {
  const [newest = '', ...earlier] = runs
  const parts = [newest]
  earlier.forEach((run, i) => parts.push(SEPARATOR, i === 0 ? `${EARLIER_RUNS_HEADING}\n\n${run}` : run))
  return `${parts.filter((part) => part !== '').join('\n\n')}\n`
}

const lines = (text: string): string[] => text.split(/\r?\n/)

/** A run's own markdown, without a separator at its start or end (which would stack on the file's). */
const ownSections = (markdown: string): string => sections(markdown).filter((section) => section !== '').join(`\n\n${SEPARATOR}\n\n`)

/**
 * The code fence open after `line`, given the one open before it (`undefined`: none). A fence
 * closes on a line of at least as many of its characters and nothing else.
 */
function fenceAfter(open: string | undefined, line: string): string | undefined {
  const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1]
  if (open === undefined) return marker
  const closes = marker !== undefined && marker[0] === open[0] && marker.length >= open.length && line.trim() === marker
  return closes ? undefined : open
}

/** The file's sections between separators, each without its surrounding blank lines (and the heading of the first earlier one). */
function sections(text: string): string[] {
  const found: string[][] = [[]]
  let open: string | undefined
  let previousBlank = true
  for (const line of lines(text)) {
    const inFence = open !== undefined
    open = fenceAfter(open, line)
    if (!inFence && open === undefined && previousBlank && line.trim() === SEPARATOR) {
      found.push([])
      continue
    }
    found.at(-1)!.push(line)
    previousBlank = line.trim() === ''
  }
  return found.map((section, i) => {
    const body = trimBlankLines(section)
    if (i === 1 && body[0] === EARLIER_RUNS_HEADING) return trimBlankLines(body.slice(1)).join('\n')
    return body.join('\n')
  })
}

/** `section` with its first `# ` title (outside code fences) made a `## ` one. */
function demoteTitle(section: string): string {
  const out = lines(section)
  let open: string | undefined
  for (let i = 0; i < out.length; i++) {
    const line = out[i]!
    const inFence = open !== undefined
    open = fenceAfter(open, line)
    if (!inFence && open === undefined && line.startsWith('# ')) {
      out[i] = `#${line}`
      break
    }
  }
  return out.join('\n')
}

function trimBlankLines(section: readonly string[]): string[] {
  let start = 0
  let end = section.length
  while (start < end && section[start]!.trim() === '') start++
  while (end > start && section[end - 1]!.trim() === '') end--
  return section.slice(start, end)
}
