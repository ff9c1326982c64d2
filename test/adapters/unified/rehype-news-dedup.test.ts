import type { Root, RootContent } from 'hast'
import type { Position } from 'unist'
import rehypeParse from 'rehype-parse'
import rehypeStringify from 'rehype-stringify'
import { unified } from 'unified'
import { describe, expect, it } from 'vitest'
import { clean, DedupeError } from '../../../src/index.js'
import { rehypeNewsDedup, type NewsDedupPluginOptions } from '../../../src/unified.js'
import { referenceArticleHtml } from '../../../examples/rehype-reference-article.js'

function run(html: string, options?: NewsDedupPluginOptions, fragment = true) {
  const file = unified().use(rehypeParse, { fragment }).use(rehypeNewsDedup, options).use(rehypeStringify).processSync(html)
  return { html: String(file), file }
}

/** Tag names of every element of a page, with their counts. */
function tagCounts(html: string): Map<string, number> {
  const tree = unified().use(rehypeParse, { fragment: true }).parse(html) as Root
  const counts = new Map<string, number>()
  const stack: RootContent[] = [...tree.children]
  while (stack.length > 0) {
    const node = stack.pop()!
    if (node.type !== 'element') continue
    counts.set(node.tagName, (counts.get(node.tagName) ?? 0) + 1)
    stack.push(...node.children)
    if (node.content) stack.push(...node.content.children)
  }
  return counts
}

const FR_1 = 'Le président a annoncé mardi un plan pour l’emploi des jeunes, financé par une taxe nouvelle.'
const FR_2 = 'Les syndicats ont salué une mesure attendue depuis longtemps par les salariés du secteur.'
const EN = '"We welcome this plan, which will help young people find work," said a spokesperson for the European Commission.'
const FR_3 = 'Le texte sera examiné par le Parlement au printemps, selon le calendrier publié par le gouvernement.'

