import type { Article, FeedInputRecord } from './types.js'

/**
 * Reads JSON Lines: one article object per line, streamed (one line in memory at a time).
 * Blank lines are skipped; a line that is not a JSON object with a string `text`, `html` or
 * `markdown` gives an error record (with its `id` when it could be read) and reading goes on.
 *
 * @param chunks Text chunks (see `textChunks`).
 * @param name Shown in error records as `source` (`file:line`).
 */
export async function* readJsonl(chunks: AsyncIterable<string>, name = '-'): AsyncGenerator<FeedInputRecord> {
  let buffer = ''
  let line = 0
  const parse = (text: string): FeedInputRecord | null => {
    line++
    if (text.trim() === '') return null
    const source = `${name}:${line}`
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch (error) {
      return { error: { code: 'E_INVALID_RECORD', message: `not JSON (${(error as Error).message})` }, source }
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return { error: { code: 'E_INVALID_RECORD', message: 'expected a JSON object' }, source }
    }
    const article = value as Article
    if (typeof article.text !== 'string' && typeof article.html !== 'string' && typeof article.markdown !== 'string') {
      const id = typeof article.id === 'string' || typeof article.id === 'number' ? String(article.id) : undefined
      return { ...(id === undefined ? {} : { id }), error: { code: 'E_INVALID_RECORD', message: 'no string `text`, `html` or `markdown`' }, source }
    }
    return { article, source }
  }
  for await (const chunk of chunks) {
    buffer += chunk
    let at: number
    while ((at = buffer.indexOf('\n')) >= 0) {
      const record = parse(buffer.slice(0, at).replace(/\r$/, ''))
      buffer = buffer.slice(at + 1)
      if (record) yield record
    }
  }
  const last = parse(buffer)
  if (last) yield last
}
