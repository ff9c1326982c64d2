/**
 * Evaluates cross-article deduplication on labelled feeds built from real articles: NTREX-128
 * (123 stories × 21 languages; the same story in two languages is NOT a copy) and Wikinews FR
 * (100 articles). Labels come from injection: this script adds, with a fixed seed, copies of
 * real articles (every pattern of real syndication below), per-site boilerplate, and short
 * lines shared by unrelated stories on different sites.
 *
 * The stories are split in two halves by story (all translations of a story in the same half):
 * thresholds are swept on the tuning half, figures are reported on the other.
 *
 * Run: node --import tsx bench/eval-feed.ts   → prints and writes bench/results/feed.md
 */
import { readFileSync } from 'node:fs'
import { createDeduplicator } from '../src/feed/create-deduplicator.js'
import type { DeduplicatorOptions } from '../src/feed/feed-options.js'
import type { FeedResult } from '../src/feed/types.js'
import { measureLength } from '../src/text/measure-length.js'
import { normalizeText } from '../src/text/normalize-text.js'
import { seeded } from '../src/text/hash.js'
import { writeResult } from './write-result.js'

const NTREX = new URL('../../shared/datasets/ntrex128-news/ntrex128_news.jsonl', import.meta.url)
const WIKINEWS = new URL('../../shared/datasets/wikinews-fr-100/wikinews_fr_100.jsonl', import.meta.url)
/** `detect.minLength` of clean(): shorter paragraphs are the "short lines". */
const MIN_LENGTH = 40

interface Source { id: string; story: string; site: string; lang: string; title: string; paragraphs: string[] }

// ---- real articles ----
/** The articles, NTREX segments (sentences) joined `perParagraph` by `perParagraph` into paragraphs. */
function readSources(perParagraph: number): Source[] {
  const sources: Source[] = []
  for (const line of readFileSync(NTREX, 'utf8').split('\n')) {
    if (!line.trim()) continue
    const r = JSON.parse(line) as { id: string; lang: string; outlet: string; title: string; paragraphs: string[] }
    const paragraphs: string[] = []
    const glue = r.lang === 'ja' || r.lang === 'zh-CN' ? '' : ' '
    for (let i = 0; i < r.paragraphs.length; i += perParagraph) paragraphs.push(r.paragraphs.slice(i, i + perParagraph).join(glue))
    const story = r.id.split('.').slice(0, 2).join('.')
    sources.push({ id: r.id, story, site: `${r.outlet}.${r.lang}.example`, lang: r.lang, title: r.title, paragraphs })
  }
  for (const line of readFileSync(WIKINEWS, 'utf8').split('\n')) {
    if (!line.trim()) continue
    const r = JSON.parse(line) as { id: string; title: string; blocks: Array<{ tag: string; text: string }> }
    const paragraphs = r.blocks.filter((b) => b.tag !== 'h1').map((b) => b.text)
    sources.push({ id: `wikinews.${r.id}`, story: `wikinews.${r.id}`, site: 'fr.wikinews.example', lang: 'fr', title: r.title, paragraphs })
  }
  return sources
}

/** A stable half for each story (FNV-1a of its id): 0 = tuning, 1 = report. */
function halfOf(story: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < story.length; i++) h = Math.imul(h ^ story.charCodeAt(i), 0x01000193)
  return (h >>> 0) % 2
}

// ---- per-site boilerplate (our own text) ----
const HEADERS = [
  (s: string) => `${s} — the news as it happens. Subscribe for full access to every article, the archive and the daily newsletter.`,
  (s: string) => `Listen to this article on ${s} or read it in the app: breaking news alerts, podcasts and the morning briefing.`,
]
const FOOTERS = [
  (s: string) => `© 2024 ${s}. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.`,
  (s: string) => `Follow ${s} on social media and download our app for breaking news alerts and the stories that matter.`,
  (s: string) => `Advertisement — continue reading below. ${s} is supported by its readers: become a member today.`,
]
const boilerplateOf = (site: string): { header: string; footer: string } => ({
  header: HEADERS[site.length % HEADERS.length]!(site),
  footer: FOOTERS[site.length % FOOTERS.length]!(site),
})

