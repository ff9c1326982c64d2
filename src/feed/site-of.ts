/**
 * The site an article belongs to, for boilerplate counting: its `site` field (trimmed,
 * lower-cased), else the host of its `url` without a leading `www.`, else `null` (then no
 * paragraph of it is ever called boilerplate).
 */
export function siteOf(article: { site?: unknown; url?: unknown }): string | null {
  if (typeof article.site === 'string' && article.site.trim() !== '') return article.site.trim().toLowerCase()
  if (typeof article.url === 'string') {
    try {
      const host = new URL(article.url).hostname.toLowerCase()
      if (host !== '') return host.replace(/^www\./, '')
    } catch {
      return null
    }
  }
  return null
}
