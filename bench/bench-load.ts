/**
 * Start-up of the built package, each figure from fresh Node processes run in turn in the same
 * run (so the ratios hold on a noisy machine). Needs `npm run build` first.
 *
 *   node --import tsx bench/bench-load.ts [--runs 7]      (npm run bench:load)
 *
 * 1. Loading the library: requiring the four CommonJS entries against importing the four ESM
 *    entries (median wall time of each, the CJS/ESM ratio, the heap after loading).
 * 2. The CLI: `news-dedup clean` on a 60-byte text file, a small HTML page, a small JSONL file
 *    (three records, one of them HTML, written as JSONL by the batches) and the same without its
 *    HTML record, against `node -e 0`: the time to
 *    the first byte of standard output, the wall time to exit and the process's CPU time (user +
 *    system, all threads, read by the process itself as it exits), medians, and each median's
 *    ratio to the empty Node's.
 */
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'

const root = resolve(import.meta.dirname, '..')
const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' } } })
const runs = Number(values.runs)
const entries = ['index', 'stores', 'unified', 'node']
if (!entries.every((e) => existsSync(join(root, 'dist', `${e}.cjs`))) || !existsSync(join(root, 'dist', 'cli.js'))) throw new Error('Run `npm run build` first')
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

// --- 1. Loading the library --------------------------------------------------------------------
// Each process measures its own loading (hrtime around the loads) and reports the heap used.
const report = 'const ms = Number(process.hrtime.bigint() - t0) / 1e6; console.log(JSON.stringify({ ms, heap: process.memoryUsage().heapUsed }))'
const cjs = `const t0 = process.hrtime.bigint(); ${entries.map((e) => `require(${JSON.stringify(join(root, 'dist', `${e}.cjs`))});`).join(' ')} ${report}`
const esm = `const t0 = process.hrtime.bigint(); ${entries.map((e) => `await import(${JSON.stringify(join(root, 'dist', `${e}.js`))});`).join(' ')} ${report}`

function once(args: string[]): { ms: number; heap: number } {
  return JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8' }))
}

const times = { cjs: [] as number[], esm: [] as number[] }
const heaps = { cjs: [] as number[], esm: [] as number[] }
once(['-e', cjs]) // warm the file cache
for (let i = 0; i < runs; i++) {
  const c = once(['-e', cjs])
  const e = once(['--input-type=module', '-e', esm])
  times.cjs.push(c.ms)
  heaps.cjs.push(c.heap)
  times.esm.push(e.ms)
  heaps.esm.push(e.heap)
}
const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(0)
console.log(`load of the four entries, median of ${runs} fresh processes each:`)
console.log(`  ESM import:  ${median(times.esm).toFixed(0)} ms, ${mb(median(heaps.esm))} MB heap`)
console.log(`  CJS require: ${median(times.cjs).toFixed(0)} ms, ${mb(median(heaps.cjs))} MB heap`)
console.log(`  ratio CJS/ESM: ${(median(times.cjs) / median(times.esm)).toFixed(2)}×`)

// --- 2. CLI start-up -----------------------------------------------------------------------------
const dir = mkdtempSync(join(tmpdir(), 'news-dedup-bench-load-'))
const text = join(dir, 'note.txt')
writeFileSync(text, 'Le chat dort sur le tapis.\n\nThe cat sleeps on the mat today.\n') // 60 bytes
const html = join(dir, 'page.html')
writeFileSync(
  html,
  `<!doctype html><html><head><title>Le chat</title></head><body><article><h1>Le chat dort</h1>
<p>Le chat dort sur le tapis depuis ce matin, sans bouger.</p>
<p>The cat has been sleeping on the mat since this morning.</p>
<p>Le chat dort sur le tapis depuis ce matin, sans bouger.</p></article></body></html>\n`,
)
const jsonl = join(dir, 'feed.jsonl')
writeFileSync(
  jsonl,
  `${[
    { id: 'a', text: 'Le chat dort sur le tapis.\n\nThe cat sleeps on the mat.' },
    { id: 'b', text: 'Der Hund schläft im Garten.\n\nDer Hund schläft im Garten.' },
    { id: 'c', html: '<p>El perro duerme en el jardín desde esta mañana.</p>' },
  ]
    .map((r) => JSON.stringify(r))
    .join('\n')}\n`,
)
// The same without the HTML record: what the JSONL reader and the batches cost, the page parser apart.
const jsonlText = join(dir, 'texts.jsonl')
writeFileSync(jsonlText, `${[{ id: 'a', text: 'Le chat dort sur le tapis.\n\nThe cat sleeps on the mat.' }, { id: 'b', text: 'Der Hund schläft im Garten.\n\nDer Hund schläft im Garten.' }].map((r) => JSON.stringify(r)).join('\n')}\n`)
// Preloaded into each process: at exit it writes its CPU time (all threads) to standard error.
const cpuReport = join(dir, 'cpu-report.mjs')
writeFileSync(cpuReport, "process.on('exit', () => { const u = process.cpuUsage(); process.stderr.write('\\ncpu-us ' + (u.user + u.system) + '\\n') })\n")
const preload = ['--import', pathToFileURL(cpuReport).href]
const cli = join(root, 'dist', 'cli.js')
const cases: Array<[string, string[]]> = [
  ['node -e 0', [...preload, '-e', '0']],
  ['clean 60-byte text', [...preload, cli, 'clean', text]],
  ['clean small HTML', [...preload, cli, 'clean', html]],
  ['clean small JSONL', [...preload, cli, 'clean', jsonl]],
  ['clean small JSONL, text only', [...preload, cli, 'clean', jsonlText]],
]

interface Run {
  first: number
  wall: number
  cpu: number
}

function run(args: string[]): Promise<Run> {
  return new Promise((done, fail) => {
    const t0 = process.hrtime.bigint()
    const ms = (): number => Number(process.hrtime.bigint() - t0) / 1e6
    let first = Number.NaN
    let stderr = ''
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    child.stdout.on('data', () => {
      if (Number.isNaN(first)) first = ms()
    })
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    child.on('error', fail)
    child.on('close', (code) => {
      const wall = ms()
      const cpu = /cpu-us (\d+)/.exec(stderr)
      if (code !== 0 || !cpu) fail(new Error(`${args.join(' ')}: exit ${code}\n${stderr}`))
      // `node -e 0` writes nothing: its first output is its exit.
      else done({ first: Number.isNaN(first) ? wall : first, wall, cpu: Number(cpu[1]) / 1000 })
    })
  })
}

const results = cases.map(() => [] as Run[])
for (const [, args] of cases) await run(args) // warm the file cache
for (let i = 0; i < runs; i++) for (const [k, [, args]] of cases.entries()) results[k]!.push(await run(args))
rmSync(dir, { recursive: true, force: true })

const stat = (k: number, key: keyof Run): number => median(results[k]!.map((r) => r[key]))
console.log(`\nCLI start-up, median of ${runs} rounds (each round runs the ${cases.length} in turn), ms and × \`node -e 0\`:`)
console.log('| command | first output | wall | CPU |')
console.log('|---|---|---|---|')
for (const [k, [name]] of cases.entries()) {
  const cell = (key: keyof Run): string => `${stat(k, key).toFixed(0)}${k === 0 ? '' : ` (${(stat(k, key) / stat(0, key)).toFixed(1)}×)`}`
  console.log(`| ${name} | ${cell('first')} | ${cell('wall')} | ${cell('cpu')} |`)
}