/** Short lines that unrelated stories share on different sites (our own text): section titles, agency credits, datelines. */
const SHORT: Record<string, string[]> = {
  fr: ['Réactions', '(AFP)', 'Contexte', 'Paris, le 12 mars', 'Ce qu’il faut savoir', '(Reuters)'],
  en: ['Reactions', '(AP)', 'Background', 'London, 12 March', 'What we know', '(Reuters)'],
  de: ['Reaktionen', '(dpa)', 'Hintergrund', 'Berlin, 12. März', 'Was wir wissen', '(AFP)'],
  es: ['Reacciones', '(EFE)', 'Contexto', 'Madrid, 12 de marzo', 'Lo que sabemos', '(AFP)'],
  it: ['Reazioni', '(ANSA)', 'Il contesto', 'Roma, 12 marzo', '(AFP)'],
  pt: ['Reações', '(Lusa)', 'Contexto', 'Lisboa, 12 de março', '(AFP)'],
}
const shortLines = (lang: string): string[] => SHORT[lang] ?? ['(AFP)', '(Reuters)', '(AP)', '12.03.2024']

// ---- the feed of one half ----
type Transform =
  | 'exact' | 'same-site-verbatim' | 'same-site-edited' | 'drop-first' | 'drop-last' | 'add-first' | 'add-last'
  | 'swap' | 'edit-1' | 'edit-2' | 'copier-boilerplate+drop-first' | 'scraped+drop-first' | 'reposted-3-times' | 'chain'
const TRANSFORMS: Transform[] = [
  'exact', 'same-site-verbatim', 'same-site-edited', 'drop-first', 'drop-last', 'add-first', 'add-last',
  'swap', 'edit-1', 'edit-2', 'copier-boilerplate+drop-first', 'scraped+drop-first', 'reposted-3-times', 'chain',
]
interface FeedItem {
  id: string
  site: string
  title: string
  text: string
  published: string
  cluster: string
  transform: Transform | 'original'
  /** For a copy: the id of the article it was made from (the root for all but chains). */
  from: string | null
}

/** A date in one of the forms feeds use, some without a zone (read as UTC). */
function dateText(ms: number, form: number): string {
  const iso = new Date(ms).toISOString()
  switch (form % 5) {
    case 0: return iso
    case 1: return iso.slice(0, 19) // no zone
    case 2: return new Date(ms).toUTCString() // RFC 1123, GMT
    case 3: return iso.slice(0, 10) // a date only
    default: return iso.slice(0, 19) + '+00:00'
  }
}

