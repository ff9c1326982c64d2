/**
 * `--workers` scaling of the CLI (issue 12): `news-dedup clean` on JSONL and `news-dedup feed`
 * (in-memory and SQLite index) with 1 and 2 worker threads, runs in turn (1, 2, 1, 2, …) so a
 * drift of the machine's speed hits both alike; the speed-up is the ratio of the medians. Checks
 * that every run's output is byte-identical to the first run's with one worker.
 *
 * For `clean`, each round also runs the machine's own ceiling of any split in one process: two
 * `clean --workers 1` processes side by side, each on one half of the lines (the output of the
 * first half then the second's must be the one-worker output). Two processes share nothing (no
 * messages, no judging thread), so `--workers 2` can approach that row but not pass it.
 *
 *   npm run build && node --import tsx bench/bench-workers.ts [--mb 8] [--rounds 2] [--workers 1,2] [--only clean,memory,sqlite] [--cli PATH]
 *
 * `--only` runs some of the three commands, and prints the table without writing the results
 * file; so does `--cli` (another build's cli.js, for a before/after).
 *
 * The corpus is `bench/workers-corpus.ts` (real news paragraphs from ../shared/datasets, with
 * injected in-article repeats, and for the feed injected edited copies). Runs the built CLI
 * (dist/cli.js), as users do. Writes bench/results/workers.md.
 */
