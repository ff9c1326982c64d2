/**
 * The HTML path against the text path once both are warm (not part of `npm run bench`):
 * `bench.ts --pipeline text` and `--pipeline html` in processes of their own, in turn, round
 * after round, each making 16 passes over the corpus's first 1 MB (CPU time per pass). The
 * figure is the least of passes 13–16 of each process; the least of passes 5–8 of the same
 * processes (bench.ts's method, without its baseline) is printed beside it.
 *
 *   node --import tsx bench/bench-html-steady.ts [--rounds 7]
 *
 * Why: V8 optimizes a function called once per article only after many calls, and its background
 * compiles count in the process's CPU time; a page runs more such functions (parse5's
 * document-level states) than a text, and `node --trace-opt` shows the HTML path still compiling
 * in passes 4–13 of 1 MB (≈ 300 articles a pass; 2026-12-02). A feed of thousands of articles runs at the late rate.
 */
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { quantile } from './ab-revision.js'

const { values } = parseArgs({ options: { rounds: { type: 'string' } }, strict: false })
const PASSES = 16
const bench = fileURLToPath(new URL('./bench.ts', import.meta.url))

function run(pipeline: 'text' | 'html'): { passes: number[]; bytes: number } {
  const args = [...process.execArgv, bench, '--pipeline', pipeline, '--mb', '1', '--baseline-mb', '1', '--passes', String(PASSES)]
  return JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8' }).trim().split('\n').pop()!) as { passes: number[]; bytes: number }
}

const least = (passes: readonly number[], from: number, to: number): number => Math.min(...passes.slice(from, to))
const median = (xs: readonly number[]): number => quantile(xs, 0.5)

const late: number[] = []
const early: number[] = []
for (let r = 0; r < Number(values.rounds ?? 7); r++) {
  const text = run('text')
  const html = run('html')
  const ratio = (from: number, to: number): number => html.bytes / least(html.passes, from, to) / (text.bytes / least(text.passes, from, to))
  late.push(ratio(12, 16))
  early.push(ratio(4, 8))
  const cpu = (passes: readonly number[]): string => passes.map((x) => x.toFixed(2)).join(' ')
  console.log(`round ${r + 1}: passes 13–16 ${late[r]!.toFixed(2)}×, passes 5–8 ${early[r]!.toFixed(2)}×; CPU per pass, text ${cpu(text.passes)} / HTML ${cpu(html.passes)} s`)
}
console.log(`HTML path / text path, MB/s of input: ${median(late).toFixed(2)}× once warm (least of passes 13–16), ${median(early).toFixed(2)}× at passes 5–8 (medians of ${late.length} rounds)`)
