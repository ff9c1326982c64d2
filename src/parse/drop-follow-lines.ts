/**
 * The "follow us" lines that close an article: "Puede escribirnos a … o seguir a Materia en
 * Facebook, Twitter, Instagram", "Suivez-nous sur Facebook et X", "Folge uns auf Instagram und
 * TikTok". In any language they name two social networks or more, and the networks' names are
 * the same in every language; a paragraph of the story that names two of them (a story about
 * social media) is inside the text, not after its end, so only the article's last lines are read.
 *
 * @module
 */
import { type ArticleRule, dropTrailingLines } from './article-rule.js'
import { measureLength } from '../text/measure-length.js'

/** Social networks and messaging services, by the names pages write in every language. */
const NETWORKS =
  /(?<![\p{L}\p{N}])(facebook|twitter|instagram|youtube|linkedin|whatsapp|telegram|tiktok|pinterest|snapchat|mastodon|bluesky|threads|reddit|flipboard|vkontakte|weibo|wechat|微博|微信|line|x)(?![\p{L}\p{N}])/giu
/** Names that are also ordinary words: they count only beside a name that is not ("Facebook et X"). */
const AMBIGUOUS = new Set(['threads', 'line', 'x'])
/** A follow line is at most this long (Latin-equivalent characters); a longer paragraph is text. */
export const FOLLOW_LINE_MAX_LENGTH = 300
/** Names of this many networks make a follow line. */
export const MIN_NETWORKS = 2

/** Drops, from the end of the article, the lines that name {@link MIN_NETWORKS} social networks or more (see the module documentation). */
export const dropFollowLines: ArticleRule = (kept, view) => dropTrailingLines(kept, view, isFollowLine)

/** Whether a line names {@link MIN_NETWORKS} social networks or more and is short enough to be a call to follow them. */
export function isFollowLine(text: string): boolean {
  if (measureLength(text) > FOLLOW_LINE_MAX_LENGTH) return false
  const names = new Set<string>()
  let plain = false
  for (const match of text.matchAll(NETWORKS)) {
    const name = match[1]!.toLowerCase()
    names.add(name)
    if (!AMBIGUOUS.has(name)) plain = true
  }
  return plain && names.size >= MIN_NETWORKS
}
