import { parseArgs } from 'node:util'
import { didYouMean } from '../did-you-mean.js'
import { UsageError } from './usage-error.js'

/** One command-line flag: how `parseArgs` reads it and how the help shows it. */
export interface FlagSpec {
  type: 'string' | 'boolean'
  /** One-letter alias (`-q`). */
  short?: string
  /** Placeholder for the value in the help (`N`, `FORMAT`). */
  value?: string
  /** Help text; `\n` starts a continuation line. */
  help: string
}

/** A command's flags by long name (without `--`): the one source of parsing and help. */
export type FlagTable = Readonly<Record<string, FlagSpec>>

/** What {@link parseFlags} gives for a table: strings for string flags, booleans for switches. */
export type FlagValues<T extends FlagTable> = { [K in keyof T]?: T[K]['type'] extends 'boolean' ? boolean : string }

function parseArgsOptions(table: FlagTable) {
  return Object.fromEntries(
    Object.entries(table).map(([name, spec]) => [name, spec.short === undefined ? { type: spec.type } : { type: spec.type, short: spec.short }]),
  )
}

/**
 * Parses argv against a flag table.
 * @throws {UsageError} for an unknown flag (with the closest known one: "did you mean"), a
 *   missing value or a value given to a switch.
 */
export function parseFlags<T extends FlagTable>(argv: readonly string[], table: T): { values: FlagValues<T>; positionals: string[] } {
  const options = parseArgsOptions(table)
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options, allowPositionals: true })
    return { values: values as FlagValues<T>, positionals }
  } catch (error) {
    // Node's own message quotes the flag with an unbalanced quote and suggests `--`: say
    // instead which flag is wrong and what was probably meant.
    throw new UsageError(explainFlags(argv, table) ?? (error as Error).message)
  }
}

/** The first mistake in argv, in words, or `undefined` when none is found. */
function explainFlags(argv: readonly string[], table: FlagTable): string | undefined {
  const { tokens } = parseArgs({ args: [...argv], options: parseArgsOptions(table), allowPositionals: true, strict: false, tokens: true })
  for (const token of tokens) {
    if (token.kind !== 'option') continue
    const spec = table[token.name]
    if (spec === undefined) {
      const near = token.rawName.startsWith('--') ? didYouMean(token.rawName, Object.keys(table).map((name) => `--${name}`)) : undefined
      return `Unknown option \`${token.rawName}\`${near === undefined ? '' : `: did you mean \`${near}\`?`}`
    }
    if (spec.type === 'string' && token.value === undefined) return `Expected a value after \`${token.rawName}\`${spec.value === undefined ? '' : ` (${spec.value})`}`
    if (spec.type === 'boolean' && token.inlineValue) return `\`${token.rawName}\` takes no value`
    // `--min-length -1`: parseArgs refuses a separate value that looks like a flag.
    if (spec.type === 'string' && token.inlineValue === false && token.value?.startsWith('-') === true) {
      return `Expected a value after \`${token.rawName}\`, not the flag-like \`${token.value}\` (write \`${token.rawName}=${token.value}\` if that is the value)`
    }
  }
  return undefined
}

/** Width of the flag column of the help (the longest flag of the CLI fits). */
const FLAG_COLUMN = 28

/** The "Options:" lines of a command's help, generated from its table, in table order. */
export function flagHelp(table: FlagTable): string {
  const lines: string[] = []
  for (const [name, spec] of Object.entries(table)) {
    const flag = `${spec.short === undefined ? '    ' : `-${spec.short}, `}--${name}${spec.value === undefined ? '' : ` ${spec.value}`}`
    const [first = '', ...rest] = spec.help.split('\n')
    const gap = flag.length + 2 >= FLAG_COLUMN ? `\n  ${' '.repeat(FLAG_COLUMN)}` : ' '.repeat(FLAG_COLUMN - flag.length)
    lines.push(`  ${flag}${gap}${first}`)
    for (const line of rest) lines.push(`  ${' '.repeat(FLAG_COLUMN)}${line}`)
  }
  return `${lines.join('\n')}\n`
}
