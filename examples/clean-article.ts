// The example of README.md "Use", verbatim between the README markers; test/readme-examples.test.ts
// checks it is the README's code and that it gives what the README's comments say.
// README:begin
import { clean, loadLanguageModel } from 'news-dedup'

await loadLanguageModel()        // once per process: fastText lid.176 (async); clean() is synchronous
const result = clean(
  'Le président a annoncé mardi un plan pour l’emploi des jeunes.\n\n' +
    '"We welcome this plan," said the spokesperson of the European Commission.\n\n' +
    "Le président a annoncé mardi un plan pour l'emploi des jeunes.",
)
result.language                 // 'fr'
result.paragraphs.map((p) => [p.language, p.duplicate])
// [['fr', null], ['en', null], ['fr', { kind: 'exact', of: 0, similarity: 1 }]]
result.passages                 // [{ kind: 'exact', paragraphs: [2, 2], of: [0, 0] }]
result.text                     // the first two paragraphs, separated by a blank line
// README:end

export { result }
