/**
 * The peer anchor of issue 12: datasketch's MinHashLSH (Python + numpy, 128 permutations,
 * cross-article matching only) against this package on the same synthetic feed
 * (`bench-feed.ts`'s), each in its own process, in turn, on CPU time (user + system of the
 * process: on a shared machine wall time measures the neighbours) and wall time.
 *
 *   npm run build && node --import tsx bench/bench-datasketch.ts [--n 5000] [--rounds 3] [--before OTHER/dist/cli.js]
 *
 * Needs python3 with numpy and scipy, and datasketch's source (DATASKETCH_PATH, the folder
 * holding `datasketch/`; default /tmp/datasketch: e.g. `git archive` of github.com/ekzhu/datasketch).
 * Ours: the full pipeline (`clean()` included) and the cross-article stages alone (clean()
 * replaced by a split on blank lines), in memory, one thread; and the built CLI's `feed` with 1 and
 * 2 workers (the issue's target), with the bound its CPU sets on free cores; with `--before`, another
 * build's CLI with 2 workers in the same rounds. datasketch's figure is its matching loop, as its
 * script times it (the issue's target); the script is also timed as a whole process (Python's
 * start, imports, reading the file), like-for-like with our CLI rows. Writes bench/results/datasketch.md.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'
import { writeResult } from './write-result.js'

const { values } = parseArgs({ options: { n: { type: 'string' }, rounds: { type: 'string' }, before: { type: 'string' } } })
const n = Number(values.n ?? 5000)
const rounds = Number(values.rounds ?? 3)
const FEED = fileURLToPath(new URL('./bench-feed.ts', import.meta.url))
const ANCHOR = fileURLToPath(new URL('./datasketch-anchor.py', import.meta.url))

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url))
/** `--before PATH`: another build's cli.js (e.g. a copy of main's dist/), run with 2 workers in the same rounds, for a before/after. */
const BEFORE = values.before
const THREAD_CPU = fileURLToPath(new URL('./thread-cpu.cjs', import.meta.url))
const cores = cpus().length

interface Run { seconds: number; cpuSeconds: number }
/** A run of the built CLI: wall and CPU of the whole process, and its main thread's CPU (see thread-cpu.cjs). */
interface CliRun extends Run { mainSeconds: number }

/** `news-dedup feed FEED --index :memory: --workers N`, the whole process (start-up and model load included). */
function cliRun(feed: string, workers: number, cli = CLI): CliRun {
  const times = join(dir, 'time')
  const threads = join(dir, 'threads.json')
  rmSync(threads, { force: true })
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S', '-o', times, process.execPath, '-r', THREAD_CPU, cli, 'feed', feed, '--index', ':memory:', '--workers', String(workers)], {
    stdio: ['ignore', 'ignore', 'ignore'],
    env: { ...process.env, BENCH_THREAD_CPU: threads },
  })
  if (r.status !== 0) throw new Error(`news-dedup feed --workers ${workers} exited with ${r.status}`)
  const [wall, user, sys] = readFileSync(times, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number) as [number, number, number]
  const main = existsSync(threads) ? (JSON.parse(readFileSync(threads, 'utf8')) as { main: number }).main : Number.NaN
  return { seconds: wall, cpuSeconds: user + sys, mainSeconds: main }
}
/**
 * datasketch's script as a whole process under /usr/bin/time: what it times itself (the matching
 * loop) plus Python's start, importing numpy, scipy and datasketch, and reading the JSONL file;
 * the like-for-like figure against our whole-process CLI rows (the target is the loop).
 */
