import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { writer } from '../../src/cli/writer.js'

/** A stream recording each write it is given, as text. */
function recording(): { stream: Writable; writes: string[] } {
  const writes: string[] = []
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      writes.push(Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk))
      done()
    },
  })
  return { stream, writes }
}

describe('writer', () => {
  it('writes the first text at once, then what one turn of the event loop writes as one write', async () => {
    const { stream, writes } = recording()
    const write = writer(stream)
    void write('first\n')
    expect(writes).toEqual(['first\n'])
    for (let i = 0; i < 5; i++) void write(`line ${i}\n`)
    expect(writes).toHaveLength(1)
    await new Promise((resolve) => setImmediate(resolve))
    expect(writes).toEqual(['first\n', 'line 0\nline 1\nline 2\nline 3\nline 4\n'])
  })

  it('writes UTF-8 bytes and texts of one turn together, in order, as one buffer', async () => {
    const { stream, writes } = recording()
    const write = writer(stream)
    void write(new TextEncoder().encode('été\n'))
    void write('à ')
    void write(new TextEncoder().encode('Genève\n'))
    void write('fin\n')
    await write.flush()
    expect(writes).toEqual(['été\n', 'à Genève\nfin\n'])
  })
})