function buildFeed(half: number, seed: number, sources = readSources(3)): { feed: FeedItem[]; added: Set<string>; shortInserted: number } {
  const rand = seeded(seed)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T
  const mine = sources.filter((s) => halfOf(s.story) === half)
  const sites = [...new Set(mine.map((s) => s.site))].sort()
  const added = new Set<string>()
  let shortInserted = 0
  const dress = (site: string, paragraphs: string[]): string[] => {
    if (rand() < 0.3) return paragraphs
    const { header, footer } = boilerplateOf(site)
    return rand() < 0.5 ? [...paragraphs, footer] : [header, ...paragraphs, footer]
  }
  const editWords = (p: string, n: number): string => {
    const words = p.split(' ')
    if (words.length < 6) return p + ' (mis à jour)'
    for (let i = 0; i < n; i++) words[Math.floor(rand() * words.length)] = pick(words) // same language, same script
    return words.join(' ')
  }
  const otherParagraph = (src: Source): string => {
    const other = pick(mine.filter((s) => s.lang === src.lang && s.story !== src.story))
    const p = pick(other.paragraphs)
    added.add(normalizeText(p))
    return p
  }
  const start = Date.UTC(2024, 2, 1)
  const day = 86_400_000
  const originals: FeedItem[] = mine.map((s, i) => {
    let paragraphs = [...s.paragraphs]
    // A fifth of the stories carry 1–2 short lines shared with unrelated stories.
    if (rand() < 0.2) {
      for (let k = 0; k < 1 + Math.floor(rand() * 2); k++) {
        paragraphs.splice(1 + Math.floor(rand() * paragraphs.length), 0, pick(shortLines(s.lang)))
        shortInserted++
      }
    }
    paragraphs = dress(s.site, paragraphs)
    const ms = start + Math.floor(rand() * 20 * day)
    return { id: s.id, site: s.site, title: s.title, text: paragraphs.join('\n\n'), published: dateText(ms, i), cluster: s.id, transform: 'original', from: null }
  })
  for (let i = originals.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1))
    ;[originals[i], originals[j]] = [originals[j]!, originals[i]!]
  }
  const feed: FeedItem[] = [...originals]
  const bySource = new Map(mine.map((s) => [s.id, s]))
  const insertAfter = (after: FeedItem, item: FeedItem): void => {
    const at = feed.indexOf(after)
    feed.splice(at + 1 + Math.floor(rand() * (feed.length - at)), 0, item)
  }
  let t = 0
  for (const orig of originals.filter(() => rand() < 0.25)) {
    const src = bySource.get(orig.id)!
    const how = TRANSFORMS[t++ % TRANSFORMS.length]!
    const otherSites = sites.filter((s) => s.split('.')[1] === src.site.split('.')[1] && s !== src.site)
    const elsewhere = (): string => (otherSites.length === 0 ? src.site : pick(otherSites))
    let ps = orig.text.split('\n\n').filter((p) => p !== boilerplateOf(src.site).header && p !== boilerplateOf(src.site).footer)
    let site = elsewhere()
    let keepOwnDress = false
    switch (how) {
      // The whole page verbatim, the original's boilerplate included, nothing of the copier's.
      case 'exact': ps = orig.text.split('\n\n'); keepOwnDress = true; break
      case 'same-site-verbatim': site = src.site; ps = orig.text.split('\n\n'); keepOwnDress = true; break
      case 'same-site-edited': site = src.site; ps = ps.map((p, k) => (k === 1 % ps.length ? editWords(p, 2) : p)); break
      case 'drop-first': if (ps.length > 2) ps = ps.slice(1); break
      case 'drop-last': if (ps.length > 2) ps = ps.slice(0, -1); break
      case 'add-first': ps = [otherParagraph(src), ...ps]; break
      case 'add-last': ps = [...ps, otherParagraph(src)]; break
      case 'swap': if (ps.length > 1) { const k = Math.floor(rand() * (ps.length - 1)); [ps[k], ps[k + 1]] = [ps[k + 1]!, ps[k]!] } break
      case 'edit-1': case 'edit-2': {
        for (let e = 0; e < (how === 'edit-1' ? 1 : 2); e++) {
          const k = Math.floor(rand() * ps.length)
          ps[k] = editWords(ps[k]!, 2 + Math.floor(rand() * 3))
        }
        break
      }
      case 'copier-boilerplate+drop-first': {
        if (ps.length > 2) ps = ps.slice(1)
        const { header, footer } = boilerplateOf(site)
        ps = [header, ...ps, footer]
        keepOwnDress = true
        break
      }
      case 'scraped+drop-first': {
        // The page scraped with the original's boilerplate, its first paragraph dropped, inside the copier's own.
        const all = orig.text.split('\n\n')
        const first = all.findIndex((p) => p === ps[0])
        if (ps.length > 2) all.splice(first, 1)
        const { header, footer } = boilerplateOf(site)
        ps = [header, ...all, footer]
        keepOwnDress = true
        break
      }
      case 'reposted-3-times': site = src.site; ps = orig.text.split('\n\n'); keepOwnDress = true; break
      case 'chain': if (ps.length > 2) ps = ps.slice(1); break
    }
    const published = dateText(Date.UTC(2024, 2, 1) + Math.floor(rand() * 20 * day), t) // out of order with the original's
    const copy: FeedItem = {
      id: `${orig.id}~${how}`, site, title: orig.title, text: (keepOwnDress ? ps : dress(site, ps)).join('\n\n'),
      published, cluster: orig.id, transform: how, from: orig.id,
    }
    insertAfter(orig, copy)
    if (how === 'reposted-3-times') {
      // The site publishes it twice more: once with a paragraph edited, once verbatim again.
      const edited = ps.map((p, k) => (k === ps.length - 2 ? editWords(p, 2) : p))
      const second: FeedItem = { ...copy, id: `${orig.id}~repost2`, text: edited.join('\n\n') }
      insertAfter(copy, second)
      insertAfter(second, { ...copy, id: `${orig.id}~repost3` })
    }
    if (how === 'chain') {
      // A copy of the copy, on a third site, one paragraph edited: linked to the root.
      const third = elsewhere()
      const body = copy.text.split('\n\n').filter((p) => p !== boilerplateOf(site).header && p !== boilerplateOf(site).footer)
      const k = Math.floor(rand() * body.length)
      body[k] = editWords(body[k]!, 2)
      if (body.length > 2) body.pop()
      insertAfter(copy, { ...copy, id: `${orig.id}~chain2`, site: third, text: dress(third, body).join('\n\n'), from: copy.id })
    }
  }
  return { feed, added, shortInserted }
}

