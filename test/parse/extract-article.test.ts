import { describe, expect, it } from 'vitest'
import { clean } from '../../src/clean.js'
import { DedupeError } from '../../src/errors.js'
import { extractArticle } from '../../src/parse/extract-article.js'
import { parseHtmlTree } from '../../src/parse/from-html.js'

/** Our own prose: five long paragraphs of one story. */
const STORY = [
  'La crue de la Seine a atteint mercredi soir six mètres au pont d’Austerlitz, un niveau que le fleuve n’avait plus connu depuis trente ans, selon Vigicrues.',
  'Les berges ont été fermées à la circulation dès mardi et plusieurs stations du RER C restent inaccessibles jusqu’à nouvel ordre, a précisé la préfecture de police.',
  'À Ivry-sur-Seine, une centaine d’habitants ont été évacués dans la nuit, tandis que les pompiers surveillaient les caves inondées des immeubles les plus proches du quai.',
  'Les services météorologiques prévoient une lente décrue à partir de vendredi, à condition que les pluies annoncées sur le bassin de l’Yonne restent modérées.',
  'La mairie de Paris a ouvert trois gymnases pour accueillir les sinistrés et appelle les riverains à ne pas s’approcher des quais tant que l’alerte orange est maintenue.',
]

function page(inside: string, around = ''): string {
  const menu = ['Accueil', 'Politique', 'Économie', 'Culture', 'Sports', 'Météo'].map((m) => `<li><a href="/${m}">${m}</a></li>`).join('')
  const related = ['Les pompiers en alerte dans le Val-de-Marne', 'Le RER C fermé jusqu’à lundi', 'Quand la Seine débordait en 1910']
    .map((t) => `<li><a href="/a/${t.length}">${t}</a></li>`)
    .join('')
  return (
    '<!doctype html><html><head><title>Crue de la Seine : six mètres à Austerlitz | Le Quotidien</title></head><body>' +
    `<header><nav><ul>${menu}</ul></nav></header>` +
    `<main><h1>Crue de la Seine : six mètres à Austerlitz</h1><article>${inside}</article>` +
    `<aside><h3>À lire aussi</h3><ul>${related}</ul></aside></main>` +
    `<footer><p>© 2026 Le Quotidien. Tous droits réservés.</p><p><a href="/cgu">Conditions</a> · <a href="/contact">Contact</a></p></footer>${around}</body></html>`
  )
}

const texts = (html: string): string[] => clean(html, { extract: true }).paragraphs.map((p) => p.text)

