/**
 * What the A/B scripts (`ab-detect.ts`, `ab-feed-prepare.ts`, `bench-language-stage.ts`) share:
 * another revision's `src/` to load beside this tree's in one process, and CPU time of a pass.
 *
 * @module
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

/** Revision `rev`'s `src/`, extracted by `git archive` into a temporary directory. */
export interface Revision {
  /** The copy's `src/` directory (for a child process that imports from it). */
  readonly src: string
  /** Imports `path` (relative to its `src/`, e.g. `clean.ts`) from the extracted copy. */
  load<T>(path: string): Promise<T>
  /** Deletes the copy. */
  dispose(): void
}

/**
 * Extracts revision `rev`'s `src/` (a commit, a branch) into a temporary directory, marked as ES
 * modules and linked to this tree's `node_modules` (its `clean()` loads the model and parsers).
 */
export function extractRevision(rev: string): Revision {
  const dir = mkdtempSync(join(tmpdir(), 'ab-revision-'))
  try {
    execFileSync('sh', ['-c', `git archive ${JSON.stringify(rev)} src | tar -x -C ${JSON.stringify(dir)}`])
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}\n')
    symlinkSync(resolve('node_modules'), join(dir, 'node_modules'))
  } catch (error) {
    rmSync(dir, { recursive: true, force: true })
    throw error
  }
  return {
    src: join(dir, 'src'),
    load: async <T>(path: string): Promise<T> => (await import(pathToFileURL(join(dir, 'src', path)).href)) as T,
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  }
}

/** CPU milliseconds (user + system, the whole process) that `run` takes. */
export function cpuMs(run: () => void): number {
  const start = process.cpuUsage()
  run()
  const used = process.cpuUsage(start)
  return (used.user + used.system) / 1000
}

/** The `q` quantile of `xs`, linear between the two nearest ranks (`0.5`: the median, the two middle values' mean for an even count). */
export function quantile(xs: readonly number[], q: number): number {
  const sorted = [...xs].sort((a, b) => a - b)
  const at = (sorted.length - 1) * q
  const low = Math.floor(at)
  return sorted[low]! + (sorted[Math.min(low + 1, sorted.length - 1)]! - sorted[low]!) * (at - low)
}

/** The upper median of `xs`. */
export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!

/** The least of `xs`. */
export const least = (xs: readonly number[]): number => Math.min(...xs)

/** One code of an A/B: its name, and what it runs on item `i`. */
export type Code = [name: string, run: (i: number) => unknown]

/**
 * CPU milliseconds per pass of each of two codes over items `0 … count - 1`: each pass runs the
 * items in chunks of `chunk`, each chunk by one code then the other, the order alternating (the
 * machine's load changes over seconds, and this way both codes see the same).
 */
export function interleavedPasses(codes: readonly [Code, Code], count: number, passes: number, chunk: number): Map<string, number[]> {
  const sums = new Map<string, number[]>(codes.map(([name]) => [name, []]))
  for (let p = 0; p < passes; p++) {
    const pass = new Map<string, number>(codes.map(([name]) => [name, 0]))
    for (let at = 0, n = 0; at < count; at += chunk, n++) {
      const to = Math.min(count, at + chunk)
      for (const [name, run] of (n + p) % 2 === 0 ? codes : [...codes].reverse()) {
        pass.set(name, pass.get(name)! + cpuMs(() => {
          for (let i = at; i < to; i++) run(i)
        }))
      }
    }
    for (const [name, ms] of pass) sums.get(name)!.push(ms)
  }
  return sums
}

/** The lines that report {@link interleavedPasses}' `old` against `new`: each code's CPU per pass, then the ratios. */
export function comparePasses(sums: ReadonlyMap<string, number[]>, listPasses = false): string[] {
  const [o, n] = [sums.get('old')!, sums.get('new')!]
  const ratios = o.map((x, i) => x / n[i]!)
  return [
    ...[...sums].map(([name, xs]) => `${name}: CPU per pass least ${least(xs).toFixed(1)} ms, median ${median(xs).toFixed(1)} ms${listPasses ? ` [${xs.map((x) => x.toFixed(0)).join(' ')}]` : ''}`),
    `old/new CPU: median of the passes' ratios ${median(ratios).toFixed(3)}x (least ${least(ratios).toFixed(3)}, most ${Math.max(...ratios).toFixed(3)}); ratio of least passes ${(least(o) / least(n)).toFixed(3)}x`,
  ]
}
