/**
 * Deterministic synthetic news for the feed tests and the bench: stories made of sentences
 * of pseudo-words drawn by a seeded generator, and the edits a syndicated copy undergoes.
 */

/** The library's seeded generator (mulberry32), so fixtures are the same on every run. */
import { seeded } from '../../src/text/hash.js'

export { seeded }

const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'to', 'vi', 'de', 'po', 'la', 'chi', 'mor', 'tan', 'bel', 'fu', 'gre', 'is', 'on', 'ar']

/** A vocabulary of `size` distinct pseudo-words. */
export function vocabulary(size: number, rand: () => number): string[] {
  const words = new Set<string>()
  while (words.size < size) {
    const n = 1 + Math.floor(rand() * 3)
    let w = ''
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(rand() * SYLLABLES.length)]
    words.add(w)
  }
  return [...words]
}

const pick = <T>(list: readonly T[], rand: () => number): T => list[Math.floor(rand() * list.length)] as T

/** One sentence of 8–16 words, mixing topic words (about one in three) with common ones. */
export function sentence(rand: () => number, common: readonly string[], topic: readonly string[]): string {
  const n = 8 + Math.floor(rand() * 9)
  const words: string[] = []
  for (let i = 0; i < n; i++) words.push(rand() < 0.35 ? pick(topic, rand) : pick(common, rand))
  const s = words.join(' ')
  return s.charAt(0).toUpperCase() + s.slice(1) + '.'
}

/** A story: `paragraphs` paragraphs of 2–4 sentences. */
export function story(rand: () => number, common: readonly string[], topic: readonly string[], paragraphs = 5): string[] {
  const out: string[] = []
  for (let p = 0; p < paragraphs; p++) {
    const n = 2 + Math.floor(rand() * 3)
    const sentences: string[] = []
    for (let i = 0; i < n; i++) sentences.push(sentence(rand, common, topic))
    out.push(sentences.join(' '))
  }
  return out
}

/** Replaces `count` words of one paragraph with other words. */
export function editWords(paragraph: string, count: number, rand: () => number, words: readonly string[]): string {
  const parts = paragraph.split(' ')
  for (let i = 0; i < count; i++) {
    const at = Math.floor(rand() * parts.length)
    const end = /[.]$/.test(parts[at] as string) ? '.' : ''
    parts[at] = pick(words, rand) + end
  }
  return parts.join(' ')
}

/** A synthetic article as the feed tests use it. */
export type TestArticle = {
  id: string
  site: string
  text: string
  published?: string
  story: number
}

/** Boilerplate paragraphs of a site (a newsletter box and a copyright line). */
export function siteBoilerplate(site: string): string[] {
  return [
    `Subscribe to the ${site} newsletter to get the most important stories of the day in your inbox every morning.`,
    `© ${site} — all rights reserved. Reproduction without written permission of the publisher is prohibited.`,
  ]
}

/**
 * A labelled feed: `stories` distinct stories on one topic (they share a topic vocabulary),
 * each published by one site and copied by others with edits (a few words changed, a
 * paragraph added or dropped, the copying site's boilerplate appended). Deterministic.
 */
export function makeFeed(stories: number, seed = 1, copiesPerStory = 3): TestArticle[] {
  const rand = seeded(seed)
  const common = vocabulary(600, rand)
  const topic = vocabulary(60, rand)
  const sites = ['alpha.example', 'beta.example', 'gamma.example', 'delta.example']
  const out: TestArticle[] = []
  for (let s = 0; s < stories; s++) {
    const paragraphs = story(rand, common, topic, 4 + Math.floor(rand() * 3))
    const home = sites[s % sites.length] as string
    out.push({ id: `s${s}-0`, site: home, story: s, text: [...paragraphs, ...siteBoilerplate(home)].join('\n\n') })
    for (let c = 1; c <= copiesPerStory; c++) {
      const site = sites[(s + c) % sites.length] as string
      let body = [...paragraphs]
      const kind = (s + c) % 4
      if (kind === 0) body = body.map((p, i) => (i < 2 ? editWords(p, 3, rand, common) : p))
      else if (kind === 1) body.push(story(rand, common, topic, 1)[0] as string)
      else if (kind === 2) body = body.slice(0, -1)
      else body = body.map((p, i) => (i === 1 ? editWords(p, 2, rand, common) : p))
      out.push({ id: `s${s}-${c}`, site, story: s, text: [...body, ...siteBoilerplate(site)].join('\n\n') })
    }
  }
  return out
}
