import { Writable } from 'node:stream'
import type { CliIo } from '../../src/cli/clean-command.js'
import { main } from '../../src/cli/main.js'

/** A Writable that keeps everything written to it as one string. */
export class StringSink extends Writable {
  private readonly parts: string[] = []

  constructor() {
    super({ decodeStrings: false })
  }

  override _write(chunk: unknown, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.parts.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'))
    callback()
  }

  get text(): string {
    return this.parts.join('')
  }
}

/**
 * Fake CLI streams: stdin yields the given chunks as Buffers (or what the given source yields,
 * for a test that acts while the command runs); stdout/stderr collect strings, readable at any time.
 */
export interface FakeIo {
  io: CliIo
  stdout: StringSink
  stderr: StringSink
}

export function fakeIo(stdin: ReadonlyArray<string | Uint8Array> | AsyncIterable<Buffer> = []): FakeIo {
  const stdout = new StringSink()
  const stderr = new StringSink()
  async function* chunks(given: ReadonlyArray<string | Uint8Array>): AsyncGenerator<Buffer> {
    for (const chunk of given) yield typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk)
  }
  const input = Symbol.asyncIterator in stdin ? stdin : chunks(stdin)
  return { io: { stdin: input, stdout, stderr }, stdout, stderr }
}

/** What a command run by {@link runCli} returned and printed. */
export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

/** Runs `news-dedup ARGV` (`main()`, as the binary does) on {@link fakeIo} streams. */
export async function runCli(argv: string[], stdin: ReadonlyArray<string | Uint8Array> | AsyncIterable<Buffer> = []): Promise<CliRun> {
  const fake = fakeIo(stdin)
  const code = await main(argv, fake.io)
  return { code, stdout: fake.stdout.text, stderr: fake.stderr.text }
}

/** The JSON Lines of a command's output, parsed (blank lines skipped). */
export function jsonLines(text: string): Array<Record<string, unknown>> {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>)
}
