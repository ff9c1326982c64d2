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

/** The upper median of `xs`. */
export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!

/** The least of `xs`. */
export const least = (xs: readonly number[]): number => Math.min(...xs)
