/**
 * Start-up of the built package, each figure from fresh Node processes run in turn in the same
 * run (so the ratios hold on a noisy machine). Needs `npm run build` first.
 *
 *   node --import tsx bench/bench-load.ts [--runs 7] [--vs OTHER/dist/cli.js]      (npm run bench:load)
 *
 * 1. Loading the library: requiring the four CommonJS entries against importing the four ESM
 *    entries (median wall time of each, the CJS/ESM ratio, the heap after loading).
 * 2. The CLI: `news-dedup clean` on a 60-byte text file, a small HTML page, a small JSONL file
 *    (three records, one of them HTML, written as JSONL by the batches) and the same without its
 *    HTML record, against `node -e 0`: the time to
 *    the first byte of standard output, the wall time to exit and the process's CPU time (user +
 *    system, all threads, read by the process itself as it exits, and as it first writes to
 *    standard output: "CPU to first output", which a loaded machine inflates far less than wall
 *    times), medians, and each median's ratio to the empty Node's. With `--vs`, another build's
 *    CLI (e.g. main's, built in its own checkout) runs each case in the same rounds, in turn
 *    with this one, and the medians of the pair-by-pair ratios this/other are printed.
 */
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'

const root = resolve(import.meta.dirname, '..')
const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' }, vs: { type: 'string' } } })
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
// Preloaded into each process: it notes its CPU time (all threads) when it first writes to
// standard output, and at exit writes that and its whole CPU time to standard error.
const cpuReport = join(dir, 'cpu-report.mjs')
writeFileSync(
  cpuReport,
  `const cpu = () => { const u = process.cpuUsage(); return u.user + u.system }
let first = -1
const write = process.stdout.write.bind(process.stdout)
process.stdout.write = (...args) => { if (first < 0) first = cpu(); return write(...args) }
process.on('exit', () => { const all = cpu(); process.stderr.write('\\ncpu-us ' + all + ' ' + (first < 0 ? all : first) + '\\n') })
`,
)
const preload = ['--import', pathToFileURL(cpuReport).href]
const cli = join(root, 'dist', 'cli.js')
const other = values.vs === undefined ? undefined : resolve(values.vs)
if (other !== undefined && !existsSync(other)) throw new Error(`--vs: no file ${other}`)
const inputs: Array<[string, string]> = [
  ['clean 60-byte text', text],
  ['clean small HTML', html],
  ['clean small JSONL', jsonl],
  ['clean small JSONL, text only', jsonlText],
]
const cases: Array<[string, string[]]> = [
  ['node -e 0', [...preload, '-e', '0']],
  ...inputs.map(([name, input]): [string, string[]] => [name, [...preload, cli, 'clean', input]]),
  ...(other === undefined ? [] : inputs.map(([name, input]): [string, string[]] => [`${name} (--vs)`, [...preload, other, 'clean', input]])),
]

interface Run {
  first: number
  wall: number
  cpu: number
  cpuFirst: number
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
      const cpu = /cpu-us (\d+) (\d+)/.exec(stderr)
      if (code !== 0 || !cpu) fail(new Error(`${args.join(' ')}: exit ${code}\n${stderr}`))
      // `node -e 0` writes nothing: its first output is its exit.
      else done({ first: Number.isNaN(first) ? wall : first, wall, cpu: Number(cpu[1]) / 1000, cpuFirst: Number(cpu[2]) / 1000 })
    })
  })
}

const results = cases.map(() => [] as Run[])
for (const [, args] of cases) await run(args) // warm the file cache
// Each round: the empty Node, then each input with this build and the other next to each other,
// which one first flipping every round (so neither always runs on a cache the other warmed).
const order = (round: number): number[] => [0, ...inputs.flatMap((_, i) => (other === undefined ? [i + 1] : round % 2 === 0 ? [i + 1, i + 1 + inputs.length] : [i + 1 + inputs.length, i + 1]))]
for (let i = 0; i < runs; i++) for (const k of order(i)) results[k]!.push(await run(cases[k]![1]))
rmSync(dir, { recursive: true, force: true })

const stat = (k: number, key: keyof Run): number => median(results[k]!.map((r) => r[key]))
console.log(`\nCLI start-up, median of ${runs} rounds (each round runs the ${cases.length} in turn), ms and × \`node -e 0\`:`)
console.log('| command | first output | wall | CPU | CPU to first output |')
console.log('|---|---|---|---|---|')
for (const [k, [name]] of cases.entries()) {
  const cell = (key: keyof Run): string => `${stat(k, key).toFixed(0)}${k === 0 ? '' : ` (${(stat(k, key) / stat(0, key)).toFixed(1)}×)`}`
  console.log(`| ${name} | ${cell('first')} | ${cell('wall')} | ${cell('cpu')} | ${cell('cpuFirst')} |`)
}
if (other !== undefined) {
  // This build over the other, run by run (they ran next to each other in every round).
  const ratio = (k: number, key: keyof Run): string => median(results[k]!.map((r, i) => r[key] / results[k + inputs.length]![i]![key])).toFixed(2)
  console.log(`\nThis build / ${other}, medians of the ${runs} pair-by-pair ratios:`)
  console.log('| command | first output | wall | CPU | CPU to first output |')
  console.log('|---|---|---|---|---|')
  for (const [i, [name]] of inputs.entries()) console.log(`| ${name} | ${ratio(i + 1, 'first')}× | ${ratio(i + 1, 'wall')}× | ${ratio(i + 1, 'cpu')}× | ${ratio(i + 1, 'cpuFirst')}× |`)
}
