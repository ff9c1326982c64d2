/**
 * The HTML element classes the paragraph walk ({@link fromHast}) and the rehype plugin share.
 * Defined once, so `clean(html)` and `rehypeNewsDedup` cannot drift apart.
 *
 * @module
 */
import type { Element } from 'hast'
import { type ParsedAttribute, unreadAttributes } from './element-attributes.js'

/**
 * Elements whose boundaries end a paragraph: the HTML standard's block-level rendering
 * (§15.3 "Flow content": `address` … `ul`, the obsolete `center`, `dir`, `listing`,
 * `plaintext`, `xmp`), plus table parts, `frameset`/`frame` and the `select` options, which
 * render as separate lines.
 */
export const BLOCK_ELEMENTS: ReadonlySet<string> = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'dir', 'div',
  'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header',
  'hgroup', 'hr', 'html', 'legend', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table',
  'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'col', 'colgroup', 'frameset', 'frame', 'listing', 'plaintext',
  'xmp', 'search', 'option', 'optgroup',
])

/**
 * Elements skipped with everything inside them: metadata (`head`), scripts and templates,
 * embedded content (`iframe`, `svg`, `math`, media, `canvas`), form controls whose text is
 * not prose (`textarea`, `select`), and fallbacks never shown by a modern browser
 * (`noembed`, `noframes`, `noscript`).
 */
export const DROPPED_ELEMENTS: ReadonlySet<string> = new Set([
  'head', 'title', 'script', 'style', 'noscript', 'template', 'iframe', 'svg', 'math', 'object', 'embed', 'canvas', 'textarea',
  'select', 'audio', 'video', 'noembed', 'noframes',
])

/**
 * Dropped when reading a page's visible text as a last resort: what a browser never shows as
 * text. Everything else is read, hidden or not (a page hidden until a script shows it).
 */
export const NEVER_VISIBLE_ELEMENTS: ReadonlySet<string> = new Set(['head', 'title', 'script', 'style', 'template', 'svg', 'math'])

/** Headings: a block closed inside one is marked `heading`. */
export const HEADING_ELEMENTS: ReadonlySet<string> = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'])

const DISPLAY_NONE = /display\s*:\s*none/i

/** Whether an element is hidden from readers: the `hidden` attribute, or an inline `display: none`. */
export function isHidden(element: Element): boolean {
  const attributes = unreadAttributes(element)
  if (attributes !== null) return hiddenByAttributes(attributes)
  const props = element.properties
  if (props.hidden !== undefined && props.hidden !== false && props.hidden !== null) return true
  const style = props.style
  return typeof style === 'string' && DISPLAY_NONE.test(style)
}

/**
 * {@link isHidden} read from the parsed attributes, so that the walk does not make every
 * element's `properties`: any `hidden` attribute makes the property `true` or a string (never
 * `false`), and `style` is the attribute's value as it is. Names are lower case (parse5's
 * tokenizer lowers them); a prefixed name (`xml:hidden`) is another property.
 */
function hiddenByAttributes(attributes: readonly ParsedAttribute[]): boolean {
  for (const attribute of attributes) {
    if (attribute.prefix) continue
    if (attribute.name === 'hidden') return true
    if (attribute.name === 'style' && DISPLAY_NONE.test(attribute.value)) return true
  }
  return false
}
