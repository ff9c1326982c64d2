/**
 * The format parsers imported when an input needs them (the CLI's `clean`): a plain-text
 * article loads none of rehype-parse, parse5, remark-parse, micromark, Readability or linkedom.
 *
 * @module
 */
import { missingParser, parsersNeeded, type FormatParsers } from './format-parsers.js'

/** Parsers not (yet) loaded: each throws `E_INTERNAL` if called. */
const NONE: FormatParsers = Object.freeze({
  html: () => missingParser('html'),
  markdown: () => missingParser('markdown'),
  extract: () => missingParser('extract'),
})

/**
 * Imports the parsers an input in `format` needs, on top of those `loaded` already has.
 * The runtime caches each module, so calling this for every input costs one promise when
 * nothing new is needed.
 *
 * @param format The input's format (`text`, `html`, `markdown`).
 * @param extract Whether HTML input has its article extracted (option `extract`).
 * @param loaded Parsers loaded for earlier inputs. @default none
 * @returns `loaded` with the parsers `format` needs; those still missing throw `E_INTERNAL`.
 */
export async function loadParsers(format: string, extract: boolean, loaded: FormatParsers = NONE): Promise<FormatParsers> {
  const needed = parsersNeeded(format, extract).filter((name) => loaded[name] === NONE[name])
  if (needed.length === 0) return loaded
  const parsers: { -readonly [K in keyof FormatParsers]: FormatParsers[K] } = { ...loaded }
  await Promise.all(
    needed.map(async (name) => {
      if (name === 'html') parsers.html = (await import('./from-html.js')).parseHtmlTree
      else if (name === 'markdown') parsers.markdown = (await import('./from-markdown.js')).parseMarkdown
      else parsers.extract = (await import('./extract-article.js')).extractArticle
    }),
  )
  return Object.freeze(parsers)
}
