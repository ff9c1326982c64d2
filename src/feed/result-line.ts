import type { RawMember } from '../io/raw-members.js'
import { fillJsonLine, jsonLineTemplate, type JsonLineTemplate } from '../output/json-line-template.js'
import { cleanedText } from '../output/kept-paragraphs.js'
import { FEED_RESULT_FIELDS, resultHead, resultTail } from './build-result.js'
import type { Verdict } from './judge-article.js'
import type { PreparedArticle } from './prepare-article.js'

/** The computed fields of a result whose id is the input's own: its `id` is written as the input wrote it. */
const FIELDS_BUT_ID: ReadonlySet<string> = new Set([...FEED_RESULT_FIELDS].filter((field) => field !== 'id'))

/**
 * An article's result line (the CLI's `feed` output) serialized but for what depends on the
 * verdict: made where the article is staged (a worker thread), so the thread that judges only
 * joins strings. Plain strings and numbers: it crosses threads cheaply.
 */
export interface ResultLineParts {
  /** From `{` to the `confidence` field: a template whose gaps are the input line's carried-over member texts. */
  head: JsonLineTemplate
  /** `text` as JSON, for a verdict that flags no paragraph. */
  text: string
  /** Per paragraph, its JSON up to its `crossDuplicate` value (`{"text":…,"crossDuplicate":`). */
  paragraphs: string[]
  /** From the field after `paragraphs` to the closing brace and newline. */
  tail: string
}

/**
 * The {@link ResultLineParts} of a prepared article's result, for an input line whose members
 * have the keys `rawKeys` (see `jsonLineTemplate`; none for a record not read from JSON text).
 * With {@link resultLine}, the line `toJsonLine(buildResult(prepared, verdict, outsideWindow),
 * raw, computed)` gives, byte for byte, `computed` being every result field but `id` when the
 * id is the input's own.
 */
export function resultLineParts(prepared: PreparedArticle, rawKeys: readonly string[] | undefined): ResultLineParts {
  const head = jsonLineTemplate(resultHead(prepared), rawKeys, prepared.idGenerated ? FEED_RESULT_FIELDS : FIELDS_BUT_ID)
  const last = head.parts.length - 1
  // The head is a whole object: its closing brace and newline go, the verdict's fields follow.
  head.parts[last] = (head.parts[last] as string).slice(0, -'}\n'.length)
  // Each paragraph as the result has it (`crossDuplicate` last), cut before that value.
  const paragraphs = prepared.cleaned.paragraphs.map((p) => JSON.stringify({ ...p, crossDuplicate: null }).slice(0, -'null}'.length))
  const tail = JSON.stringify(resultTail(prepared))
  return { head, text: JSON.stringify(prepared.cleaned.text), paragraphs, tail: `,${tail.slice(1)}\n` }
}

/**
 * The result line of a judged article from its {@link ResultLineParts} (made from the same
 * prepared article) and the texts of its input line's members.
 */
export function resultLine(parts: ResultLineParts, raw: readonly RawMember[] | undefined, prepared: PreparedArticle, verdict: Verdict, outsideWindow: boolean): string {
  let line = `${fillJsonLine(parts.head, raw)},"duplicate":${JSON.stringify(verdict.duplicate)}`
  if (outsideWindow) line += ',"outsideWindow":true'
  const paragraphs = prepared.cleaned.paragraphs
  let anyCross = false
  for (const p of paragraphs) if (verdict.cross.has(p.index)) anyCross = true
  const text = anyCross ? JSON.stringify(cleanedText(paragraphs.map((p) => ({ ...p, crossDuplicate: verdict.cross.get(p.index) ?? null })))) : parts.text
  line += `,"text":${text},"paragraphs":[`
  for (let i = 0; i < paragraphs.length; i++) {
    line += `${i === 0 ? '' : ','}${parts.paragraphs[i] as string}${JSON.stringify(verdict.cross.get((paragraphs[i] as { index: number }).index) ?? null)}}`
  }
  return `${line}]${parts.tail}`
}