import { spawn, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { workersCorpus } from './workers-corpus.js'
import { writeResult } from './write-result.js'

const THREAD_CPU = fileURLToPath(new URL('./thread-cpu.cjs', import.meta.url))
const { values } = parseArgs({ options: { mb: { type: 'string' }, rounds: { type: 'string' }, workers: { type: 'string' }, only: { type: 'string' }, cli: { type: 'string' } } })
/** The CLI measured: this build's, or another's (`--cli OTHER/dist/cli.js`, e.g. main's, for a before/after). */
const CLI = values.cli ?? fileURLToPath(new URL('../dist/cli.js', import.meta.url))
const only = values.only?.split(',')
const mb = Number(values.mb ?? 8)
const rounds = Number(values.rounds ?? 2)
const counts = (values.workers ?? '1,2').split(',').map(Number)
const cores = cpus().length

interface Run {
  wall: number
  cpu: number
  /** CPU seconds of the main thread alone (from /proc, see thread-cpu.cjs). */
  mainCpu: number
  rssMb: number
  digest: string
}

/** One CLI run under /usr/bin/time: wall, user + system seconds, the main thread's, peak RSS, and a digest of stdout. */
function runOnce(args: string[], dir: string): Run {
  const times = join(dir, 'time')
  const threads = join(dir, 'threads.json')
  rmSync(threads, { force: true })
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', '-o', times, process.execPath, '-r', THREAD_CPU, CLI, ...args], {
    stdio: ['ignore', 'pipe', 'ignore'],
    maxBuffer: 1 << 30,
    env: { ...process.env, BENCH_THREAD_CPU: threads },
  })
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited with ${r.status}`)
  return { ...timesOf(times, threads), digest: createHash('sha256').update(r.stdout).digest('hex') }
}

/** What /usr/bin/time (`%e %U %S %M`) and thread-cpu.cjs wrote of a run. */
function timesOf(times: string, threads: string): Omit<Run, 'digest'> {
  const [wall, user, sys, rss] = readFileSync(times, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number) as [number, number, number, number]
  const mainCpu = existsSync(threads) ? (JSON.parse(readFileSync(threads, 'utf8')) as { main: number }).main : Number.NaN
  return { wall, cpu: user + sys, mainCpu, rssMb: rss / 1024 }
}

/**
 * The ceiling row: `clean --workers 1` on each of `halves` at once, two processes side by side.
 * Wall: until both have exited; CPU: both processes'; main: the busier main thread; RSS: both
 * peaks added; digest: of the first half's output followed by the second's.
 */
async function runHalves(halves: readonly string[], dir: string): Promise<Run> {
  const runs = await Promise.all(
    halves.map(
      (input, i) =>
        new Promise<{ run: Omit<Run, 'digest'>; out: Buffer }>((resolve, reject) => {
          const times = join(dir, `time-half${i}`)
          const threads = join(dir, `threads-half${i}.json`)
          rmSync(threads, { force: true })
          const child = spawn('/usr/bin/time', ['-f', '%e %U %S %M', '-o', times, process.execPath, '-r', THREAD_CPU, CLI, 'clean', input, '--workers', '1'], {
            stdio: ['ignore', 'pipe', 'ignore'],
            env: { ...process.env, BENCH_THREAD_CPU: threads },
          })
          const chunks: Buffer[] = []
          child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk))
          child.on('error', reject)
          child.on('close', (status) => {
            if (status !== 0 && status !== 1) reject(new Error(`clean ${input} exited with ${status}`))
            else resolve({ run: timesOf(times, threads), out: Buffer.concat(chunks) })
          })
        }),
    ),
  )
  const digest = createHash('sha256')
  for (const { out } of runs) digest.update(out)
  return {
    wall: Math.max(...runs.map(({ run }) => run.wall)),
    cpu: runs.reduce((sum, { run }) => sum + run.cpu, 0),
    mainCpu: Math.max(...runs.map(({ run }) => run.mainCpu)),
    rssMb: runs.reduce((sum, { run }) => sum + run.rssMb, 0),
    digest: digest.digest('hex'),
  }
}

/**
 * The shortest wall time a run's CPU allows on `cores` free cores: the main thread's own CPU
 * (it reads, judges and writes alone), or the whole process's shared out over every core.
 */
const bound = (run: { cpu: number; mainCpu: number }, cores: number): number => Math.max(run.mainCpu, run.cpu / cores)

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
}

async function main(): Promise<void> {
  if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first')
  const dir = mkdtempSync(join(tmpdir(), 'bench-workers-'))
  const load = [loadavg()[0]!]
  console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} at the start`)
  try {
    const cleanInput = join(dir, 'clean.jsonl')
    const feedInput = join(dir, 'feed.jsonl')
    const wanted = (name: string): boolean => only === undefined || only.includes(name)
    const cleanLines = wanted('clean') ? workersCorpus(mb, false) : []
    const feedLines = wanted('memory') || wanted('sqlite') ? workersCorpus(mb, true) : []
    writeFileSync(cleanInput, cleanLines.join('\n') + '\n')
    // The ceiling's inputs: the first half of the lines and the rest.
    const halfInputs = [join(dir, 'clean-half0.jsonl'), join(dir, 'clean-half1.jsonl')]
    const half = Math.ceil(cleanLines.length / 2)
    writeFileSync(halfInputs[0]!, cleanLines.slice(0, half).join('\n') + '\n')
    writeFileSync(halfInputs[1]!, cleanLines.slice(half).join('\n') + '\n')
    writeFileSync(feedInput, feedLines.join('\n') + '\n')
    let db = 0
    const configs = [
      { key: 'clean', name: 'clean (JSONL)', articles: cleanLines.length, args: () => ['clean', cleanInput] },
      { key: 'memory', name: 'feed, in memory', articles: feedLines.length, args: () => ['feed', feedInput, '--index', ':memory:'] },
      { key: 'sqlite', name: 'feed, SQLite', articles: feedLines.length, args: () => ['feed', feedInput, '--index', join(dir, `f${++db}.db`)] },
    ].filter((config) => wanted(config.key))
    const rows: string[] = []
    const log = (name: string, what: string, run: Run): void =>
      console.log(`${name}, ${what}: ${run.wall.toFixed(1)} s wall, ${run.cpu.toFixed(1)} s CPU (main thread ${run.mainCpu.toFixed(1)}), ${run.rssMb.toFixed(0)} MB, load ${loadavg()[0]!.toFixed(1)}`)
    for (const config of configs) {
      const runs = new Map<number, Run[]>(counts.map((n) => [n, []]))
      const halves: Run[] = []
      for (let round = 0; round < rounds; round++) {
        for (const n of counts) {
          const run = runOnce([...config.args(), '--workers', String(n)], dir)
          runs.get(n)!.push(run)
          log(config.name, `${n} worker(s)`, run)
        }
        if (config.key === 'clean') {
          halves.push(await runHalves(halfInputs, dir))
          log(config.name, 'two processes on halves', halves.at(-1)!)
        }
      }
      const reference = runs.get(counts[0]!)![0]!.digest
      const base = median(runs.get(counts[0]!)!.map((r) => r.wall))
      const baseBound = median(runs.get(counts[0]!)!.map((r) => bound(r, cores)))
      const row = (label: string, list: Run[]): string => {
        const wall = median(list.map((r) => r.wall))
        const limit = median(list.map((r) => bound(r, cores)))
        return (
          `| ${config.name} | ${label} | ${(config.articles / wall).toFixed(0)} | ${wall.toFixed(1)} | ${median(list.map((r) => r.cpu)).toFixed(1)} | ` +
          `${median(list.map((r) => r.mainCpu)).toFixed(1)} | ${(base / wall).toFixed(2)}× | ${limit.toFixed(1)} | ${(baseBound / limit).toFixed(2)}× | ` +
          `${median(list.map((r) => r.rssMb)).toFixed(0)} | ${list.every((r) => r.digest === reference) ? 'yes' : '**no**'} |`
        )
      }
      for (const n of counts) rows.push(row(String(n), runs.get(n)!))
      if (halves.length > 0) rows.push(row('ceiling: 2 processes × 1 worker, half the lines each', halves))
    }
    load.push(loadavg()[0]!)
    const lines = [
      '# `--workers` scaling',
      '',
      `Generated by \`node --import tsx bench/bench-workers.ts --mb ${mb} --rounds ${rounds}${only ? ` --only ${only.join(',')}` : ''}\` on ${new Date().toISOString().slice(0, 10)}, Node ${process.version},`,
      `${cpus().length} × ${cpus()[0]?.model ?? '?'}; load average ${load.map((l) => l.toFixed(1)).join(' → ')} during the run (on a shared machine the`,
      'threads compete with other processes: a speed-up is only reachable when the cores are free).',
      '',
      `Corpus: ${mb} MB of articles made of real news paragraphs (ntrex128-news, wikinews-fr-100), a third with an injected in-article`,
      'repeat; the feed also has injected edited copies (a fifth of the articles). The built CLI, one process per run, runs in turn;',
      'figures are medians. "CPU" is user + system time of the whole process (every thread); "main" the main thread\'s alone (read',
      `from /proc while the process runs). "bound": the shortest wall time that CPU allows on ${cores} free cores, max(main, CPU / ${cores}),`,
      'and the speed-up it allows (against the one-worker bound): what the run would reach on an idle machine. "identical": stdout',
      'byte for byte the same as the first one-worker run.',
      '',
      'The ceiling row (clean): two `clean --workers 1` processes at once, each on half the lines, in every round after the other',
      'runs: what this machine gives any split of the work in two (no messages between threads, nothing shared). Its wall is until',
      'both have exited; CPU both processes\'; main the busier main thread; RSS both peaks added; "identical": the first half\'s',
      'output followed by the second\'s is the one-worker output.',
      '',
      '| command | workers | articles/s | wall s | CPU s | main s | speed-up | bound s | bound speed-up | peak RSS (MB) | identical |',
      '|---|---|---|---|---|---|---|---|---|---|---|',
      ...rows,
      '',
    ]
    if (only === undefined && values.cli === undefined) writeResult(new URL('./results/workers.md', import.meta.url), lines.join('\n'))
    console.log(lines.join('\n'))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

await main()
