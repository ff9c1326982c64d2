import { Writable } from 'node:stream'
import type { CliIo } from '../../src/cli/clean-command.js'

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

/** Fake CLI streams: stdin yields the given chunks as Buffers; stdout/stderr collect strings. */
export interface FakeIo {
  io: CliIo
  stdout: StringSink
  stderr: StringSink
}

export function fakeIo(stdin: ReadonlyArray<string | Uint8Array> = []): FakeIo {
  const stdout = new StringSink()
  const stderr = new StringSink()
  async function* chunks(): AsyncGenerator<Buffer> {
    for (const chunk of stdin) yield typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk)
  }
  return { io: { stdin: chunks(), stdout, stderr }, stdout, stderr }
}
