// Preloaded by bench/bench-workers.ts (`node -r bench/thread-cpu.cjs …`): samples the CPU time
// (user + system) of each OS thread of the process every 50 ms from /proc (Linux), so that threads
// that end before the process (piscina's workers) are counted too, and writes at exit to the file
// named by BENCH_THREAD_CPU: { main, threads: [{ name, cpu }] } in seconds. Elsewhere it does nothing.
const fs = require('node:fs')
const { isMainThread } = require('node:worker_threads')

const out = process.env.BENCH_THREAD_CPU
if (isMainThread && out && fs.existsSync('/proc/self/task')) {
  const ticks = 100 // USER_HZ: the unit of /proc's utime and stime on Linux
  const last = new Map()
  const sample = () => {
    for (const tid of fs.readdirSync('/proc/self/task')) {
      try {
        const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8')
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
        last.set(tid, { name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), cpu: (Number(fields[11]) + Number(fields[12])) / ticks })
      } catch {
        // The thread ended between the listing and the read: its last sample stands.
      }
    }
  }
  setInterval(sample, 50).unref()
  process.on('exit', () => {
    sample()
    const self = String(process.pid)
    const threads = [...last].filter(([tid]) => tid !== self).map(([, t]) => t)
    fs.writeFileSync(out, JSON.stringify({ main: last.get(self)?.cpu ?? 0, threads }))
  })
}
