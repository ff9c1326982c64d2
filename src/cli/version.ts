import { readFileSync } from 'node:fs'

/**
 * The package's version, read from its package.json: beside `dist/` in the package
 * (`dist/cli.js`), two levels up from `src/cli/` when run from the sources.
 */
export function packageVersion(): string {
  for (const path of ['../package.json', '../../package.json']) {
    try {
      const manifest = JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as { name?: unknown; version?: unknown }
      if (manifest.name === 'news-dedup' && typeof manifest.version === 'string') return manifest.version
    } catch {
      // Not this level: try the next one.
    }
  }
  return 'unknown'
}