function datasketchRun(feed: string): { loop: Run; whole: Run } {
  const times = join(dir, 'time')
  const out = execFileSync('/usr/bin/time', ['-f', '%e %U %S', '-o', times, 'python3', ANCHOR, feed], { encoding: 'utf8' })
  const [wall, user, sys] = readFileSync(times, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number) as [number, number, number]
  return { loop: JSON.parse(out) as Run, whole: { seconds: wall, cpuSeconds: user + sys } }
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number

const dir = mkdtempSync(join(tmpdir(), 'bench-datasketch-'))
try {
  const feed = join(dir, 'feed.jsonl')
  execFileSync(process.execPath, ['--import', 'tsx', FEED, '--dump', String(n), feed])
  const runs: Record<'datasketch' | 'full' | 'index', Run[]> = { datasketch: [], full: [], index: [] }
  const datasketchWhole: Run[] = []
  // The built CLI with 1 and 2 workers, when dist/ is there (`npm run build`).
  const cli = existsSync(CLI) ? new Map<number, CliRun[]>([[1, []], [2, []]]) : null
  const before: CliRun[] = []
  const load = [loadavg()[0]!]
  for (let round = 0; round < rounds; round++) {
    const ds = datasketchRun(feed)
    runs.datasketch.push(ds.loop)
    datasketchWhole.push(ds.whole)
    for (const mode of ['full', 'index'] as const) {
      const out = execFileSync(process.execPath, ['--import', 'tsx', FEED, '--child', mode, ':memory:', String(n)], { encoding: 'utf8' })
      runs[mode].push(JSON.parse(out.trim().split('\n').at(-1) as string) as Run)
    }
    if (cli) for (const [workers, list] of cli) list.push(cliRun(feed, workers))
    if (cli && BEFORE) before.push(cliRun(feed, 2, BEFORE))
    console.log(`round ${round + 1}:`, Object.entries(runs).map(([k, v]) => `${k} ${v.at(-1)!.cpuSeconds.toFixed(2)} s CPU`).join(', '))
  }
  load.push(loadavg()[0]!)
  const cpu = (k: keyof typeof runs): number => median(runs[k].map((r) => r.cpuSeconds))
  const wall = (k: keyof typeof runs): number => median(runs[k].map((r) => r.seconds))
  const row = (label: string, k: keyof typeof runs): string =>
    `| ${label} | ${runs[k].map((r) => r.cpuSeconds.toFixed(2)).join(', ')} | ${cpu(k).toFixed(2)} | ${((n / cpu(k))).toFixed(0)} | ${wall(k).toFixed(2)} | ${(cpu('datasketch') / cpu(k)).toFixed(2)}× |`
  const lines = [
    '# Against datasketch (MinHashLSH), the peer anchor',
    '',
    `Generated by \`node --import tsx bench/bench-datasketch.ts --n ${n} --rounds ${rounds}${BEFORE ? ' --before …' : ''}\` on ${new Date().toISOString().slice(0, 10)}, Node ${process.version},`,
    `load average ${load.map((l) => l.toFixed(1)).join(' → ')} during the run (${cores} cores; a shared machine: compare the rows, not the seconds, with other runs).`,
    `${n} synthetic articles of \`bench-feed.ts\` (a fifth edited copies), the same JSONL file for both. datasketch: word 3-shingles,`,
    '128-permutation MinHash, `MinHashLSH(threshold=0.5)` query then insert per article (cross-article matching only).',
    'Ours, in memory, one thread. Each run its own process, in turn; CPU = user + system time of the process.',
    '',
    '| run | CPU s, round by round | median CPU s | articles per CPU second | median wall s | speed against datasketch (CPU) |',
    '|---|---|---|---|---|---|',
    row('datasketch MinHashLSH', 'datasketch'),
    row('news-dedup, full pipeline (clean() included)', 'full'),
    row('news-dedup, cross-article stages only', 'index'),
    '',
    'The machine was shared (other jobs running), hence CPU time.',
    '',
    "datasketch's figure above is its matching loop alone, as its script times it: not Python's start, importing numpy, scipy and",
    'datasketch, nor reading the JSONL file. Ours below are whole processes. The same script as a whole process, for a like-for-like',
    `figure: median ${median(datasketchWhole.map((r) => r.cpuSeconds)).toFixed(2)} s CPU, ${median(datasketchWhole.map((r) => r.seconds)).toFixed(2)} s wall`,
    `(loop: ${cpu('datasketch').toFixed(2)} s CPU, ${wall('datasketch').toFixed(2)} s wall). The target is judged against the loop.`,
    '',
    ...(cli === null
      ? ['(The CLI rows need `npm run build` first.)', '']
      : [
          `The issue's target: the full pipeline with 2 workers against datasketch's one process. The built CLI, \`news-dedup feed FILE`,
          `--index :memory: --workers N\`, whole process (start-up, language model, reading and writing included). "bound": the`,
          `shortest wall time its CPU allows on ${cores} free cores, max(main thread CPU, process CPU / ${cores}); datasketch runs in one`,
          'thread, so its CPU time is its time on free cores. Medians.',
          '',
          '| run | CPU s | main thread CPU s | wall s | bound on free cores s | speed against datasketch (its CPU / our bound) | wall speed against datasketch (its loop / our process) |',
          '|---|---|---|---|---|---|---|',
          ...[...[...cli].map(([workers, list]) => [`news-dedup feed --workers ${workers}`, list] as const), ...(BEFORE ? [['before (`--before`), --workers 2', before] as const] : [])].map(([label, list]) => {
            const c = median(list.map((r) => r.cpuSeconds))
            const m = median(list.map((r) => r.mainSeconds))
            const w = median(list.map((r) => r.seconds))
            const b = median(list.map((r) => Math.max(r.mainSeconds, r.cpuSeconds / cores)))
            return `| ${label} | ${c.toFixed(2)} | ${m.toFixed(2)} | ${w.toFixed(2)} | ${b.toFixed(2)} | ${(cpu('datasketch') / b).toFixed(2)}× | ${(wall('datasketch') / w).toFixed(2)}× |`
          }),
          '',
        ]),
  ]
  writeResult(new URL('./results/datasketch.md', import.meta.url), lines.join('\n'))
  console.log(lines.join('\n'))
} finally {
  rmSync(dir, { recursive: true, force: true })
}
