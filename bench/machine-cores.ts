/**
 * Whether this machine's cores are whole cores, and how much CPU its host takes away: the two
 * facts behind reading any wall time in `bench/results` (see README, `--workers`).
 *
 * - A fixed arithmetic loop is run in one child process, then in two at once: on two real cores
 *   each of the pair takes the CPU time the lone one took; on two hyperthreads of one core,
 *   clearly more.
 * - "steal" is the time `/proc/stat` says the virtual machine's cores were runnable but the host
 *   ran something else, over the whole script: wall time that is in no process's CPU time.
 *
 * `node --import tsx bench/machine-cores.ts` (Linux; a few seconds). Prints, writes no file.
 */
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'

const LOOP = `
const t0 = process.cpuUsage(); let x = 0; const a = new Float64Array(1 << 16)
for (let i = 0; i < 3e8; i++) { x = (x * 1103515245 + 12345) | 0; a[i & 65535] += x & 7 }
const u = process.cpuUsage(t0); console.log((u.user + u.system) / 1e6)`

/** CPU seconds of one child running {@link LOOP}. */
const child = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['-e', LOOP], { stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    p.stdout.on('data', (d: Buffer) => (out += d))
    p.on('error', reject)
    p.on('close', () => resolve(Number(out.trim())))
  })

/** Steal ticks of all cores so far (the eighth number of the `cpu` line), or NaN off Linux. */
function stealTicks(): number {
  try {
    return Number(readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/)[8])
  } catch {
    return Number.NaN
  }
}

const stealBefore = stealTicks()
const wallBefore = performance.now()
const alone = [await child(), await child()]
const pair = await Promise.all([child(), child()])
const wall = (performance.now() - wallBefore) / 1000
const steal = (stealTicks() - stealBefore) / 100 // USER_HZ is 100 on Linux
const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length
console.log(`alone: ${alone.map((s) => s.toFixed(2)).join(', ')} s CPU each; side by side: ${pair.map((s) => s.toFixed(2)).join(', ')} s`)
console.log(`side by side / alone: ${(mean(pair) / mean(alone)).toFixed(2)}× (about 1 on whole cores, clearly more on hyperthreads of one)`)
console.log(`steal over the ${wall.toFixed(1)} s of this script: ${steal.toFixed(2)} s of the cores' time`)
