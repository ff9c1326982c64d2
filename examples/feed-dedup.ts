// The example of README.md "Feeds", verbatim between the README markers, on three articles: a
// story, its syndicated copy on another site, and another story. Run on its own
// (`npx tsx examples/feed-dedup.ts`) it prints what the README says; test/readme-examples.test.ts
// imports it and checks the lines it kept.
import { mkdtempSync, realpathSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

const story = [
  'Les pompiers du Gard ont évacué dans la nuit de samedi à dimanche près de 300 habitants d’Alès après de violents orages.',
  'La préfecture a ouvert deux gymnases pour accueillir les sinistrés et déclenché le plan Orsec dès samedi soir.',
  'Les écoles de la commune resteront fermées lundi, a annoncé la mairie dans un communiqué publié dimanche matin.',
]
const articles = [
  { id: 'a1', url: 'https://www.midi-info.example/gard-orages', text: story.join('\n\n') },
  { id: 'b7', url: 'https://www.le-sud.example/alès', text: [...story, 'Lire aussi : notre dossier sur les inondations.'].join('\n\n') },
  { id: 'a2', url: 'https://www.midi-info.example/budget', text: 'Le conseil municipal de Nîmes a adopté mardi soir un budget en hausse de 4 % pour les écoles et les transports.' },
]
// The index file goes to a fresh temporary folder, so every run starts empty (and the folder is
// left again at the end).
const home = process.cwd()
process.chdir(mkdtempSync(join(tmpdir(), 'news-dedup-example-')))
const asScript = process.argv[1] !== undefined && pathToFileURL(realpathSync(process.argv[1])).href === import.meta.url
const printed: string[] = []
const console = {
  log: (...values: unknown[]) => {
    printed.push(values.join(' '))
    if (asScript) globalThis.console.log(...values)
  },
}

// README:begin
import { createDeduplicator } from 'news-dedup'
import { connectIndex } from 'news-dedup/stores'     // Node-only: SQLite and Redis stores

const index = await connectIndex('./news-dedup.db')   // or ':memory:', or 'redis://127.0.0.1:6379/0'
const dedup = createDeduplicator({ index, ttl: '7d' })
for await (const result of dedup.run(articles)) {     // or: await dedup.add(article)
  if (result.duplicate) console.log(result.id, 'copies', result.duplicate.of, result.duplicate.kind)
}
await dedup.close()
// README:end
process.chdir(home)

export { printed }
