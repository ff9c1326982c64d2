/**
 * Boxes inside the article that the page's own markup names as something else: share and
 * social buttons, "related" and "recommended" lists, newsletter and sign-up forms, paywall
 * prompts, comments, donation appeals, ad slots. Readability drops elements with such names only
 * while it looks for candidates, and not when the name also says "content" or "article"
 * (`content-form-account-paywall`); its kept container can hold them.
 *
 * Names are read as words (`article-share__buttons` → article, share, buttons; `relatedPosts`
 * → related, posts), so a word inside another one ("shareholders", "commentary") does not
 * count. The class names are the page's developers' vocabulary, English almost everywhere,
 * with a few common local ones; trafilatura's discard lists name the same boxes.
 *
 * An element that holds most of the article is the article's own wrapper (`post has-comments`,
 * a `<body>` named `paywall`), and boxes of one name that hold most of it together are the
 * article's paragraphs (each named for the paywall they are behind): neither is dropped.
 *
 * @module
 */
import type { ArticleRule } from './article-rule.js'

/** Words of class names and ids that name a box that is not the article's text. */
export const BOX_WORDS: ReadonlySet<string> = new Set([
  // Sharing and following.
  'share', 'shares', 'sharing', 'sharebar', 'sharedaddy', 'social', 'socials', 'follow', 'compartir', 'compartilhar', 'partage', 'partager', 'condividi', 'teilen', 'udostepnij',
  // Other articles.
  'related', 'relacionadas', 'relacionados', 'correlati', 'recommended', 'recommendations', 'recommendation', 'outbrain', 'taboola', 'trending', 'popular', 'teasers',
  // Forms and prompts.
  'newsletter', 'newsletters', 'subscribe', 'subscription', 'signup', 'paywall', 'donate', 'donation', 'donations',
  // Readers' comments.
  'comments', 'comment', 'respond', 'replies', 'disqus', 'kommentare', 'kommentar', 'commentaires', 'comentarios', 'commenti', 'komentarze', 'komentare', 'reacties',
  // Advertising.
  'advert', 'advertisement', 'advertising', 'adslot', 'sponsored', 'promo',
])

/**
 * Word pairs that name such a box ("more-stories", "see-also"). Not "read more": pages put the
 * rest of the article in a `read-more-content` box.
 */
const BOX_PAIRS: ReadonlySet<string> = new Set(['more stories', 'more news', 'see also', 'most read', 'you may', 'also read', 'lire aussi', 'leia tambem', 'lea tambien'])

/** A named element, or the elements of one name, holding this share of the article's characters or more are the article. */
export const BOX_MAX_SHARE = 0.5

/**
 * Drops the article's blocks inside an element whose class or id names a box that is not text
 * (see {@link BOX_WORDS}), unless that element, or the elements of its name, hold
 * {@link BOX_MAX_SHARE} of the article or more.
 */
export const dropNamedBoxes: ArticleRule = (kept, view) => {
  const { structure } = view
  const named = new Map<number, boolean>()
  const isBox = (e: number): boolean => {
    let is = named.get(e)
    if (is === undefined) {
      is = namesBox(structure.names[e]!)
      named.set(e, is)
    }
    return is
  }
  // The article's characters under each named element, and under each name: a page that names
  // each of its paragraphs `paywall` (the text behind the paywall) has one name over most of it.
  const byElement = new Map<number, number>()
  const byName = new Map<string, number>()
  const nearest: number[] = []
  let total = 0
  for (const k of kept) {
    const visible = view.marks.visible[k]!
    total += visible
    let first = -1
    const names = new Set<string>()
    for (let e = structure.element[k] ?? -1; e >= 0; e = structure.parent[e]!) {
      if (!isBox(e)) continue
      if (first < 0) first = e
      byElement.set(e, (byElement.get(e) ?? 0) + visible)
      names.add(structure.names[e]!)
    }
    for (const name of names) byName.set(name, (byName.get(name) ?? 0) + visible)
    nearest.push(first)
  }
  const limit = BOX_MAX_SHARE * total
  // The nearest named element is the smallest: when it holds too much of the article to be a box, so do those around it.
  return kept.filter((_k, i) => {
    const box = nearest[i]!
    return box < 0 || byElement.get(box)! >= limit || byName.get(structure.names[box]!)! >= limit
  })
}

/** Whether class names and an id (as written) name a box: one of {@link BOX_WORDS}, or one of the pairs, as words. */
export function namesBox(names: string): boolean {
  if (names === '') return false
  const words = wordsOf(names)
  for (let i = 0; i < words.length; i++) {
    if (BOX_WORDS.has(words[i]!)) return true
    if (i > 0 && BOX_PAIRS.has(`${words[i - 1]} ${words[i]}`)) return true
  }
  return false
}

/** The words of class names: split at anything but letters and digits, and where a lower-case letter meets an upper-case one (`relatedPosts`). */
function wordsOf(names: string): string[] {
  return names
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '')
}

