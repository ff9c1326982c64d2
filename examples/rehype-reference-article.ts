// rehypeNewsDedup on the reference article: fixtures/whatsapp-outage-fr.txt rendered as HTML
// (an <article> with one <p> per line), cleaned in a unified pipeline. The pipeline is the
// README's "unified plugins" example, verbatim between the README markers; test/unified and
// test/readme-examples.test.ts run it.
import { readFileSync } from 'node:fs'
import type { VFile } from 'vfile'

const FIXTURE = new URL('../fixtures/whatsapp-outage-fr.txt', import.meta.url)

const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** The reference article as an HTML fragment: one `<p>` per non-empty line inside an `<article>`. */
export function referenceArticleHtml(): string {
  const lines = readFileSync(FIXTURE, 'utf8').split(/\r?\n/).filter((line) => line.trim() !== '')
  return `<article>\n${lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n')}\n</article>\n`
}

const html = referenceArticleHtml()

// README:begin
import rehypeParse from 'rehype-parse'
import rehypeStringify from 'rehype-stringify'
import { unified } from 'unified'
import { rehypeNewsDedup } from 'news-dedup/unified'

const file = await unified()
  .use(rehypeParse, { fragment: true })
  .use(rehypeNewsDedup)              // options: those of clean(), plus mode: 'remove' | 'mark'
  .use(rehypeStringify)
  .process(html)                     // the reference article, one <p> per line in an <article>
// README:end

/** The pipeline's output; `messages` holds one message per removed paragraph. */
export async function cleanReferenceArticle(): Promise<{ html: string; messages: VFile['messages'] }> {
  return { html: String(file), messages: file.messages }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(String(file))
  for (const message of file.messages) process.stderr.write(`${String(message)}\n`)
}
