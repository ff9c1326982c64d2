/**
 * Hashes of what the HTML path gives, to check that a change of how pages are parsed leaves
 * every output byte-identical (not part of `npm run bench`):
 *
 *   node --import tsx bench/html-output-hash.ts [--save before.json] [--compare before.json] [--mb 2]
 *
 * Sets: `bench`, the bench corpus as pages (`asHtml`, a `<p>` per paragraph), `clean()` with
 * `format: 'html'`; `pages`, the real pages of ../shared/datasets (trafilatura-eval-pages,
 * newspaper4k-testpages, readability-news-pages), each read three ways: `parseHtmlPage` (blocks
 * with offsets, title, fallback), `clean()`, `clean()` with `extract`; `shapes`, markup that
 * takes the parser's other paths (the noscript and visible-text fallbacks, unclosed elements,
 * foster parenting, the adoption agency, templates, deep nesting), and HTML inside Markdown.
 * Prints one SHA-256 per set; `--save` writes every item's hash, `--compare` names the items
 * whose hash differs from a saved run's.
 */
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { clean } from '../src/clean.js'
import { loadLanguageModel } from '../src/language/fasttext-model.js'
import { parseHtmlPage } from '../src/parse/from-html.js'
import { asHtml, generateCorpus } from './bench.js'
import { loadPages } from './dataset-pages.js'

const { values } = parseArgs({ options: { save: { type: 'string' }, compare: { type: 'string' }, mb: { type: 'string' } }, strict: false })

/** Markup written to take the parser's less common paths. */
function shapes(): Array<[string, string, 'html' | 'markdown']> {
  const para = 'Le conseil municipal a voté le budget après trois heures de débat.'
  return [
    ['noscript-unclosed', `<html><body><noscript><div>Activez JavaScript.</noscript><p>${para}</p><p>${para} Encore.</p></body></html>`, 'html'],
    ['noscript-closed', `<body><noscript><p>Sans script.</p></noscript><article><p>${para}</p></article></body>`, 'html'],
    ['hidden-only', `<body><div hidden><p>${para}</p></div><div style="display: none"><p>Caché aussi.</p></div></body>`, 'html'],
    ['unclosed-elements', `<div><p>${para}<p>Deuxième<li>Un<li>Deux<td>cellule<b>gras<i>italique`, 'html'],
    ['foster-parenting', `<table><tr><td>A</td></tr>Texte hors cellule<p>${para}</p><tr><td>B</td></table>`, 'html'],
    ['adoption-agency', `<p>Un <b>gras <i>mêlé</b> fin</i> de phrase.</p><b><div>Bloc dans b</b> reste</div><a href="#x"><div>lien</a>suite</div>`, 'html'],
    ['template', `<template><p>Jamais vu.</p></template><p>${para}</p><svg><title>icône</title><text>Vecteur</text></svg><math><mi>x</mi></math>`, 'html'],
    ['title-in-body', `Warning: include(): failed in /var/www/x.php on line 3<html><head><title>  Le titre  </title></head><body><h1>Titre</h1><p>${para}</p></body></html>`, 'html'],
    ['entities-and-crlf', `<p>Caf&eacute; &amp; cr&egrave;me&nbsp;: 5&nbsp;&euro;\r\n sur deux\r\nlignes &#x1F600; &notanentity;</p>\r\n<p>Fin &lt;balise&gt;</p>`, 'html'],
    ['breaks', `<div>Ligne un<br>suite<br><br>Ligne deux<br> <br/>Ligne trois</div><p>A<br><!-- c --><br>B</p>`, 'html'],
    ['attributes', `<div class=" a  b\tc " id="main" role="main article" itemprop="articleBody author" rel="author"><p lang="fr" dir="ltr" data-x="1" hidden="false">${para}</p><td colspan="02" rowspan="x">t</td><a href="#top">haut</a><p style="visibility:hidden">Vis</p></div>`, 'html'],
    ['attribute-names', `<div constructor="1" toString="2" __proto__="3" classname="d" class="e"><p>${para}</p></div><a.b>sélecteur</a.b><x#y.z>autre</x#y.z>`, 'html'],
    ['duplicate-html-body', `<html lang="fr"><body class="a"><p>${para}</p><html dir="ltr" lang="en"><body id="b" class="c"><p>Après.</p></body></html>`, 'html'],
    ['frameset', `<html><frameset><frame src="a.html"><noframes><p>${para}</p></noframes></frameset></html>`, 'html'],
    ['eof-in-tag', `<p>${para}</p><div class="x`, 'html'],
    ['eof-in-comment', `<p>${para}</p><!-- ouvert <p>jamais</p>`, 'html'],
    ['raw-text', `<script>var p = "<p>non</p>";</script><style>p{}</style><textarea><p>zone</p></textarea><xmp><b>xmp</b></xmp><p>${para}</p><plaintext><p>tout le reste`, 'html'],
    ['fragment', `Texte nu avant.<p>${para}</p>Texte nu après.`, 'html'],
    ['surrogates', `<p>Emoji 😀 et 𝐁𝐨𝐥𝐝 dans ${para}</p>`, 'html'],
    ['nesting-500', `${'<div>'.repeat(500)}Profond. ${para}${'</div>'.repeat(500)}<p>Après.</p>`, 'html'],
    ['nesting-1500', `${'<div><span>'.repeat(750)}Profond. ${para}<p>Après.</p>`, 'html'],
    ['markdown-html-block', `# Titre\n\n<div>\n<p>${para}</p>\n<p>Deux</p>\n</div>\n\nTexte *markdown*.\n`, 'markdown'],
  ]
}

const sha = (text: string): string => createHash('sha256').update(text).digest('hex')

async function main(): Promise<void> {
  await loadLanguageModel()
  const items = new Map<string, string>()
  const sets = new Map<string, string[]>()
  const add = (set: string, id: string, output: unknown): void => {
    const hash = sha(JSON.stringify(output))
    items.set(`${set}:${id}`, hash)
    const list = sets.get(set) ?? []
    list.push(hash)
    sets.set(set, list)
  }
  const corpus = generateCorpus(Number(values.mb ?? 2) * 1e6)
  corpus.forEach((article, k) => add('bench', String(k), clean(asHtml(article), { format: 'html' })))
  for (const [id, html] of loadPages()) {
    add('pages', `${id}#page`, parseHtmlPage(html))
    add('pages', `${id}#clean`, clean({ html }))
    add('pages', `${id}#extract`, clean({ html }, { extract: true }))
  }
  for (const [id, input, format] of shapes()) {
    if (format === 'html') add('shapes', `${id}#page`, parseHtmlPage(input))
    add('shapes', `${id}#clean`, clean(input, { format }))
    if (format === 'html') add('shapes', `${id}#extract`, clean(input, { format, extract: true }))
  }
  for (const [set, hashes] of sets) console.log(`${set.padEnd(7)} ${String(hashes.length).padStart(5)} outputs  ${sha(hashes.join('\n'))}`)
  if (typeof values.save === 'string') writeFileSync(values.save, JSON.stringify(Object.fromEntries(items), null, 1))
  if (typeof values.compare === 'string') {
    const before = JSON.parse(readFileSync(values.compare, 'utf8')) as Record<string, string>
    const differ = [...items].filter(([id, hash]) => before[id] !== hash).map(([id]) => id)
    const missing = Object.keys(before).filter((id) => !items.has(id))
    console.log(differ.length === 0 && missing.length === 0 ? 'identical to the saved run' : `differ: ${differ.join(', ') || 'none'}; missing: ${missing.join(', ') || 'none'}`)
  }
}

await main()