// ---- run and score ----
interface Score { p: number; r: number; tp: number; fp: number; fn: number }
const score = (tp: number, fp: number, fn: number): Score => ({
  p: tp + fp === 0 ? 1 : tp / (tp + fp),
  r: tp + fn === 0 ? 1 : tp / (tp + fn),
  tp, fp, fn,
})
const pairs = (groups: Map<string, string[]>): Set<string> => {
  const out = new Set<string>()
  for (const ids of groups.values()) for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) out.add([ids[i], ids[j]].sort().join('|'))
  return out
}

async function evaluate(feed: FeedItem[], added: Set<string>, options: DeduplicatorOptions = {}) {
  const dedup = createDeduplicator(options)
  const results: FeedResult[] = []
  const started = performance.now()
  for (const item of feed) results.push(await dedup.add({ id: item.id, site: item.site, title: item.title, text: item.text, published: item.published }))
  const seconds = (performance.now() - started) / 1000
  await dedup.close()
  const byId = new Map(feed.map((x) => [x.id, x]))
  const parent = new Map<string, string>()
  const find = (x: string): string => {
    while (parent.has(x) && parent.get(x) !== x) x = parent.get(x)!
    return x
  }
  for (const r of results) if (r.duplicate) parent.set(find(r.id), find(r.duplicate.of))
  const gold = new Map<string, string[]>()
  const predicted = new Map<string, string[]>()
  for (const item of feed) {
    gold.set(item.cluster, [...(gold.get(item.cluster) ?? []), item.id])
    const root = find(item.id)
    predicted.set(root, [...(predicted.get(root) ?? []), item.id])
  }
  const g = pairs(gold)
  const p = pairs(predicted)
  let tp = 0
  for (const x of p) if (g.has(x)) tp++
  const falsePairs = [...p].filter((x) => !g.has(x))
  const missedPairs = [...g].filter((x) => !p.has(x))
  const perTransform = new Map<string, [number, number]>()
  let rootLinked = 0, chains = 0, exactCopies = 0, exactAsCopy1 = 0
  feed.forEach((item, i) => {
    if (item.transform === 'original') return
    const r = results[i]!
    const key = item.id.endsWith('~chain2') ? 'chain (copy of the copy)' : /~repost[23]$/.test(item.id) ? 'reposted-3-times (2nd, 3rd repost)' : item.transform
    const [found, all] = perTransform.get(key) ?? [0, 0]
    perTransform.set(key, [found + (r.duplicate?.of === item.cluster ? 1 : 0), all + 1])
    if (item.id.endsWith('~chain2')) {
      chains++
      if (r.duplicate?.of === item.cluster) rootLinked++
    }
    if (item.transform === 'exact' || item.transform === 'same-site-verbatim' || (item.transform === 'reposted-3-times' && !item.id.endsWith('~repost2'))) {
      exactCopies++
      if (r.duplicate?.kind === 'copy' && r.duplicate.similarity === 1) exactAsCopy1++
    }
  })
  // Paragraph verdicts.
  const goldBoilerplate = (site: string, text: string): boolean => text === boilerplateOf(site).header || text === boilerplateOf(site).footer
  let shortCut = 0, bTp = 0, bFp = 0, storyFlaggedWrongly = 0
  const shortCutExamples: string[] = []
  results.forEach((r, i) => {
    const item = feed[i]!
    for (const para of r.paragraphs) {
      const cross = para.crossDuplicate
      if (cross === null) continue
      const isBoilerplate = goldBoilerplate(item.site, para.text)
      if (cross.kind === 'boilerplate') {
        if (isBoilerplate) bTp++
        else if (measureLength(para.text) >= MIN_LENGTH) bFp++
        continue
      }
      const otherCluster = byId.get(cross.of.article)?.cluster !== item.cluster
      if (!otherCluster) continue
      if (measureLength(para.text) < MIN_LENGTH) {
        shortCut++
        if (shortCutExamples.length < 5) shortCutExamples.push(`${item.id}: "${para.text}" as ${cross.kind} of ${cross.of.article}`)
      } else if (!isBoilerplate && !added.has(normalizeText(para.text)) && !goldBoilerplate(byId.get(cross.of.article)!.site, para.text)) {
        storyFlaggedWrongly++
      }
    }
  })
  return {
    seconds, articles: score(tp, p.size - tp, g.size - tp), falsePairs, missedPairs, perTransform,
    rootLinked, chains, exactCopies, exactAsCopy1, shortCut, shortCutExamples, bTp, bFp, storyFlaggedWrongly,
  }
}

