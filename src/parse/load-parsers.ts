/**
 * The format parsers and charset libraries imported when an input needs them (the CLI's
 * `clean`): a UTF-8 plain-text article loads none of parse5, remark-parse,
 * micromark, Readability, linkedom, html-encoding-sniffer, jschardet or @exodus/bytes.
 *
 * @module
 */
import { missingParser, missingParserOf, type FormatParsers, type ParserName } from './format-parsers.js'

/** Parsers not (yet) loaded: each throws the `E_INTERNAL` error of `missingParser` if called. */
export const NO_PARSERS: FormatParsers = Object.freeze({
  html: () => missingParser('html'),
  markdown: () => missingParser('markdown'),
  extract: () => missingParser('extract'),
  metaCharset: () => missingParser('metaCharset'),
  encodingForLabel: () => missingParser('encodingForLabel'),
  detectCharset: () => missingParser('detectCharset'),
  textDecoder: () => missingParser('textDecoder'),
})

type Mutable = { -readonly [K in ParserName]: FormatParsers[K] }

/** Imports one parser into `parsers`. */
async function importParser(name: ParserName, parsers: Mutable): Promise<void> {
  switch (name) {
    case 'html':
      parsers.html = (await import('./from-html.js')).parseHtmlTree
      return
    case 'markdown':
      parsers.markdown = (await import('./from-markdown.js')).parseMarkdown
      return
    case 'extract':
      parsers.extract = (await import('./extract-article.js')).extractArticle
      return
    case 'metaCharset':
      parsers.metaCharset = (await import('./sniff-html-charset.js')).prescanMetaCharset
      return
    case 'encodingForLabel':
      parsers.encodingForLabel = (await import('./sniff-html-charset.js')).encodingForLabel
      return
    case 'detectCharset':
      parsers.detectCharset = (await import('./detect-charset.js')).detectCharset
      return
    case 'textDecoder':
      parsers.textDecoder = (await import('./create-text-decoder.js')).createTextDecoder
      return
    default: {
      // A parser added to FormatParsers without a case here fails to compile, rather than stay
      // the not-loaded stub that withParsers would ask to load again and again.
      const unhandled: never = name
      throw new Error(`No import for parser ${String(unhandled)}`)
    }
  }
}

/**
 * Imports the parsers named, on top of those `loaded` already has. The runtime caches each
 * module, so asking again for one loaded costs nothing.
 *
 * @param names The parsers wanted (see `parsersNeeded` and `missingParserOf`).
 * @param loaded Parsers loaded for earlier inputs. @default none ({@link NO_PARSERS})
 * @returns `loaded` with `names` added; those still missing throw as {@link NO_PARSERS} do.
 */
export async function loadParsers(names: readonly ParserName[], loaded: FormatParsers = NO_PARSERS): Promise<FormatParsers> {
  const wanted = names.filter((name) => loaded[name] === NO_PARSERS[name])
  if (wanted.length === 0) return loaded
  const parsers: Mutable = { ...loaded }
  await Promise.all(wanted.map((name) => importParser(name, parsers)))
  return Object.freeze(parsers)
}

/** What {@link withParsers} gives: `work`'s value, and the parsers loaded so far (to pass on for the next input). */
export interface RanWithParsers<T> {
  value: T
  parsers: FormatParsers
}

/**
 * Runs `work` (a pure, synchronous use of the parsers: `cleanWith`) with the parsers `needed`
 * loaded first (see `parsersNeeded`), and any other it turns out to need (a charset library, for
 * bytes other than UTF-8) loaded when it asks: `work` is then run again, so pure work only.
 *
 * When `loaded` holds every parser `needed` and `work` asks for no other, the result comes at
 * once, not as a promise: a caller that runs several inputs' work interleaved (the worker
 * threads' batches) would otherwise run them a microtask turn each, article by article. Errors
 * other than a missing parser always come as a rejected promise, whichever way it ran.
 *
 * @param needed The parsers to load before the first run.
 * @param loaded Parsers loaded for earlier inputs.
 * @param work What to run with the parsers.
 * @returns What `work` returned and the parsers loaded so far: at once when nothing had to be
 *   loaded, else a promise of them.
 */
export function withParsers<T>(needed: readonly ParserName[], loaded: FormatParsers, work: (parsers: FormatParsers) => T): RanWithParsers<T> | Promise<RanWithParsers<T>> {
  if (!needed.every((name) => loaded[name] !== NO_PARSERS[name])) return loadAndRun(needed, loaded, work)
  try {
    return { value: work(loaded), parsers: loaded }
  } catch (error) {
    const name = missingParserOf(error)
    // A parser asked for again once loaded would loop: the error goes out instead.
    if (name === null || loaded[name] !== NO_PARSERS[name]) return Promise.reject(error)
    return loadAndRun([name], loaded, work)
  }
}

/** {@link withParsers} once something is to be imported: imports `needed`, then runs `work` until it asks for no parser that is not loaded. */
async function loadAndRun<T>(needed: readonly ParserName[], loaded: FormatParsers, work: (parsers: FormatParsers) => T): Promise<RanWithParsers<T>> {
  let parsers = await loadParsers(needed, loaded)
  for (;;) {
    try {
      return { value: work(parsers), parsers }
    } catch (error) {
      const name = missingParserOf(error)
      if (name === null || parsers[name] !== NO_PARSERS[name]) throw error
      parsers = await loadParsers([name], parsers)
    }
  }
}
