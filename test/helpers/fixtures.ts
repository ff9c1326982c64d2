/**
 * Walks `test/fixtures/<case-name>/`: each case holds one `input.txt`, `input.html` or
 * `input.md` (format taken from the extension), an optional `options.json` (clean() options)
 * and `expected.json`, the reviewed outcome. `UPDATE_FIXTURES=1` rewrites expected files.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { expect } from 'vitest'
import { clean } from '../../src/clean.js'
import type { Options } from '../../src/options.js'
import type { CleanResult, InputFormat } from '../../src/types.js'

export const FIXTURES_DIR = resolve(import.meta.dirname, '..', 'fixtures')

const FORMATS: Readonly<Record<string, InputFormat>> = { 'input.txt': 'text', 'input.html': 'html', 'input.md': 'markdown' }

export interface FixtureCase {
  name: string
  dir: string
  input: string
  options: Options
  expectedPath: string
}

/** Every case folder, sorted by name. */
export function fixtureCases(root: string = FIXTURES_DIR): FixtureCase[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const dir = join(root, name)
      const inputs = Object.keys(FORMATS).filter((file) => existsSync(join(dir, file)))
      if (inputs.length !== 1) throw new Error(`${dir}: expected exactly one of ${Object.keys(FORMATS).join(', ')}`)
      const file = inputs[0]!
      const optionsPath = join(dir, 'options.json')
      const extra = existsSync(optionsPath) ? (JSON.parse(readFileSync(optionsPath, 'utf8')) as Options) : {}
      return {
        name,
        dir,
        input: readFileSync(join(dir, file), 'utf8'),
        options: { ...extra, format: FORMATS[file] },
        expectedPath: join(dir, 'expected.json'),
      }
    })
}

/**
 * What a fixture pins down: verdicts, languages, offsets, passages and the cleaned text.
 * Confidences are left out (they move with the language models, verdicts must not).
 */
export function summaryOf(result: CleanResult) {
  return {
    language: result.language,
    paragraphs: result.paragraphs.map((p) => ({
      index: p.index,
      text: p.text,
      language: p.language,
      start: p.start,
      end: p.end,
      duplicate: p.duplicate,
      repeatedSentences: p.repeatedSentences,
    })),
    passages: result.passages,
    text: result.text,
  }
}

/** Cleans the case's input and compares with (or, under UPDATE_FIXTURES=1, rewrites) expected.json. */
export function checkFixture(fixture: FixtureCase): void {
  const actual = summaryOf(clean(fixture.input, fixture.options))
  if (process.env.UPDATE_FIXTURES === '1') {
    writeFileSync(fixture.expectedPath, `${JSON.stringify(actual, null, 2)}\n`)
    return
  }
  if (!existsSync(fixture.expectedPath)) {
    throw new Error(`${fixture.expectedPath} is missing: run UPDATE_FIXTURES=1 npx vitest run test/clean-fixtures.test.ts, then review it`)
  }
  expect(actual).toEqual(JSON.parse(readFileSync(fixture.expectedPath, 'utf8')))
}
