/**
 * The Redis Streams worker pool (issue 12, "many machines"): `news-dedup enqueue` a small feed,
 * then 1 and 2 `news-dedup worker` processes judge it against one Redis index, in turn (1, 2,
 * 1, 2, …) so a drift of the machine's speed hits both alike. Baseline of the same run:
 * `news-dedup feed --index :memory: --workers 1` over the same file, one process. Checks that
 * the pool's results (`news-dedup results`) are byte-identical to the feed's output.
 *
 *   npm run build && NEWS_DEDUP_REDIS_URL=redis://127.0.0.1:6379/0 node --import tsx bench/bench-streams.ts [--mb 1] [--rounds 1] [--workers 1,2,3] [--vs OTHER/dist/cli.js]
 *
 * `--vs` runs a second build of the CLI (another checkout's `dist/cli.js`, e.g. the main branch
 * before a change) in the same rounds, in turn with this one, so the two are compared in the same
 * machine window; its rows are labelled with the path.
 *
 * Without a Redis URL (`--redis URL` or NEWS_DEDUP_REDIS_URL) it says so and exits 0: benchmarks may
 * skip. Its keys (`news-dedup-bench:streams:PID:…`) are deleted at the end. The corpus is
 * `bench/workers-corpus.ts` (real news paragraphs from ../shared/datasets, injected in-article
 * repeats and injected edited copies). Writes bench/results/streams.md.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { workersCorpus } from './workers-corpus.js'
import { writeResult } from './write-result.js'

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url))
const { values } = parseArgs({ options: { mb: { type: 'string' }, rounds: { type: 'string' }, workers: { type: 'string' }, redis: { type: 'string' }, vs: { type: 'string' } } })
const url = values.redis ?? process.env.NEWS_DEDUP_REDIS_URL
const mb = Number(values.mb ?? 1)
const rounds = Number(values.rounds ?? 1)
const counts = (values.workers ?? '1,2,3').split(',').map(Number)
const clis = [CLI, ...(values.vs === undefined ? [] : [values.vs])]

/** Admin commands through redis-cli, as bench-index-size does, rather than a second Redis client in the project. */
const redisCli = (...args: string[]): string => execFileSync('redis-cli', ['-u', url as string, ...args], { encoding: 'utf8' })

/** Deletes every key under `prefix`. */
function deleteKeys(prefix: string): void {
  const keys = redisCli('--scan', '--pattern', `${prefix}*`).split('\n').filter((k) => k !== '')
  for (let i = 0; i < keys.length; i += 500) redisCli('UNLINK', ...keys.slice(i, i + 500))
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
}

/** User + system seconds of a process run under `/usr/bin/time -o file`. */
const cpuOf = (file: string): number =>
  readFileSync(file, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number).reduce((a, b) => a + b, 0)

/**
 * Runs `n` workers until the queue is empty: wall seconds (start-up included), the output
 * stream's first-to-last result seconds, and the workers' CPU seconds (user + system).
 */
async function pool(cli: string, n: number, prefix: string, anyOrder: boolean, dir: string): Promise<{ wall: number; steady: number; cpu: number }> {
  const started = performance.now()
  const args = (i: number) => [
    '-f', '%U %S', '-o', join(dir, `time-w${i}`), process.execPath,
    cli, 'worker', '--queue', url as string, '--stream', `${prefix}in`, '--output-stream', `${prefix}out`,
    '--index', url as string, '--index-prefix', `${prefix}idx:`, '--consumer', `w${i}`, '--until-empty', '--block', '200',
    ...(anyOrder ? ['--any-order'] : []),
  ]
  const exits = Array.from({ length: n }, (_, i) =>
    new Promise<number | null>((resolve) => spawn('/usr/bin/time', args(i), { stdio: 'ignore' }).on('exit', resolve)))
  const codes = await Promise.all(exits)
  if (codes.some((code) => code !== 0)) throw new Error(`a worker exited with ${codes.join(', ')}`)
  const wall = (performance.now() - started) / 1000
  const cpu = Array.from({ length: n }, (_, i) => cpuOf(join(dir, `time-w${i}`))).reduce((a, b) => a + b, 0)
  // Stream ids start with the ms they were added at: the pool's pace once every worker is up.
  const at = (reply: string): number => Number(/^(\d+)-/m.exec(reply)?.[1])
  const first = at(redisCli('XRANGE', `${prefix}out`, '-', '+', 'COUNT', '1'))
  const last = at(redisCli('XREVRANGE', `${prefix}out`, '+', '-', 'COUNT', '1'))
  return { wall, steady: Number.isFinite(first) ? (last - first) / 1000 : 0, cpu }
}

