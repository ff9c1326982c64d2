/**
 * `clean(html)` on the bench pages in the window `npm run bench` times (passes 5–8 of a fresh
 * process: the least CPU of the four), this tree's code against other revisions', each run in
 * processes of its own, the codes in turn round after round, the order rotating (not part of
 * `npm run bench`):
 *
 *   node --import tsx bench/ab-html-window.ts --vs 772faf0 [--vs 23f5bbd] [--rounds 12]
 *
 * In-process A/Bs (`bench-language-stage.ts --html`) run both codes warm in one process, so they
 * cannot see what a change does to a process's warm-up (functions V8 compiles late, once per
 * page); this can. Prints each code's median and quartiles of its processes' least CPU per pass,
 * the ratio of the medians to this tree's, and whether every process's output (SHA-256 of the
 * first pass's results) is the same.
 */
import { createHash } from 'node:crypto'
import { execFileSync } from 'node:child_process'
import { loadavg } from 'node:os'
import { resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { extractRevision, quantile } from './ab-revision.js'
import { asHtml, generateCorpus } from './bench.js'

const { values } = parseArgs({ options: { vs: { type: 'string', multiple: true }, rounds: { type: 'string' }, child: { type: 'string' } }, strict: false })
/** As `bench.ts`: 4 passes to warm up, then the least of the next 4. */
const WARM_UP_PASSES = 4
const TIMED_PASSES = 4

/** A child: `clean(html)` over the bench pages from the `src/` at `dir`, every pass's CPU and the output's hash as JSON. */
async function child(dir: string): Promise<void> {
  const { loadLanguageModel } = (await import(pathToFileURL(resolve(dir, 'language/fasttext-model.ts')).href)) as { loadLanguageModel: () => Promise<void> }
  const { clean } = (await import(pathToFileURL(resolve(dir, 'clean.ts')).href)) as { clean: (input: string, options: { format: 'html' }) => unknown }
  await loadLanguageModel()
  const pages = generateCorpus(1e6).map(asHtml)
  const passes: number[] = []
  const hash = createHash('sha256')
  for (let pass = 0; pass < WARM_UP_PASSES + TIMED_PASSES; pass++) {
    const start = process.cpuUsage()
    for (const page of pages) {
      const result = clean(page, { format: 'html' })
      if (pass === 0) hash.update(JSON.stringify(result))
    }
    const used = process.cpuUsage(start)
    passes.push((used.user + used.system) / 1000)
  }
  console.log(JSON.stringify({ passes, hash: hash.digest('hex') }))
}

if (typeof values.child === 'string') await child(values.child)
else {
  const revisions = (values.vs ?? []).map((rev) => ({ name: String(rev), revision: extractRevision(String(rev)) }))
  if (revisions.length === 0) throw new Error('--vs REV is required (a revision to compare with; repeat it for more)')
  try {
    const codes = [{ name: 'this tree', src: resolve('src') }, ...revisions.map(({ name, revision }) => ({ name, src: revision.src }))]
    const script = fileURLToPath(import.meta.url)
    const least: number[][] = codes.map(() => [])
    const hashes = new Set<string>()
    const rounds = Number(values.rounds ?? 12)
    console.error(`load ${loadavg()[0]!.toFixed(1)}`)
    for (let r = 0; r < rounds; r++) {
      for (let k = 0; k < codes.length; k++) {
        const c = (r + k) % codes.length
        const out = JSON.parse(execFileSync(process.execPath, [...process.execArgv, script, '--child', codes[c]!.src], { encoding: 'utf8' }).trim().split('\n').pop()!) as { passes: number[]; hash: string }
        least[c]!.push(Math.min(...out.passes.slice(WARM_UP_PASSES)))
        hashes.add(out.hash)
      }
      console.error(`  round ${r + 1}: ${codes.map((code, c) => `${code.name} ${least[c]![r]!.toFixed(0)} ms`).join(', ')}`)
    }
    const mine = quantile(least[0]!, 0.5)
    for (const [c, code] of codes.entries()) {
      const m = quantile(least[c]!, 0.5)
      console.log(`${code.name}: least CPU of passes ${WARM_UP_PASSES + 1}–${WARM_UP_PASSES + TIMED_PASSES}, median ${m.toFixed(1)} ms (quartiles ${quantile(least[c]!, 0.25).toFixed(1)}–${quantile(least[c]!, 0.75).toFixed(1)}) over ${rounds} processes${c === 0 ? '' : `; ${(m / mine).toFixed(3)}× this tree's`}`)
    }
    console.log(`outputs: ${hashes.size === 1 ? 'the same in every process' : `${hashes.size} different hashes`}; load ${loadavg()[0]!.toFixed(1)}`)
  } finally {
    for (const { revision } of revisions) revision.dispose()
  }
}
