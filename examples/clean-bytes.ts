// The example of README.md "Bytes and charsets", verbatim between the README markers; test/readme-examples.test.ts
// checks it is the README's code and that it gives what the README's comments say.
// README:begin
import { clean, loadLanguageModel } from 'news-dedup'

await loadLanguageModel()
// A page as a scraper fetched it: windows-1252 bytes ("’" is 0x92, "é" is 0xE9), declared ISO-8859-1.
const page = Uint8Array.from(
  '<meta charset="iso-8859-1"><p>L\x92\xe9t\xe9 a \xe9t\xe9 chaud \xe0 Paris cette ann\xe9e.</p>',
  (c) => c.charCodeAt(0),
)
const result = clean(page)
result.text                     // 'L’été a été chaud à Paris cette année.'
result.encoding                 // { name: 'windows-1252', source: 'meta' }

// Bytes with their HTTP Content-Type (the transport wins over the page's <meta>):
const mislabelled = clean({ html: page, contentType: 'text/html; charset=utf-8' })
mislabelled.warnings
// [{ code: 'invalid-bytes', message: '7 byte sequences are not valid utf-8 (decided by transport): replaced by U+FFFD', count: 7 }]
// README:end

export { mislabelled, result }
