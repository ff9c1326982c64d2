import { marked } from 'marked'
import { micromark } from 'micromark'
import { gfm, gfmHtml } from 'micromark-extension-gfm'

/** Markdown renderers to check output against: CommonMark, GFM as micromark does it, and marked (GFM). */
export const markdownRenderers: ReadonlyArray<[string, (markdown: string) => string]> = [
  ['micromark (CommonMark)', (markdown) => micromark(markdown)],
  ['micromark + GFM', (markdown) => micromark(markdown, { extensions: [gfm()], htmlExtensions: [gfmHtml()] })],
  ['marked (GFM)', (markdown) => marked.parse(markdown, { async: false, gfm: true })],
]
