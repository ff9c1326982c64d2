import type { RawMember } from '../io/raw-members.js'
import { fillJsonLine, jsonLineTemplate, type JsonLineTemplate } from '../output/json-line-template.js'
import { keptParagraphs } from '../output/kept-paragraphs.js'
import type { CleanResult } from '../types.js'
import { resultFields, resultHead, resultTail } from './build-result.js'
import type { Verdict } from './judge-article.js'
import type { PreparedArticle } from './prepare-article.js'

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
  /** Per paragraph, its index (what the verdict's flags name). */
  indexes: number[]
  /**
   * Per paragraph, its text as it goes into the cleaned `text` (its repeated sentences cut), JSON
   * escaped without the quotes; `null` for an in-article repeat (never in `text`).
   */
  kept: Array<string | null>
  /** The `clean()` result's warnings (the CLI reports them on stderr). */
  warnings?: CleanResult['warnings']
  /** From the field after `paragraphs` to the closing brace and newline. */
  tail: string
}

/**
 * The {@link ResultLineParts} of a prepared article's result, for an input line whose members
 * have the keys `rawKeys` (see `jsonLineTemplate`; none for a record not read from JSON text).
 * With {@link resultLine}, the line that `toJsonLine(buildResult(prepared, verdict, outsideWindow),
 * raw, computed)` gives, byte for byte, `computed` being every result field but `id` when the
 * id is the input's own.
 */
export function resultLineParts(prepared: PreparedArticle, rawKeys: readonly string[] | undefined): ResultLineParts {
  const head = jsonLineTemplate(resultHead(prepared), rawKeys, resultFields(prepared.idGenerated))
  const last = head.parts.length - 1
  // The head is a whole object: its closing brace and newline go, the verdict's fields follow.
  head.parts[last] = (head.parts[last] as string).slice(0, -'}\n'.length)
  // Each paragraph as the result has it (`crossDuplicate` last), cut before that value.
  const asResult = prepared.cleaned.paragraphs.map((p) => ({ ...p, crossDuplicate: null }))
  const paragraphs = asResult.map((p) => JSON.stringify(p).slice(0, -'null}'.length))
  // The cleaned text of a verdict that flags paragraphs is these joined by a blank line (as
  // cleanedText joins them): JSON-escaped one by one, the same as the whole escaped at once, a
  // line break standing between any two.
  const kept = keptParagraphs(asResult)
  let k = 0
  const keptTexts = prepared.cleaned.paragraphs.map((p) => (p.duplicate !== null ? null : JSON.stringify((kept[k++] as { text: string }).text).slice(1, -1)))
  const tail = JSON.stringify(resultTail(prepared))
  const parts: ResultLineParts = {
    head,
    text: JSON.stringify(prepared.cleaned.text),
    paragraphs,
    indexes: prepared.cleaned.paragraphs.map((p) => p.index),
    kept: keptTexts,
    tail: `,${tail.slice(1)}\n`,
  }
  if (prepared.cleaned.warnings !== undefined) parts.warnings = prepared.cleaned.warnings
  return parts
}

/**
 * The result line of a judged article from its {@link ResultLineParts} and the texts of its
 * input line's members (those the parts were made for).
 */
export function resultLine(parts: ResultLineParts, raw: readonly RawMember[] | undefined, verdict: Verdict, outsideWindow: boolean): string {
  let line = `${fillJsonLine(parts.head, raw)},"duplicate":${JSON.stringify(verdict.duplicate)}`
  if (outsideWindow) line += ',"outsideWindow":true'
  const { indexes } = parts
  let anyCross = false
  for (const index of indexes) if (verdict.cross.has(index)) anyCross = true
  let text = parts.text
  if (anyCross) {
    const kept: string[] = []
    indexes.forEach((index, i) => {
      const piece = parts.kept[i]
      if (piece !== null && piece !== undefined && !verdict.cross.has(index)) kept.push(piece)
    })
    text = `"${kept.join('\\n\\n')}"`
  }
  line += `,"text":${text},"paragraphs":[`
  for (let i = 0; i < indexes.length; i++) {
    line += `${i === 0 ? '' : ','}${parts.paragraphs[i] as string}${JSON.stringify(verdict.cross.get(indexes[i] as number) ?? null)}}`
  }
  return `${line}]${parts.tail}`
}
