/**
 * The documented defaults are the defaults: every option's TSDoc `@default` equals its value in
 * `defaultOptions`, the one place the code reads them from, and every option there has one.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { defaultOptions } from '../src/options.js'

const root = resolve(import.meta.dirname, '..')

/** The body of `declaration` (up to its closing brace at the start of a line) in a source file. */
function declarationBody(file: string, declaration: string): string {
  const source = readFileSync(resolve(root, file), 'utf8')
  const start = source.indexOf(declaration)
  expect(start, `${declaration} in ${file}`).toBeGreaterThanOrEqual(0)
  const end = source.indexOf('\n}', start)
  return source.slice(start, end)
}

/** Each documented property of a declaration with its `@default` token (`undefined` when it has none). */
function documentedDefaults(body: string): Map<string, string | undefined> {
  const found = new Map<string, string | undefined>()
  for (const match of body.matchAll(/\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*(\w+)\?:/g)) {
    const doc = match[1]!
    if (doc.includes('@deprecated')) continue
    found.set(match[2]!, /@default\s+('[^']*'|[^\s(—]+)/.exec(doc)?.[1])
  }
  return found
}

/** A `@default` token as a value: numbers, quoted strings, booleans; `undefined` and `null` both mean "none". */
function literalOf(token: string): unknown {
  if (/^-?\d+(?:\.\d+)?$/.test(token)) return Number(token)
  if (/^'.*'$/.test(token)) return token.slice(1, -1)
  if (token === 'true' || token === 'false') return token === 'true'
  if (token === 'undefined' || token === 'null') return null
  throw new Error(`not a literal default: ${token}`)
}

/** Options whose default is a collaborator (an index, a clock, a stage), not a value in `defaultOptions`. */
const COLLABORATORS = new Set(['index', 'now', 'clean'])

describe('each @default is the value of defaultOptions', () => {
  const top = defaultOptions as unknown as Record<string, unknown>
  it.each([
    ['src/options.ts', 'export interface DetectOptions', defaultOptions.detect],
    ['src/language/tag-language.ts', 'export interface LanguageOptions', defaultOptions.language],
    ['src/parse/from-text.ts', 'export interface TextSplitOptions', defaultOptions.split],
    ['src/feed/feed-options.ts', 'export interface DeduplicatorOptions', defaultOptions.feed],
    ['src/adapters/streams/clean-record.ts', 'export interface StreamOptions', defaultOptions.stream],
    ['src/adapters/unified/options.ts', 'export type NewsDedupPluginOptions', defaultOptions.plugin],
    ['src/options.ts', 'export interface Options ', { format: top.format, extract: top.extract, contentType: top.contentType, charset: top.charset }],
  ] as const)('%s: %s', (file, declaration, section) => {
    const documented = documentedDefaults(declarationBody(file, declaration))
    const values = section as Record<string, unknown>
    for (const [name, token] of documented) {
      if (COLLABORATORS.has(name) || !(name in values)) continue
      expect(token, `@default of ${name}`).toBeDefined()
      expect([name, literalOf(token!)]).toEqual([name, values[name] ?? null])
    }
    // …and no option of the section is left undocumented.
    for (const name of Object.keys(values)) expect(documented.get(name), `@default of ${name}`).toBeDefined()
  })
})
