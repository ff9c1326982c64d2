import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { build, type Plugin } from 'esbuild'
import { chromium, type BrowserContext } from 'playwright-core'

/** Debian's Chromium: the only browser these tests use (never a downloaded one). */
export const CHROMIUM = '/usr/bin/chromium'
export const ROOT = resolve(import.meta.dirname, '..', '..')

/** Run the browser tests when Chromium is there; under `CI` they run anyway and fail without it. */
export const runBrowserTests = existsSync(CHROMIUM) || Boolean(process.env.CI)

const BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]))

/** Whether an import specifier names a Node built-in (`node:fs`, `fs`, `fs/promises`, `node:test`…). */
export function isNodeBuiltin(specifier: string): boolean {
  if (specifier.startsWith('node:')) return true
  return BUILTINS.has(specifier) || BUILTINS.has(specifier.split('/')[0]!)
}

/** A browser bundle and the Node built-ins its sources asked for (left external, so they are reported rather than failing the build). */
export interface Bundle {
  code: string
  builtins: string[]
  /** Source files in the bundle, relative to the repository. */
  inputs: string[]
  /** Imports left in the output (esbuild's metafile): only externals, i.e. built-ins, can be left. */
  imports: string[]
}

/**
 * Bundles an entry for the browser with esbuild (platform `browser`, ESM, everything
 * inlined, `browser` conditions of packages honoured), written to a fresh temporary
 * directory. Any Node built-in it imports is recorded in `builtins`.
 */
export async function bundleForBrowser(entry = 'src/index.ts'): Promise<Bundle> {
  const builtins: string[] = []
  const recordBuiltins: Plugin = {
    name: 'record-node-builtins',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (!isNodeBuiltin(args.path)) return undefined
        builtins.push(`${args.path} (imported by ${args.importer})`)
        return { path: args.path, external: true }
      })
    },
  }
  const outdir = mkdtempSync(join(tmpdir(), 'news-dedup-bundle-'))
  try {
    const result = await build({
      absWorkingDir: ROOT,
      entryPoints: [entry],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      target: 'es2022',
      outdir,
      write: false,
      metafile: true,
      logLevel: 'silent',
      plugins: [recordBuiltins],
    })
    const output = result.outputFiles.find((file) => file.path.endsWith('.js'))
    if (!output) throw new Error('esbuild wrote no .js file')
    const imports = Object.values(result.metafile.outputs).flatMap((out) => out.imports.map((i) => i.path))
    return { code: output.text, builtins, inputs: Object.keys(result.metafile.inputs), imports }
  } finally {
    rmSync(outdir, { recursive: true, force: true })
  }
}

/** A headless Chromium with a fresh profile; `close()` ends it and removes the profile. */
export interface TestBrowser {
  context: BrowserContext
  close(): Promise<void>
}

/** Launches Debian's Chromium headless, offline-minded flags, a fresh profile in a temporary directory. */
export async function launchChromium(): Promise<TestBrowser> {
  if (!existsSync(CHROMIUM)) throw new Error(`CI: the browser tests need Debian's Chromium at ${CHROMIUM} (apt-get install chromium)`)
  const profile = mkdtempSync(join(tmpdir(), 'news-dedup-chromium-'))
  // Playwright refuses `--user-data-dir` in `args`: a persistent context is how it takes a profile directory.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    timeout: 60_000,
  })
  return {
    context,
    async close() {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}
