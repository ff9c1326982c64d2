import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '..', '..')
const dir = mkdtempSync(join(tmpdir(), 'sqlite-driver-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('the optional better-sqlite3 driver', () => {
  it('when it cannot be loaded, opening a SQLite index is a typed error saying what to do; the core still works', () => {
    // A preload that makes require('better-sqlite3') fail, as on a machine where its native build failed.
    const block = join(dir, 'block.cjs')
    writeFileSync(block, `const M = require('node:module'); const r = M._resolveFilename;
M._resolveFilename = function (request, ...rest) { if (request === 'better-sqlite3') throw new Error("Cannot find module 'better-sqlite3'"); return r.call(this, request, ...rest) }`)
    const script = `
      const { createSqliteIndex } = await import('./src/stores/sqlite.ts')
      const { clean, loadLanguageModel } = await import('./src/index.ts')
      await loadLanguageModel()
      let error
      try { createSqliteIndex(':memory:') } catch (e) { error = e }
      console.log(JSON.stringify({ code: error?.code, message: error?.message, kept: clean('Un paragraphe.\\n\\nUn paragraphe.').paragraphs.filter((p) => !p.duplicate).length }))`
    const out = execFileSync(process.execPath, ['-r', block, '--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' })
    const result = JSON.parse(out) as { code: string; message: string; kept: number }
    expect(result.code).toBe('E_INDEX_UNAVAILABLE')
    expect(result.message).toMatch(/needs the optional dependency better-sqlite3 12\.x/)
    expect(result.message).toContain('npm install better-sqlite3@12')
    expect(result.kept).toBe(1)
  })

  it('when it is installed, a SQLite index opens', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e',
      `const { createSqliteIndex } = await import('./src/stores/sqlite.ts'); const index = createSqliteIndex(':memory:'); await index.close(); console.log('ok')`],
    { cwd: root, encoding: 'utf8' })
    expect(out.trim()).toBe('ok')
  })
})