const f = (x: number) => x.toFixed(3)
const lines: string[] = []
const say = (s = '') => { lines.push(s); console.log(s) }
const tune = buildFeed(0, 2024)
const report = buildFeed(1, 2025)
const describe = (name: string, b: ReturnType<typeof buildFeed>): string => {
  const copies = b.feed.filter((x) => x.transform !== 'original').length
  return `${name}: ${b.feed.length} articles (${b.feed.length - copies} originals, ${copies} injected copies), ` +
    `${new Set(b.feed.map((x) => x.site)).size} sites, ${b.shortInserted} shared short lines inserted`
}

say('# Feed deduplication: evaluation')
say()
say(`Generated by \`node --import tsx bench/eval-feed.ts\` (part of \`npm run eval\`) on ${new Date().toISOString().slice(0, 10)}.`)
say()
say('**Labels come from injection**, not from independent annotation. The feeds are made of real articles (NTREX-128: 123')
say('stories × 21 languages, sentences joined 3 by 3 into paragraphs; Wikinews FR: 100 articles). With a fixed seed, this script')
say('adds: per-site boilerplate (a header and a footer, or a footer, on 70 % of a site\'s articles); in a fifth of the stories')
say('1–2 short lines that unrelated stories share on different sites ("Réactions", "(AFP)", "Contexte", "Paris, le 12 mars" and')
say('their equivalents); copies of a quarter of the articles, one pattern each, in turn: ' + TRANSFORMS.map((x) => `\`${x}\``).join(', ') + '.')
say('Copies go to another site of the same language and carry that site\'s boilerplate (70 %), except same-site reposts; a')
say('`chain` (its first paragraph dropped) is copied again on a third site, one paragraph edited and the last dropped: that')
say('copy of the copy must link to the root. `exact` is the whole page verbatim, the original\'s boilerplate included;')
say('`scraped+drop-first` the same page, first paragraph dropped, inside the copier\'s own header and footer;')
say('`reposted-3-times` a story its own site publishes three more times (verbatim, one paragraph edited, verbatim). Dates are')
say('out of arrival order and in five forms, two without a zone. The 21 translations of a story are distinct articles: a')
say('cross-language false positive would show as a false pair. Stories are split in two halves (all translations of a story')
say('in one): thresholds are swept on the tuning half, figures reported on the other.')
say()
say('- ' + describe('tuning half', tune))
say('- ' + describe('report half', report))
say('- the report half again, NTREX sentences not joined (one per paragraph): a feed built differently, not tuned on')
say()