describe('rehypeNewsDedup: mark mode', () => {
  it('keeps the 7 paragraphs of the reference article and marks the 3 repeats', () => {
    const { html, file } = run(referenceArticleHtml(), { mode: 'mark' })
    expect(html.match(/<p[ >]/g)).toHaveLength(7)
    expect(html.match(/data-news-dedup="exact"/g)).toHaveLength(3)
    expect([...html.matchAll(/data-news-dedup-of="(\d+)"/g)].map((m) => m[1])).toEqual(['1', '2', '3'])
    expect(file.messages.map((m) => m.ruleId)).toEqual(['exact-duplicate', 'exact-duplicate', 'exact-duplicate'])
    expect(file.messages[0]!.reason).toBe('Paragraph 5 repeats paragraph 2 (exact, similarity 1); marked, not removed')
  })

  it('gives a marked repeat its own lang when its language differs from the article', () => {
    const { html } = run(`<article><p>${FR_1}</p><p>${EN}</p><p>${FR_2}</p><p>${FR_3}</p><p>${EN}</p></article>`, { mode: 'mark' })
    expect(html).toContain('<article lang="fr">')
    expect(html).toContain(`<p lang="en" data-news-dedup="exact" data-news-dedup-of="1">${EN}</p>`)
    expect(html.match(/lang="[^"]*"/g)).toEqual(['lang="fr"', 'lang="en"', 'lang="en"'])
  })
})

describe('rehypeNewsDedup: the report', () => {
  it('is what clean() finds in the same HTML', () => {
    const html = referenceArticleHtml()
    const { file } = run(html)
    const expected = clean({ html })
    const report = file.data.newsDedup!
    expect(report.language).toBe('fr')
    expect(report.language).toBe(expected.language)
    expect(report.passages).toEqual([{ kind: 'exact', paragraphs: [4, 6], of: [1, 3] }])
    expect(report.passages).toEqual(expected.passages)
    expect(report.paragraphs.map((p) => [p.index, p.text, p.language, p.duplicate])).toEqual(
      expected.paragraphs.map((p) => [p.index, p.text, p.language, p.duplicate]),
    )
  })

  it.each([
    ['nested blocks', `<blockquote><p>${FR_1}</p><p>${FR_2}</p></blockquote><ul><li><p>${FR_1}</p></li><li>${FR_2} <b>gras</b></li></ul>`],
    ['text beside blocks', `<div>${FR_1}<p>${FR_2}</p>${FR_1}</div>`],
    ['br-split paragraphs', `<p>${FR_1}<br><br>${FR_2}<br>suite<br><br>${FR_1}</p>`],
    ['hidden and dropped', `<p>${FR_1}</p><p hidden>${FR_2}</p><script>var a = "${FR_1}"</script><p style="display: none">${FR_1}</p><p>${FR_1}</p>`],
    ['table', `<table><tr><td>${FR_1}</td><td>${FR_2}</td></tr><tr><td>${FR_1}</td><th>x</th></tr></table>`],
    ['a whole document', `<!doctype html><html><head><title>${FR_1}</title></head><body><h1>${FR_2}</h1><p>${FR_1}</p><p>${FR_2}</p></body></html>`],
  ])('finds the paragraphs clean() finds: %s', (_, html) => {
    const { file } = run(html, undefined, !html.startsWith('<!doctype'))
    const expected = clean({ html })
    expect(file.data.newsDedup!.paragraphs.map((p) => [p.text, p.duplicate])).toEqual(expected.paragraphs.map((p) => [p.text, p.duplicate]))
    expect(expected.paragraphs.some((p) => p.duplicate)).toBe(true)
  })
})

describe('rehypeNewsDedup: removal', () => {
  it('removes a repeated run of text beside blocks', () => {
    const { html, file } = run(`<div>${FR_1}<p>${FR_2}</p>${FR_1}</div>`)
    expect(html).toBe(`<div lang="fr">${FR_1}<p>${FR_2}</p></div>`)
    expect(file.messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([['exact-duplicate', 1, 5 + FR_1.length + FR_2.length + 7 + 1]])
  })

  it('reports a run of loose text from its first to its last visible character', () => {
    const input = `<div>\n<p>${FR_1}</p>\n<p>${FR_2}</p>\n  ${FR_1}  \n</div>`
    const { file } = run(input)
    expect(file.messages).toHaveLength(1)
    const place = file.messages[0]!.place as Position
    expect([place.start.line, place.start.column, place.end.line, place.end.column]).toEqual([4, 3, 4, 3 + FR_1.length])
    expect(input.slice(place.start.offset, place.end.offset)).toBe(FR_1)
    expect(String(file.messages[0])).toMatch(new RegExp(`^4:3-4:${3 + FR_1.length}: `))
  })

  it('reports a run spread over several text nodes from its first to its last visible character', () => {
    const input = `<div><p>${FR_2}</p>\n<b>\n${FR_2.slice(0, 40)}</b>${FR_2.slice(40)}\n\n</div>`
    const { file } = run(input)
    const place = file.messages[0]!.place as Position
    expect([place.start.line, place.start.column, place.end.line]).toEqual([3, 1, 3])
    expect(input.slice(place.start.offset, place.end.offset)).toBe(`${FR_2.slice(0, 40)}</b>${FR_2.slice(40)}`)
  })

  it.each([
    ['the last run', `${FR_1}<br><br>${FR_2}<br><br>${FR_1}`, `${FR_1}<br><br>${FR_2}`],
    ['the last two runs', `${FR_1}<br><br>${FR_2}<br>\n<br>${FR_1}<br><br>${FR_2}`, `${FR_1}<br><br>${FR_2}`],
    ['a middle run', `${FR_1}<br><br>${FR_2}<br><br>${FR_1}<br><br>${FR_3}`, `${FR_1}<br><br>${FR_2}<br><br>${FR_3}`],
    ['the first run', `${FR_1.slice(0, 60)}...<br><br>${FR_1}<br><br>${FR_2}`, `${FR_1}<br><br>${FR_2}`],
    ['the last run, beside markup', `<i>x</i> ${FR_1}<br><br><b>${FR_2}</b><br><br>${FR_1}<br>`, `<i>x</i> ${FR_1}<br><br><b>${FR_2}</b>`],
  ])('removes the <br>s that split off a removed run: %s', (_, inner, expected) => {
    const { html, file } = run(`<div>${inner}</div>`)
    expect(html).toBe(`<div lang="fr">${expected}</div>`)
    expect(file.messages.length).toBeGreaterThan(0)
  })

  it('removes an inline element left empty by a removed run', () => {
    const { html } = run(`<div><p>${FR_2}</p><em>${FR_2}</em><p>${FR_3}</p></div>`)
    expect(html).toBe(`<div lang="fr"><p>${FR_2}</p><p>${FR_3}</p></div>`)
  })

  it('empties a repeated table cell instead of removing it', () => {
    const { html } = run(`<table><tbody><tr><td>${FR_1}</td><td>${FR_1}</td></tr></tbody></table>`)
    expect(html).toBe(`<table lang="fr"><tbody><tr><td>${FR_1}</td><td></td></tr></tbody></table>`)
  })

  it('removes a repeated list item and a teaser', () => {
    const teaser = FR_1.slice(0, 60) + '...'
    const { html, file } = run(`<article><p>${teaser}</p><p>${FR_1}</p><ul><li>${FR_2}</li><li>${FR_2}</li></ul></article>`)
    expect(html).toBe(`<article lang="fr"><p>${FR_1}</p><ul><li>${FR_2}</li></ul></article>`)
    expect(file.messages.map((m) => m.ruleId)).toEqual(['contained-duplicate', 'exact-duplicate'])
    expect(file.messages[0]!.reason).toMatch(/^Paragraph 1 is contained in paragraph 2 \(contained, similarity \d/)
  })

  it('cuts a repeated sentence that lies in one text node and reports it', () => {
    const s = 'Les actions de Meta ont chuté de 0,7 % dans les échanges avant la séance.'
    const { html, file } = run(`<div>\n<p>${s} ${FR_2}</p>\n<p>${FR_3} ${s} <i>Fin</i>.</p>\n</div>`)
    expect(html).toBe(`<div lang="fr">\n<p>${s} ${FR_2}</p>\n<p>${FR_3} <i>Fin</i>.</p>\n</div>`)
    expect(file.messages.map((m) => [m.ruleId, m.line])).toEqual([['repeated-sentence', 3]])
    expect(file.messages[0]!.reason).toBe(`Sentence "Les actions de Meta ont chuté de 0,7 % dans les échanges av…" of paragraph 2 repeats paragraph 1`)
  })

  it('leaves a repeated sentence that spans markup, and says so', () => {
    const s = 'Les actions de Meta ont chuté de 0,7 % dans les échanges avant la séance.'
    const input = `<section><p>${s} ${FR_2}</p><p>${FR_3} Les actions de <b>Meta</b> ont chuté de 0,7 % dans les échanges avant la séance.</p></section>`
    const { html, file } = run(input)
    expect(html).toBe(input.replace('<section>', '<section lang="fr">'))
    expect(file.messages).toHaveLength(1)
    expect(file.messages[0]!.ruleId).toBe('repeated-sentence')
    expect(file.messages[0]!.reason).toMatch(/; not cut: it spans inline markup$/)
  })

  it('only reports repeated sentences in mark mode', () => {
    const s = 'Les actions de Meta ont chuté de 0,7 % dans les échanges avant la séance.'
    const input = `<article><p>${s} ${FR_2}</p><p>${FR_3} ${s}</p></article>`
    const { html, file } = run(input, { mode: 'mark' })
    expect(html).toBe(input.replace('<article>', '<article lang="fr">'))
    expect(file.messages.map((m) => m.ruleId)).toEqual(['repeated-sentence'])
  })
})

describe('rehypeNewsDedup: languages', () => {
  it('puts lang="en" on the English block only, lang="fr" on the container', () => {
    const { html, file } = run(`<article>\n<h1>Un plan pour l’emploi des jeunes</h1>\n<p>${FR_1}</p>\n<blockquote><p>${EN}</p></blockquote>\n<p>${FR_2}</p>\n<p>${FR_3}</p>\n</article>`)
    expect(html.match(/lang="[^"]*"/g)).toEqual(['lang="fr"', 'lang="en"'])
    expect(html).toContain('<article lang="fr">')
    expect(html).toContain(`<p lang="en">${EN.replace(/"/g, '"')}</p>`)
    expect(file.data.newsDedup!.paragraphs.map((p) => p.language)).toEqual(['fr', 'fr', 'en', 'fr', 'fr'])
    expect(file.messages).toEqual([])
  })

  it('sets lang on <html> in a whole document', () => {
    const { html } = run(`<!doctype html><html lang="en"><head></head><body><p>${FR_1}</p><p>${FR_2}</p></body></html>`, undefined, false)
    expect(html).toContain('<html lang="fr">')
    expect(html.match(/lang=/g)).toHaveLength(1)
  })

  it('sets lang on each top-level element when there is no single container', () => {
    const { html } = run(`<p>${FR_1}</p>\n<p>${EN}</p>\n<p>${FR_2}</p>\n<p>${FR_3}</p>`)
    expect(html.match(/lang="[^"]*"/g)).toEqual(['lang="fr"', 'lang="en"', 'lang="fr"', 'lang="fr"'])
  })
})

describe('rehypeNewsDedup: hostile HTML', () => {
  it('never introduces an element or markup the input lacked', () => {
    const input = [
      `<div onclick="alert(1)"><p title="&quot;><script>alert(1)</script>">${FR_1} &lt;script&gt;alert(1)&lt;/script&gt;</p>`,
      `<img src=x onerror="alert(1)"><p>${FR_1} &lt;script&gt;alert(1)&lt;/script&gt;</p>`,
      `<script>document.write("<p>${FR_2}</p>")</script><style>p{}</style><template><p>${FR_2}</p></template>`,
      `<p>${FR_2} <a href="javascript:alert(1)">lien</a></p><p>${FR_2} <a href="javascript:alert(1)">lien</a></p>`,
      `<svg><foreignObject><p>${FR_3}</p></foreignObject></svg><p>${FR_3}</p><p>${FR_3}</p></div>`,
    ].join('\n')
    for (const mode of ['remove', 'mark'] as const) {
      const { html, file } = run(input, { mode })
      const before = tagCounts(input)
      const after = tagCounts(html)
      for (const [tag, count] of after) expect([tag, count <= (before.get(tag) ?? 0)]).toEqual([tag, true])
      expect(html.match(/<script/g)!.length).toBeLessThanOrEqual(input.match(/<script/g)!.length)
      expect(html.match(/<script>/g)!.length).toBe(2) // the one in the title attribute (escaped quote) and the real one
      expect(html).toContain('&#x3C;script>alert(1)&#x3C;/script>')
      expect(file.messages.length).toBeGreaterThan(0)
    }
    const removed = run(input).html
    expect(removed.match(/&#x3C;script>alert\(1\)/g)).toHaveLength(1)
  })
})

describe('rehypeNewsDedup: options', () => {
  it.each([
    [{ detect: { nearThreshold: 2 } }],
    [{ detect: { containThreshold: -0.1 } }],
    [{ detect: { minLength: 1.5 } }],
    [{ mode: 'delete' } as unknown as NewsDedupPluginOptions],
    ['yes' as unknown as NewsDedupPluginOptions],
  ])('rejects %j with E_INVALID_OPTION', (options) => {
    const processor = unified().use(rehypeParse, { fragment: true }).use(rehypeNewsDedup, options).use(rehypeStringify)
    let error: unknown
    try {
      processor.processSync('<p>x</p>')
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(DedupeError)
    expect((error as DedupeError).code).toBe('E_INVALID_OPTION')
  })

  it('uses the detection options like clean()', () => {
    const a = 'Le président a annoncé mardi un plan pour l’emploi des jeunes, financé par une taxe.'
    const b = 'Le président a annoncé mercredi un plan pour l’emploi des jeunes, financé par une taxe.'
    const input = `<p>${a}</p><p>${b}</p>`
    expect(run(input).file.messages.map((m) => m.ruleId)).toEqual(['near-duplicate'])
    expect(run(input, { detect: { nearThreshold: 1 } }).file.messages).toEqual([])
    expect(run(input, { mode: null, detect: {} }).file.messages).toHaveLength(1)
  })
})