async function main(): Promise<void> {
  if (!url) {
    console.log('bench-streams: skipped: no Redis URL (set NEWS_DEDUP_REDIS_URL or pass --redis redis://HOST:PORT/DB)')
    return
  }
  if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first')
  const dir = mkdtempSync(join(tmpdir(), 'bench-streams-'))
  const load = [loadavg()[0]!]
  const prefixes: string[] = []
  try {
    const input = join(dir, 'feed.jsonl')
    const lines = workersCorpus(mb, true)
    writeFileSync(input, lines.join('\n') + '\n')
    const articles = lines.length
    const feedWall: number[] = []
    const feedCpu: number[] = []
    // Redis memory of the streams per article (MEMORY USAGE): the queue waiting, the results not yet read.
    const streamBytes = { input: [] as number[], output: [] as number[] }
    // Ordered (the default) with each worker count, then --any-order with the largest; each with every CLI build.
    const configs = clis.flatMap((cli) => [...counts.map((n) => ({ cli, n, anyOrder: false })), { cli, n: Math.max(...counts), anyOrder: true }])
    const runs = configs.map(() => [] as Array<{ wall: number; steady: number; cpu: number; identical: boolean }>)
    // CPU seconds of one worker that starts, finds the queue empty and ends: its start-up, per build.
    const startup = new Map(clis.map((cli) => [cli, [] as number[]]))
    let run = 0
    for (let round = 0; round < rounds; round++) {
      const t = performance.now()
      const feed = spawnSync('/usr/bin/time', ['-f', '%U %S', '-o', join(dir, 'time-feed'), process.execPath, CLI, 'feed', input, '--index', ':memory:', '--workers', '1'], {
        stdio: ['ignore', 'pipe', 'ignore'],
        maxBuffer: 1 << 30,
      })
      if (feed.status !== 0 && feed.status !== 1) throw new Error(`feed exited with ${feed.status}`)
      feedWall.push((performance.now() - t) / 1000)
      feedCpu.push(cpuOf(join(dir, 'time-feed')))
      console.log(`feed, 1 process: ${feedWall.at(-1)!.toFixed(1)} s`)
      for (const cli of clis) {
        const prefix = `news-dedup-bench:streams:${process.pid}-${++run}:`
        prefixes.push(prefix)
        startup.get(cli)!.push((await pool(cli, 1, prefix, false, dir)).cpu)
        deleteKeys(prefix)
      }
      // The builds' order flips every round, so a machine speeding up or slowing down during a round favours neither.
      const order = [...configs.entries()].sort(([a, x], [b, y]) => (round % 2 === 1 ? clis.indexOf(y.cli) - clis.indexOf(x.cli) : 0) || a - b)
      for (const [c, { cli, n, anyOrder }] of order) {
        const prefix = `news-dedup-bench:streams:${process.pid}-${++run}:`
        prefixes.push(prefix)
        execFileSync(process.execPath, [CLI, 'enqueue', input, '--queue', url, '--stream', `${prefix}in`], { stdio: 'ignore' })
        streamBytes.input.push(Number(redisCli('MEMORY', 'USAGE', `${prefix}in`, 'SAMPLES', '0')) / articles)
        const timing = await pool(cli, n, prefix, anyOrder, dir)
        streamBytes.output.push(Number(redisCli('MEMORY', 'USAGE', `${prefix}out`, 'SAMPLES', '0')) / articles)
        const results = spawnSync(process.execPath, [CLI, 'results', '--queue', url, '--output-stream', `${prefix}out`], { stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 30 })
        const identical = Buffer.compare(results.stdout, feed.stdout) === 0
        runs[c]!.push({ ...timing, identical })
        console.log(`${cli === CLI ? '' : `${cli}: `}pool, ${n} worker(s)${anyOrder ? ', --any-order' : ''}: ${timing.wall.toFixed(1)} s wall, ${timing.steady.toFixed(1)} s first to last result, ${((timing.cpu * 1000) / articles).toFixed(1)} ms CPU/article, identical: ${identical}`)
        deleteKeys(prefix)
      }
    }
    load.push(loadavg()[0]!)
    const base = median(feedWall)
    const ms = (cpu: number): string => ((cpu * 1000) / articles).toFixed(1)
    const rows = [`| feed --index :memory:, 1 process | | 1 | ${(articles / base).toFixed(0)} | ${base.toFixed(1)} | – | ${ms(median(feedCpu))} | – | 1.00× | – | – |`]
    for (const [c, { cli, n, anyOrder }] of configs.entries()) {
      const r = runs[c]!
      const wall = median(r.map((x) => x.wall))
      const steady = median(r.map((x) => x.steady))
      const one = configs.findIndex((x) => x.cli === cli && x.n === counts[0] && !x.anyOrder)
      const oneSteady = median(runs[one]!.map((x) => x.steady))
      const start = median(startup.get(cli)!)
      rows.push(
        `| worker pool, Redis index${anyOrder ? ', --any-order' : ''} | ${cli === CLI ? 'this' : cli} | ${n} | ${(articles / wall).toFixed(0)} | ${wall.toFixed(1)} | ${(articles / steady).toFixed(0)} | ` +
          `${ms(median(r.map((x) => x.cpu)))} | ${ms(Math.max(0, median(r.map((x) => x.cpu)) - n * start))} | ${(base / wall).toFixed(2)}× | ${(oneSteady / steady).toFixed(2)}× | ${r.every((x) => x.identical) ? 'yes' : 'no'} |`,
      )
    }
    const startups = clis.map((cli) => `${cli === CLI ? 'this build' : cli} ${(median(startup.get(cli)!) * 1000).toFixed(0)} ms`).join(', ')
    const date = new Date().toISOString().slice(0, 10)
    const report = `# Redis Streams worker pool

Generated by \`node --import tsx bench/bench-streams.ts --mb ${mb} --rounds ${rounds}\` on ${date}, Node ${process.version},
${cpus().length} × ${cpus()[0]?.model.trim()}; Redis on the same machine; load average ${load[0]!.toFixed(1)} → ${load[1]!.toFixed(1)} during the run
(on a shared machine the workers compete with other processes for the cores).

Corpus: ${articles} articles (${mb} MB of real news paragraphs from ntrex128-news and wikinews-fr-100, a third with an injected
in-article repeat, a fifth followed later by an injected edited copy). The pool: \`enqueue\` first (not timed), then N
\`worker --until-empty\` processes of the built CLI against one Redis index; "wall": from starting the workers to the last one
ending (process start-up and language model load included, as for the feed baseline); "steady": articles / time from the first
result to the last in the output stream (start-up left out); "CPU ms/article": user + system time of every worker process
(or of feed) per article, the figure a busy machine disturbs least; "start-up excluded": less N times the CPU time of a
worker that starts, finds its queue empty and ends (${startups}; Redis server not counted).
Medians of ${rounds} round(s), runs in turn${clis.length > 1 ? ', the builds in turn within each round, which goes first flipping every round ("build": this one, or `--vs`)' : ''}. "identical": the
output stream, read with \`news-dedup results\`, is byte for byte \`feed\`'s output over the same file (with --any-order,
which copy of a story is kept depends on timing, so it need not be).

| run | build | processes | articles/s (wall) | wall s | articles/s (steady) | CPU ms/article | CPU ms/article, start-up excluded | vs feed (wall) | vs 1 worker (steady) | identical |
|---|---|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}

Stream memory (\`MEMORY USAGE\`, medians): ${median(streamBytes.input).toFixed(0)} bytes per article queued in the input stream
(${(Buffer.byteLength(lines.join('\n')) / articles).toFixed(0)} bytes of JSONL per article here), ${median(streamBytes.output).toFixed(0)} bytes per result
in the output stream until \`news-dedup results --delete\` (a result line holds the cleaned text and the paragraph list).
`
    writeResult(new URL('./results/streams.md', import.meta.url), report)
    console.log(report)
  } finally {
    for (const prefix of prefixes) deleteKeys(prefix)
    rmSync(dir, { recursive: true, force: true })
  }
}

await main()
