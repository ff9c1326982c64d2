/**
 * CPU profile of clean() on the bench corpus (not part of `npm run bench`): writes a
 * .cpuprofile and prints the functions with the most self time.
 *
 *   node --import tsx bench/profile-clean.ts [--mb 5]
 *   HTML=1 node --import tsx bench/profile-clean.ts   # the same articles as HTML pages
 *
 *   BY=folder node --import tsx bench/profile-clean.ts --mb 12   # self time summed by source folder
 *
 * (`dispatch` in the list is the inspector's own work while the profile is taken, not clean()'s;
 * `BY=folder` leaves it out of the shares. There fastText (its WebAssembly and its glue) counts under
 * `language`, and `text/` is split into its folding, tokenizing and sentence modules and the rest.)
 * It also prints a SHA-256 of the JSON of every result, taken outside the profile: a speed change
 * must leave it as it was (`NO_PROFILE=1` prints only the hash).
 */
import { createHash } from 'node:crypto'
import { Session } from 'node:inspector/promises'
import { writeFileSync, mkdirSync } from 'node:fs'
import { clean } from '../src/clean.js'
import { asHtml, generateCorpus } from './bench.js'
import { loadLanguageModel } from '../src/language/fasttext-model.js'

await loadLanguageModel()

const mb = Number(process.argv[process.argv.indexOf('--mb') + 1] || 5)
const corpus = generateCorpus(mb * 1e6)
const html = process.env.HTML === '1'
const input = html ? corpus.map(asHtml) : corpus
const digest = createHash('sha256')
for (const article of input) digest.update(`${JSON.stringify(clean(article, { format: html ? 'html' : 'text' }))}\n`)
console.log(`output sha256 ${digest.digest('hex')} (${input.length} articles)`)
if (process.env.NO_PROFILE === '1') process.exit(0)
const session = new Session()
session.connect()
await session.post('Profiler.enable')
await session.post('Profiler.start')
const started = performance.now()
for (const article of input) clean(article, { format: html ? 'html' : 'text' })
const seconds = (performance.now() - started) / 1000
const { profile } = await session.post('Profiler.stop')
mkdirSync('bench/out', { recursive: true })
writeFileSync('bench/out/clean.cpuprofile', JSON.stringify(profile))
const self = new Map<string, number>()
const dt = profile.timeDeltas ?? []
const byId = new Map(profile.nodes.map((n) => [n.id, n]))
profile.samples?.forEach((id, i) => {
  const n = byId.get(id)!
  const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber + 1}`
  self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0))
})
const total = [...self.values()].reduce((a, b) => a + b, 0)
console.log(`${mb} MB in ${seconds.toFixed(2)} s = ${(mb / seconds).toFixed(2)} MB/s`)
if (process.env.BY === 'folder') {
  const folders = new Map<string, number>()
  let counted = 0
  for (const [key, v] of self) {
    const name = key.slice(0, key.lastIndexOf(' '))
    const at = key.slice(key.lastIndexOf(' ') + 1)
    if (name === 'dispatch') continue
    const file = at.slice(0, at.lastIndexOf(':'))
    const folder = file.startsWith('wasm/') || file.includes('fastText') ? 'language' : /^text\/(normalize-text|tokenize|split-sentences)\./.test(file) ? 'text (fold, tokens, sentences)' : file.includes('/') ? file.split('/')[0]! : name.startsWith('(') ? name : `(${name})`
    folders.set(folder, (folders.get(folder) ?? 0) + v)
    counted += v
  }
  for (const [folder, v] of [...folders].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`${((100 * v) / counted).toFixed(1).padStart(5)} %  ${folder}`)
} else {
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 30))) console.log(`${((100 * v) / total).toFixed(1).padStart(5)} %  ${k}`)
}
