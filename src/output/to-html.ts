import type { CleanResult } from '../types.js'
import { escapeHtml } from './escape-html.js'
import { keptParagraphs } from './kept-paragraphs.js'

/**
 * Renders a result as an HTML fragment: an `<article lang>` holding one `<p>` per kept
 * paragraph, with `lang` on each paragraph whose language differs from the article's.
 * Everything is escaped: the output holds no markup but these elements.
 *
 * @param result A `clean()` result.
 * @example toHtml(clean('Bonjour à tous, voici les nouvelles du jour.'))
 * // '<article lang="fr">\n<p>Bonjour à tous, voici les nouvelles du jour.</p>\n</article>\n'
 */
export function toHtml(result: CleanResult): string {
  const lines = [`<article lang="${escapeHtml(result.language)}">`]
  for (const paragraph of keptParagraphs(result.paragraphs)) {
    const lang = paragraph.language !== result.language ? ` lang="${escapeHtml(paragraph.language)}"` : ''
    lines.push(`<p${lang}>${escapeHtml(paragraph.text)}</p>`)
  }
  lines.push('</article>')
  return `${lines.join('\n')}\n`
}
