// rehypeNewsDedup on the reference article: fixtures/whatsapp-outage-fr.txt rendered as HTML
// (an <article> with one <p> per line), cleaned in a unified pipeline. test/unified runs it.
import { readFileSync } from 'node:fs'
import rehypeParse from 'rehype-parse'
import rehypeStringify from 'rehype-stringify'
import { unified } from 'unified'
import type { VFile } from 'vfile'
import { rehypeNewsDedup } from '../src/unified/index.js'

const FIXTURE = new URL('../fixtures/whatsapp-outage-fr.txt', import.meta.url)

const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** The reference article as an HTML fragment: one `<p>` per non-empty line inside an `<article>`. */
export function referenceArticleHtml(): string {
  const lines = readFileSync(FIXTURE, 'utf8').split(/\r?\n/).filter((line) => line.trim() !== '')
  return `<article>\n${lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n')}\n</article>\n`
}

/** Runs the pipeline; `messages` holds one message per removed paragraph. */
export async function cleanReferenceArticle(): Promise<{ html: string; messages: VFile['messages'] }> {
  const file = await unified()
    .use(rehypeParse, { fragment: true })
    .use(rehypeNewsDedup)
    .use(rehypeStringify)
    .process(referenceArticleHtml())
  return { html: String(file), messages: file.messages }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { html, messages } = await cleanReferenceArticle()
  process.stdout.write(html)
  for (const message of messages) process.stderr.write(`${String(message)}\n`)
}
