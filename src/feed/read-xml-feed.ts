import type { Article, FeedInputRecord } from './types.js'

const ITEM_START = /<(item|entry)(?=[\s>/])[^>]*>/i
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: '\u00a0' }

/** Decodes XML character references and unwraps CDATA sections. */
function xmlText(raw: string): string {
  return raw
    .split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)
    .map((part) =>
      part.startsWith('<![CDATA[')
        ? part.slice(9, -3)
        : part.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, name: string) => {
            if (name[0] === '#') {
              const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10)
              return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : all
            }
            return ENTITIES[name.toLowerCase()] ?? all
          }),
    )
    .join('')
    .trim()
}

/** The text of the first element among `names` (namespace prefix included, e.g. `content:encoded`). */
function field(xml: string, names: readonly string[]): string | undefined {
  for (const name of names) {
    const escaped = name.replace(/[.:]/g, (c) => '\\' + c)
    const match = new RegExp(`<${escaped}(?:\\s[^>]*)?>([\\s\\S]*?)</${escaped}>`, 'i').exec(xml)
    if (match && (match[1] ?? '').trim() !== '') return xmlText(match[1] as string)
  }
  return undefined
}

/** Atom `<link href>`: the `alternate` one (or one without `rel`) first. */
function atomLink(xml: string): string | undefined {
  let fallback: string | undefined
  for (const match of xml.matchAll(/<link\b([^>]*?)\/?>/gi)) {
    const attrs = match[1] ?? ''
    const href = /\bhref\s*=\s*["']([^"']*)["']/i.exec(attrs)?.[1]
    if (!href) continue
    const rel = /\brel\s*=\s*["']([^"']*)["']/i.exec(attrs)?.[1]
    if (!rel || rel === 'alternate') return xmlText(href)
    fallback ??= xmlText(href)
  }
  return fallback
}

/** One `<item>`/`<entry>` to an article: id from guid/id (else link), url, title, published, body as HTML. */
function toArticle(xml: string): Article | null {
  const url = field(xml, ['link']) ?? atomLink(xml)
  const id = field(xml, ['guid', 'id']) ?? url
  const title = field(xml, ['title'])
  const published = field(xml, ['pubDate', 'published', 'updated', 'dc:date'])
  const body = field(xml, ['content:encoded', 'content', 'description', 'summary'])
  if (body === undefined) return null
  const article: Article = { html: body }
  if (id !== undefined) article.id = id
  if (url !== undefined) article.url = url
  if (title !== undefined) article.title = title
  if (published !== undefined) article.published = published
  return article
}

/**
 * A small, tolerant streaming reader of RSS 2.0, RSS 1.0 and Atom: each `<item>` or `<entry>`
 * becomes an article (`id` from `guid`/`id`, else the link; `url`, `title`, `published` from
 * `pubDate`/`published`/`updated`; body from `content:encoded`/`content`/`description`/
 * `summary`, read as HTML). Not a validating XML parser: it reads elements by name and keeps
 * only one item in memory at a time. An item without a body gives an error record.
 *
 * @param chunks Text chunks (see `textChunks`).
 * @param name Shown in records as `source` (`file#n`).
 */
export async function* readXmlFeed(chunks: AsyncIterable<string>, name = '-'): AsyncGenerator<FeedInputRecord> {
  let buffer = ''
  let n = 0
  for await (const chunk of chunks) {
    buffer += chunk
    for (;;) {
      const start = ITEM_START.exec(buffer)
      if (!start) {
        buffer = buffer.slice(Math.max(0, buffer.length - 16))
        break
      }
      const tag = (start[1] as string).toLowerCase()
      const close = new RegExp(`</${tag}\\s*>`, 'i').exec(buffer.slice(start.index))
      if (!close) {
        buffer = buffer.slice(start.index)
        break
      }
      const inner = buffer.slice(start.index + start[0].length, start.index + close.index)
      buffer = buffer.slice(start.index + close.index + close[0].length)
      const source = `${name}#${++n}`
      const article = toArticle(inner)
      if (article) yield { article, source }
      else {
        const id = field(inner, ['guid', 'id']) ?? field(inner, ['link']) ?? atomLink(inner)
        yield { ...(id === undefined ? {} : { id }), error: { code: 'E_INVALID_RECORD', message: `<${tag}> without content, description or summary` }, source }
      }
    }
  }
}
