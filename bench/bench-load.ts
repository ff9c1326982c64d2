/**
 * Load time of the built package: requiring the four CommonJS entries against importing the
 * four ESM entries, each in a fresh Node process, alternating, in the same run (so the ratio
 * is meaningful on a noisy machine). Needs `npm run build` first.
 *
 *   node --import tsx bench/bench-load.ts [--runs 7]
 *
 * Prints the median wall time of each, the CJS/ESM ratio and the heap after loading.
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'

const root = resolve(import.meta.dirname, '..')
const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' } } })
const runs = Number(values.runs)
const entries = ['index', 'stores', 'unified', 'node']
if (!entries.every((e) => existsSync(join(root, 'dist', `${e}.cjs`)))) throw new Error('Run `npm run build` first')

// Each process measures its own loading (hrtime around the loads) and reports the heap used.
const report = 'const ms = Number(process.hrtime.bigint() - t0) / 1e6; console.log(JSON.stringify({ ms, heap: process.memoryUsage().heapUsed }))'
const cjs = `const t0 = process.hrtime.bigint(); ${entries.map((e) => `require(${JSON.stringify(join(root, 'dist', `${e}.cjs`))});`).join(' ')} ${report}`
const esm = `const t0 = process.hrtime.bigint(); ${entries.map((e) => `await import(${JSON.stringify(join(root, 'dist', `${e}.js`))});`).join(' ')} ${report}`

function once(args: string[]): { ms: number; heap: number } {
  return JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8' }))
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

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