describe('extract: the article out of the page', () => {
  it('keeps the article and its headline, drops menus, related links and the footer', () => {
    const html = page(STORY.map((p) => `<p>${p}</p>`).join(''))
    const kept = texts(html)
    expect(kept).toEqual(['Crue de la Seine : six mètres à Austerlitz', ...STORY])
    // Without extraction, the whole page.
    expect(clean(html).paragraphs.map((p) => p.text)).toContain('Accueil')
  })

  it('reads an article nested hundreds of elements deep as the same article nested shallow (Readability sees the deep part flattened)', () => {
    const nested = (depth: number, close: boolean): string => {
      const open = Array.from({ length: depth }, (_, k) => `<div class="c${k % 3}">`).join('')
      const inside = `${STORY.slice(0, 2).map((p) => `<p>${p}</p>`).join('')}<p><a href="/x">Un lien</a> dans une phrase qui cite, à la suite, la préfecture, la mairie, les pompiers, Vigicrues, la RATP, le RER C, les riverains, les sinistrés, les berges et les quais.</p>${STORY.slice(2).map((p) => `<p>${p}</p>`).join('')}`
      return `${open}${inside}${close ? '</div>'.repeat(depth) : ''}`
    }
    const shallow = texts(page(nested(10, true)))
    expect(shallow).toContain(STORY[4])
    expect(shallow).not.toContain('Accueil')
    for (const [depth, close] of [[200, true], [300, false]] as const) expect(texts(page(nested(depth, close)))).toEqual(shallow)
  })

  it('keeps the page offsets and the heading mark of what it keeps', () => {
    const html = page(STORY.map((p) => `<p>${p}</p>`).join(''))
    const result = clean(html, { extract: true })
    for (const p of result.paragraphs) expect(html.slice(p.start, p.end)).toContain(p.text.slice(0, 20))
    expect(result.paragraphs[0]!.heading).toBe(true)
    expect(result.title).toBe('Crue de la Seine : six mètres à Austerlitz | Le Quotidien')
    expect(result.warnings).toBeUndefined()
  })

  it('drops the lines Readability leaves inside the article: "read also" links, ads, share and print lines, dates at the edges', () => {
    const inside =
      '<p class="date">12 mars 2026</p>' +
      `<p>${STORY[0]}</p><p>${STORY[1]}</p>` +
      '<p>Lire aussi : <a href="/x">Crue : les images impressionnantes de la Seine en furie</a></p>' +
      `<p>${STORY[2]}</p><p>Reklama</p><p>Czytaj też: <a href="/y">Powódź w Paryżu, metro zamknięte</a></p>` +
      `<p>${STORY[3]}</p><p>${STORY[4]}</p>` +
      '<p>Partager : <a href="/fb">Facebook</a> <a href="/tw">Twitter</a> <a href="/print">Imprimer</a></p>'
    expect(texts(page(inside))).toEqual(['Crue de la Seine : six mètres à Austerlitz', ...STORY])
  })

  it('keeps what looks like noise but is text: a subhead, a cited address, a paragraph that cites links', () => {
    const cited = `Le rapport complet est en ligne sur <a href="https://vigicrues.gouv.fr">le site de Vigicrues</a>, qui le met à jour chaque heure avec les relevés des stations.`
    const inside =
      `<p>${STORY[0]}</p><h2>Évacuations</h2><p>${STORY[1]}</p><p>${cited}</p>` +
      `<p>${STORY[2]}</p><p><a href="https://vigicrues.gouv.fr/niveaux">https://vigicrues.gouv.fr/niveaux</a></p><p>${STORY[3]}</p><p>${STORY[4]}</p>`
    const kept = texts(page(inside))
    expect(kept).toContain('Évacuations')
    expect(kept).toContain('https://vigicrues.gouv.fr/niveaux')
    expect(kept.some((t) => t.startsWith('Le rapport complet'))).toBe(true)
  })

  it('keeps a short line that links some of its words, drops a label beside its link and share buttons named between words', () => {
    const wiki = 'Puis <a href="/marne">la Marne</a> et <a href="/yonne">l’Yonne</a>'
    const subject = '<a href="/vigicrues">Vigicrues en Île-de-France</a> le confirme.'
    const inside =
      `<p>${STORY[0]}</p><p>${STORY[1]}</p><p>${wiki}</p><p>${subject}</p>` +
      `<p>${STORY[2]}</p><p>Lire aussi : <a href="/x">Crue de la Marne</a> et <a href="/y">l’Yonne en alerte</a></p>` +
      `<p>${STORY[3]}</p><p>Partager sur <a href="/fb">Facebook</a> ou <a href="/wa">WhatsApp</a></p><p>${STORY[4]}</p>`
    expect(texts(page(inside))).toEqual(['Crue de la Seine : six mètres à Austerlitz', STORY[0], STORY[1], 'Puis la Marne et l’Yonne', 'Vigicrues en Île-de-France le confirme.', STORY[2], STORY[3], STORY[4]])
  })

  it('falls back to the whole page, with a warning, when no article is found', () => {
    const html = '<html><body><ul><li><a href="/a">Accueil</a></li><li><a href="/b">Contact</a></li></ul><p>Bref.</p></body></html>'
    const result = clean(html, { extract: true })
    expect(result.paragraphs.map((p) => p.text)).toEqual(['Accueil', 'Contact', 'Bref.'])
    expect(result.warnings).toEqual([{ code: 'extract-fallback', message: expect.stringContaining('whole page') }])
  })

  it('falls back to the whole page when the container found is suspiciously small (a newsletter box)', () => {
    const blocks = parseHtmlTree(page(STORY.map((p) => `<p>${p}</p>`).join(''))).page.blocks
    // A page whose Readability container is a short form, while the page has long text elsewhere (blocks Readability does not see here).
    const form = parseHtmlTree('<html><body><div class="newsletter"><form><p>Recevez notre lettre chaque matin, inscrivez-vous.</p></form></div></body></html>')
    const tree = { ...form.tree, sources: [...blocks.map(() => []), ...form.tree.sources] }
    const result = extractArticle([...blocks, ...form.page.blocks], null, tree)
    expect(result.fallback).toBe('too-small')
    expect(result.blocks).toHaveLength(blocks.length + 1)
  })

  it('reads the page again without a sign-up form that Readability took for the article, and keeps a short article under the headline', () => {
    // A two-paragraph article under its headline, and in the column a petition form whose explanations outweigh it.
    const form =
      '<aside class="colonne"><form action="/signer"><h3>Je signe la pétition</h3>' +
      '<div><label>Votre adresse électronique (obligatoire)</label><input name="mail"></div>' +
      '<div class="choix"><h4>Je m’informe</h4>' +
      '<p>Recevoir chaque semaine la lettre de l’association, avec les appels à mobilisation, les rendez-vous, et le compte rendu des actions menées dans votre région.</p>' +
      '<p>Participer à la vie du comité local le plus proche de chez vous : réunions publiques, distributions de tracts, ateliers, et permanences du samedi matin au marché.</p>' +
      '<p>En remplissant ce formulaire, vous acceptez de recevoir nos messages, nos appels, nos lettres ; vous pourrez vous désinscrire à tout moment, par un lien, en bas de chaque lettre envoyée.</p></div>' +
      '<div><label>Code postal (obligatoire)</label><input name="cp"></div></form></aside>'
    const short = [
      'La porte-parole de l’association était l’invitée de la radio publique jeudi matin pour parler du lancement de la consultation sur la privatisation des aéroports.',
      'Pour réécouter son entretien, cliquez sur l’icône ci-dessous.',
    ]
    const html =
      '<!doctype html><html><head><title>« Les privatisations servent l\'intérêt privé » - L\'Association</title></head><body>' +
      '<nav><ul><li><a href="/">Accueil</a></li><li><a href="/agir">Agir</a></li><li><a href="/don">Faire un don</a></li></ul></nav>' +
      `<div class="page"><article><h1>« Les privatisations servent l’intérêt privé »</h1><div class="chapo"><p>${short[0]}</p></div><div class="text"><p>${short[1]}</p></div></article>${form}</div></body></html>`
    const { page: parsed, tree } = parseHtmlTree(html)
    const result = extractArticle(parsed.blocks, parsed.title, tree)
    expect(result.fallback).toBeNull()
    // The headline (with ’) matches the title (with ') once typographic apostrophes are folded.
    expect(result.blocks.map((b) => b.text)).toEqual(['« Les privatisations servent l’intérêt privé »', ...short])
  })

  it('keeps the page as a whole when the form holding the article wraps the whole page', () => {
    // Some frameworks put the whole body in one form: that is not a box beside the article.
    const html = page(STORY.map((p) => `<p>${p}</p>`).join('')).replace('<body>', '<body><form action="/page.aspx">').replace('</body>', '</form></body>')
    expect(texts(html)).toEqual(['Crue de la Seine : six mètres à Austerlitz', ...STORY])
  })

  it('keeps the lead between the headline and the article, which Readability leaves in the page header', () => {
    const lead = 'Six mètres au pont d’Austerlitz : la Seine n’avait plus atteint ce niveau depuis trente ans, et la décrue ne commencera pas avant vendredi.'
    const html =
      '<!doctype html><html><head><title>Crue de la Seine : six mètres à Austerlitz | Le Quotidien</title></head><body>' +
      '<div class="entry__header"><p>Société</p><h1>Crue de la Seine : six mètres à Austerlitz</h1>' +
      `<p class="standfirst">${lead}</p><p class="byline">Par Jeanne Martin</p><p>Partager</p></div>` +
      `<div class="entry__body">${STORY.map((p) => `<p>${p}</p>`).join('')}</div></body></html>`
    expect(texts(html)).toEqual(['Crue de la Seine : six mètres à Austerlitz', lead, ...STORY])
    // Without a headline to start from, nothing is taken from above the article.
    expect(texts(html.replace(/<h1>.*<\/h1>/, ''))).toEqual(STORY)
  })

  it('finds the headline in a title that writes its quotes and dashes otherwise (folded as paragraphs are compared)', () => {
    const lead = 'Six mètres au pont d’Austerlitz : la Seine n’avait plus atteint ce niveau depuis trente ans, et la décrue ne commencera pas avant vendredi.'
    const html =
      "<!doctype html><html><head><title>Crue de la Seine - l'eau à six mètres | Le Quotidien</title></head><body>" +
      '<div class="entry__header"><p>Société</p><h1>Crue de la Seine – l’eau à six mètres</h1>' +
      `<p class="standfirst">${lead}</p><p>Partager</p></div>` +
      `<div class="entry__body">${STORY.map((p) => `<p>${p}</p>`).join('')}</div></body></html>`
    expect(texts(html)).toEqual(['Crue de la Seine – l’eau à six mètres', lead, ...STORY])
  })

  it('drops the short lines the markup marks as a date, a byline or a photo credit, wherever they stand', () => {
    const inside =
      `<p>${STORY[0]}</p><p>${STORY[1]}</p><p><time datetime="2026-03-12">12 mars 2026</time></p>` +
      `<p>${STORY[2]}</p><figure><img src="seine.jpg"><figcaption>Photo AFP / Jean Dupont</figcaption></figure>` +
      `<p>${STORY[3]}</p><p class="author-name">Jeanne Martin et Paul Durand</p><p>${STORY[4]}</p>`
    expect(texts(page(inside))).toEqual(['Crue de la Seine : six mètres à Austerlitz', ...STORY])
  })

  it('reads a byline only in an element as small as a byline: a section whose class says "author" keeps its short lines', () => {
    // An authors' guidelines page: its class names it "author", its short list items are its text.
    const rules = ['Titres en gras, 12 points', 'Citations longues en retrait', 'Notes de bas de page avec parcimonie', 'Adresses sans mise en valeur']
    const inside =
      `<div class="author-guidelines"><h2>Consignes aux auteurs</h2><p>${STORY[0]}</p><p>${STORY[1]}</p>` +
      `<ul>${rules.map((r) => `<li>${r}</li>`).join('')}</ul><p>${STORY[2]}</p><p>${STORY[3]}</p><p>${STORY[4]}</p></div>` +
      '<p class="author">Par Jeanne Martin</p>'
    const kept = texts(page(inside))
    for (const r of rules) expect(kept).toContain(r)
    // A byline of its own, under the article, still goes.
    expect(kept).not.toContain('Par Jeanne Martin')
  })

  it('keeps a short caption or author\'s note that reads as a sentence, drops the credit and the name beside it', () => {
    const inside =
      // Readability takes the first byline it meets out of the article itself; the box under the article stays in it.
      `<p class="byline">Par Jeanne Martin</p><p>${STORY[0]}</p><figure><img src="quai.jpg"><figcaption>Le quai de la Tournelle sous l’eau.</figcaption><p class="photo-credit">Photo AFP / Jean Dupont</p></figure>` +
      `<p>${STORY[1]}</p><p>${STORY[2]}</p><p>${STORY[3]}</p><p>${STORY[4]}</p>` +
      '<div class="author-bio"><p>Jeanne Martin</p><p>Jeanne Martin couvre la Seine depuis dix ans.</p></div>'
    const kept = texts(page(inside))
    expect(kept).toContain('Le quai de la Tournelle sous l’eau.')
    expect(kept).not.toContain('Photo AFP / Jean Dupont')
    expect(kept).toContain('Jeanne Martin couvre la Seine depuis dix ans.')
    expect(kept).not.toContain('Jeanne Martin')
  })

  it('keeps a long caption, and a short line with a number that ends like a sentence', () => {
    const caption = 'Les berges de la Seine à Paris, mercredi soir : l’eau a recouvert les quais bas et les péniches ont été amarrées plus haut.'
    const inside =
      `<p>${STORY[0]}</p><figure><img src="seine.jpg"><figcaption>${caption}</figcaption></figure><p>${STORY[1]}</p>` +
      `<p>${STORY[2]}</p><p>${STORY[3]}</p><p>${STORY[4]}</p><p>La décrue est attendue le 14 mars.</p>`
    const kept = texts(page(inside))
    expect(kept).toContain(caption)
    expect(kept).toContain('La décrue est attendue le 14 mars.')
  })

  it('at the article\'s edges, drops dates, times, counts, a label\'s figure and a trail of sections; keeps the lines of a list or table with figures', () => {
    const furniture = ['Accueil > Société > Environnement', 'Accueil » Monde » Europe', 'Publié le jeudi 12.03.2026', 'Mis à jour à 14:05', 'Lecture : 4 minutes', '1 234 vues', '2026年3月12日', 'Paris | Seine | Vidéo', 'News | Sport | Météo']
    const table = ['Pont d’Austerlitz (crue) 6,02 m', 'Pont de la Tournelle (crue) 5,84 m', 'Bercy, quai de la Rapée (crue) 5,70 m', '? Le RER C fermé entre 3 gares']
    // Prose with a separator's character: a sentence, a quotation in guillemets, two different separators.
    const prose = ['Le « oui » l’emporte sur le « non »', 'Trains coupés entre Paris / Lyon / Marseille jusqu’à lundi.', 'A > B, et B > C : la hiérarchie reste.']
    const lines = (list: string[]) => list.map((t) => `<p>${t}</p>`).join('')
    const inside = `${lines(furniture.slice(0, 4))}${lines(prose)}${lines(STORY)}<ul>${table.map((t) => `<li>${t}</li>`).join('')}</ul>${lines(prose)}${lines(furniture.slice(4))}`
    const kept = texts(page(inside))
    for (const line of furniture) expect(kept, line).not.toContain(line)
    for (const line of table) expect(kept, line).toContain(line)
    for (const line of prose) expect(kept.filter((t) => t === line), line).toHaveLength(2)
  })

  it('drops PHP errors printed into the article, keeps a list of references given as addresses', () => {
    const php = 'Warning: Creating default object from empty value in /var/www/site/wp-includes/post.php on line 407'
    const refs = '[1] <a href="https://example.org/rapport">https://example.org/rapport</a> [2] <a href="https://example.org/carte">https://example.org/carte</a>'
    const inside = `<p>${STORY[0]}</p><p>${STORY[1]}</p><p><b>Warning</b>: Creating default object from empty value in <b>/var/www/site/wp-includes/post.php</b> on line <b>407</b></p><p>${STORY[2]}</p><p>${STORY[3]}</p><p>${STORY[4]}</p><p>${refs}</p>`
    const kept = texts(page(inside))
    expect(kept).not.toContain(php)
    expect(kept).toContain('[1] https://example.org/rapport [2] https://example.org/carte')
  })

  it('drops advertisement labels in many languages, keeps short lines that are not one', () => {
    const inside = `<p>${STORY[0]}</p><p>Anzeige</p><p>${STORY[1]}</p><p>Publicidade</p><p>${STORY[2]}</p><p>Advertisement</p><p>${STORY[3]}</p><p>Oui.</p><p>${STORY[4]}</p>`
    const kept = texts(page(inside))
    for (const ad of ['Anzeige', 'Publicidade', 'Advertisement']) expect(kept).not.toContain(ad)
    expect(kept).toContain('Oui.')
  })

  it('matches the article back to the page by node, not by text: a menu line that the article repeats stays out', () => {
    // "Météo" is both a menu entry (before the article) and a one-word line of the article.
    const inside = `<p>${STORY[0]}</p><p>${STORY[1]}</p><h2>Météo</h2><p>${STORY[2]}</p><p>${STORY[3]}</p><p>${STORY[4]}</p>`
    const result = clean(page(inside), { extract: true })
    const meteo = result.paragraphs.filter((p) => p.text === 'Météo')
    expect(meteo).toHaveLength(1)
    expect(page(inside).slice(meteo[0]!.start, meteo[0]!.end)).toBe('<h2>Météo</h2>')
  })

  it('matches by text when Readability retries on a re-parsed page (an article it first took for a comment box)', () => {
    // A short article inside a class Readability strips first: it re-parses the page and tries again.
    const html =
      '<!doctype html><html><head><title>Brève</title></head><body><nav><a href="/">Accueil</a></nav>' +
      `<div class="comment-like"><p>${STORY[0]}</p><p>${STORY[1]}</p></div></body></html>`
    const result = clean(html, { extract: true })
    expect(result.paragraphs.map((p) => p.text)).toEqual([STORY[0], STORY[1]])
    expect(result.warnings).toBeUndefined()
  })

  it('runs the whole-article rules by default: a related list and a newsletter box inside the article go', () => {
    const box = '<div class="newsletter-box"><h3>Notre lettre du matin</h3><p>Chaque matin à sept heures, dans votre boîte, et gratuitement.</p></div>'
    // Long items: Readability keeps a box whose text is nine tenths list (its `isList` exception).
    const list =
      '<div class="voir"><h4>Voir aussi</h4><ul><li><a href="/a">Les quais de la Seine restent fermés jusqu’à lundi soir</a></li>' +
      '<li><a href="/b">Le RER C à l’arrêt entre Austerlitz et Ivry-sur-Seine</a></li><li><a href="/c">Quand la Seine débordait en 1910 : les archives</a></li></ul></div>'
    const inside = `<p>${STORY[0]}</p><p>${STORY[1]}</p>${list}<p>${STORY[2]}</p>${box}<p>${STORY[3]}</p><p>${STORY[4]}</p>`
    expect(texts(page(inside))).toEqual(['Crue de la Seine : six mètres à Austerlitz', ...STORY])
    const { page: parsed, tree } = parseHtmlTree(page(inside))
    const blockRulesOnly = extractArticle(parsed.blocks, parsed.title, tree, []).blocks.map((b) => b.text)
    expect(blockRulesOnly).toContain('Le RER C à l’arrêt entre Austerlitz et Ivry-sur-Seine')
    expect(blockRulesOnly).toContain('Notre lettre du matin')
  })

  it('is ignored for text and Markdown, and validated', () => {
    expect(clean('Accueil\n\nLe texte.', { extract: true }).paragraphs).toHaveLength(2)
    expect(() => clean('<p>x</p>', { extract: 'yes' as never })).toThrow(DedupeError)
  })

  it('is deterministic', () => {
    const html = page(STORY.map((p) => `<p>${p}</p>`).join(''))
    expect(JSON.stringify(clean(html, { extract: true }))).toBe(JSON.stringify(clean(html, { extract: true })))
  })
})