const header = '| options | pair P | pair R | false pairs | missed pairs | chains to root | exact copies as copy 1.0 | short lines cut from unrelated stories | other paragraphs wrongly flagged | boilerplate P | s |'
const row = (name: string, e: Awaited<ReturnType<typeof evaluate>>) =>
  `| ${name} | ${f(e.articles.p)} | ${f(e.articles.r)} | ${e.falsePairs.length} | ${e.missedPairs.length} | ${e.rootLinked}/${e.chains} | ${e.exactAsCopy1}/${e.exactCopies} | ${e.shortCut} | ${e.storyFlaggedWrongly} | ${f(e.bTp / Math.max(1, e.bTp + e.bFp))} | ${e.seconds.toFixed(1)} |`

say('## Tuning half: sweep')
say()
say(header)
say('|---|---|---|---|---|---|---|---|---|---|---|')
const sweep: Array<[string, DeduplicatorOptions]> = [
  ['defaults', {}],
  ['jaccardThreshold 0.6', { jaccardThreshold: 0.6 }],
  ['containmentThreshold 0.9', { containmentThreshold: 0.9 }],
  ['boilerplateMin 2', { boilerplateMin: 2 }],
]
for (const [name, options] of sweep) say(row(name, await evaluate(tune.feed, tune.added, options)))
say()
say('## Report half (defaults)')
say()
const main = await evaluate(report.feed, report.added)
say(header)
say('|---|---|---|---|---|---|---|---|---|---|---|')
say(row('defaults', main))
// A feed built differently: one sentence per paragraph (more, shorter paragraphs; edits weigh more).
const sentences = buildFeed(1, 2025, readSources(1))
say(row('defaults, the report half built with one sentence per paragraph', await evaluate(sentences.feed, sentences.added)))
say()
say('Copies linked to their root, by injected pattern (report half, defaults):')
say()
say('| pattern | linked to the root | total |')
say('|---|---|---|')
for (const [k, [found, all]] of [...main.perTransform].sort()) say(`| ${k} | ${found} | ${all} |`)
if (main.falsePairs.length > 0) say(`\nFalse pairs: ${main.falsePairs.slice(0, 10).join(', ')}`)
if (main.missedPairs.length > 0) say(`\nMissed pairs (first 10): ${main.missedPairs.slice(0, 10).join(', ')}`)
if (main.shortCutExamples.length > 0) say(`\nShort lines cut: ${main.shortCutExamples.join('; ')}`)
say()
say('Reading: "short lines cut from unrelated stories" counts paragraphs under `minLength` (40, measured like `clean()`) flagged')
say('`exact` or `near` as a repeat of an article of another story; "other paragraphs wrongly flagged" the same for longer')
say('paragraphs (those copied by `add-first`/`add-last` and boilerplate are true repeats and not counted). Boilerplate P: share')
say('of the paragraphs flagged `boilerplate` that are injected boilerplate (short lines a site repeats across its own stories')
say('may be its boilerplate, by the rule, and are not counted either way).')
writeResult(new URL('./results/feed.md', import.meta.url), lines.join('\n') + '\n')
