import { readFile } from 'node:fs/promises'
import { DedupeError } from '../errors.js'
import type { Options } from '../options.js'
import { guessFormat } from '../parse/guess-format.js'
import type { InputFormat, Warning } from '../types.js'
import type { CliIo } from './clean-command.js'
import type { FlagTable, FlagValues } from './parse-flags.js'
import { UsageError } from './usage-error.js'
import { defaultWorkers } from '../workers/default-workers.js'

export { UsageError }

/**
 * The flags of `clean()`'s options, shared by every command that cleans (`clean`, `feed`,
 * `review`): one table, from which parsing and help are generated.
 */
export const CLEAN_FLAGS = {
  from: {
    type: 'string',
    value: 'FORMAT',
    help: 'text | html | markdown | jsonl | warc (default: from the\nfile extension: .html .md .txt .jsonl .warc .warc.gz;\nelse html when it looks like markup, text otherwise:\nMarkdown is never guessed from content)',
  },
  'near-threshold': { type: 'string', value: 'N', help: 'similarity (0-1) for near repeats (default 0.8)' },
  'contain-threshold': { type: 'string', value: 'N', help: 'share (0-1) of a paragraph inside a longer one (default 0.95)' },
  'min-length': { type: 'string', value: 'N', help: 'shorter paragraphs are only checked for exact repeats\n(default 40; a CJK character counts three)' },
  'min-sentence-length': { type: 'string', value: 'N', help: 'repeated sentences shorter than this are kept\n(default 40; 0 = off)' },
  languages: { type: 'string', value: 'LIST', help: 'restrict languages, e.g. fr,en,de (default: all)' },
  'line-breaks': { type: 'string', value: 'MODE', help: 'plain text: auto | paragraph | join (default auto)' },
  charset: {
    type: 'string',
    value: 'LABEL',
    help: 'the encoding of the input bytes, as a transport would\ngive it (default: decided from the bytes)',
  },
  extract: { type: 'boolean', help: 'HTML: take the article out of the page first\n(Readability, then link lines dropped)' },
} as const satisfies FlagTable

/** `-h, --help`, taken by every command. */
export const HELP_FLAG = { help: { type: 'boolean', short: 'h', help: 'this help' } } as const satisfies FlagTable

/** The values `parseArgs` gives for {@link CLEAN_FLAGS}. */
export type CleanFlagValues = FlagValues<typeof CLEAN_FLAGS>

/**
 * Checks a flag's value against its allowed values.
 * @throws {UsageError} naming the flag and the allowed values.
 */
export function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined
  if (!allowed.includes(value as T)) throw new UsageError(`Expected ${flag} to be one of ${allowed.join(', ')}, not \`${value}\``)
  return value as T
}

/**
 * Reads a numeric flag.
 * @throws {UsageError} when the value is not a number.
 */
export function number(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const parsed = Number(value)
  if (value.trim() === '' || Number.isNaN(parsed)) throw new UsageError(`Expected ${flag} to be a number, not \`${value}\``)
  return parsed
}

/**
 * Turns the clean flags into `clean()` options (ranges are checked later by `resolveOptions`).
 * @throws {UsageError} for a value that is not a number or not an allowed word.
 */
export function optionsFromFlags(values: CleanFlagValues): Options {
  const lineBreaks = oneOf('--line-breaks', values['line-breaks'], ['auto', 'paragraph', 'join'] as const)
  const only = values.languages?.split(',').map((code) => code.trim()).filter((code) => code !== '')
  return {
    detect: {
      nearThreshold: number('--near-threshold', values['near-threshold']),
      containThreshold: number('--contain-threshold', values['contain-threshold']),
      minLength: number('--min-length', values['min-length']),
      minSentenceLength: number('--min-sentence-length', values['min-sentence-length']),
    },
    language: only ? { only } : {},
    split: lineBreaks ? { lineBreaks } : {},
    ...(values.charset === undefined ? {} : { charset: values.charset }),
    ...(values.extract ? { extract: true } : {}),
  }
}

/**
 * Reads a whole input (a file, or standard input for `-`) as bytes: decoding is `clean()`'s
 * (see `decodeBytes`), so a page in windows-1252 or Shift_JIS reads as it would in a browser.
 * @throws {DedupeError} `E_READ` for a file that cannot be read.
 */
export async function readBytes(source: string, stdin: CliIo['stdin']): Promise<Uint8Array> {
  if (source === '-') {
    const parts: Uint8Array[] = []
    for await (const chunk of stdin) parts.push(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk)
    return Buffer.concat(parts)
  }
  try {
    return await readFile(source)
  } catch (cause) {
    throw new DedupeError('E_READ', `Cannot read ${source}: ${(cause as Error).message}`, { cause })
  }
}

/**
 * `--workers`: a whole number ≥ 1, by default the cores available.
 * @throws {UsageError} for anything else.
 */
export function workerCount(value: string | undefined): number {
  if (value === undefined) return defaultWorkers()
  const n = Number(value)
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) throw new UsageError(`Expected --workers to be a whole number ≥ 1, not \`${value}\``)
  return n
}

/**
 * The format of bytes read from `source`: its extension's, else html when they start like
 * markup (read as ASCII: tags are ASCII in every encoding a page can be sniffed in), else text.
 */
export function formatOfBytes(source: string, bytes: Uint8Array): InputFormat {
  const sample = bytes.subarray(0, 4096)
  const utf16 = sample[0] === 0xff && sample[1] === 0xfe ? 'utf-16le' : sample[0] === 0xfe && sample[1] === 0xff ? 'utf-16be' : null
  let head = utf16 === null ? '' : new TextDecoder(utf16).decode(sample)
  if (utf16 === null) for (let k = 0; k < sample.length; k++) head += String.fromCharCode(sample[k]!)
  return guessFormat(source === '-' ? null : source, head)
}

/** Writes the warnings of a result (invalid bytes, an unknown charset) on stderr, one line each, as `where: warning: message`. */
export function reportWarnings(stderr: NodeJS.WritableStream, where: string, warnings: readonly Warning[] | undefined): void {
  for (const warning of warnings ?? []) stderr.write(`${where}: warning: ${warning.message} (${warning.code})\n`)
}
