import { describe, expect, it } from 'vitest'
import { orderedBatches } from '../../src/workers/ordered-batches.js'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function* numbers(n: number): AsyncGenerator<number> {
  for (let i = 0; i < n; i++) yield i
}

describe('orderedBatches', () => {
  it('yields every output in input order, however long each batch takes', async () => {
    const out: number[] = []
    const sizes: number[] = []
    // Later batches finish first: the order must still be the input's.
    const work = async (batch: number[]) => {
      sizes.push(batch.length)
      await sleep(batch[0]! % 3 === 0 ? 15 : 1)
      return batch.map((x) => x * 10)
    }
    for await (const x of orderedBatches(numbers(103), 8, 3, work)) out.push(x)
    expect(out).toEqual(Array.from({ length: 103 }, (_, i) => i * 10))
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(103)
    expect(Math.max(...sizes)).toBe(8)
  })

  it('on a slow input, sends a partial batch and yields its outputs before more input comes', async () => {
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    async function* slow(): AsyncGenerator<number> {
      yield 1
      yield 2
      await gate
      yield 3
    }
    const seen: number[] = []
    const run = (async () => {
      for await (const x of orderedBatches(slow(), 16, 2, async (batch) => batch)) seen.push(x)
    })()
    for (let i = 0; i < 100 && seen.length < 2; i++) await sleep(10)
    expect(seen).toEqual([1, 2])
    release()
    await run
    expect(seen).toEqual([1, 2, 3])
  })

  it('passes a read error on', async () => {
    async function* failing(): AsyncGenerator<number> {
      yield 1
      throw new Error('cannot read')
    }
    const consume = async () => {
      for await (const _ of orderedBatches(failing(), 4, 2, async (batch) => batch)) void _
    }
    await expect(consume()).rejects.toThrow('cannot read')
  })

  it('calls hurry while it waits for the oldest batch, and the outputs stay in input order', async () => {
    // Batches finish only once hurried (as a pool's waiting batches run when the caller takes them).
    const release: Array<() => void> = []
    const work = (batch: number[]) => new Promise<number[]>((resolve) => release.push(() => resolve(batch.map((x) => x * 10))))
    let hurried = 0
    const hurry = async () => {
      const next = release.shift()
      if (!next) return false
      hurried++
      next()
      return true
    }
    const out: number[] = []
    for await (const x of orderedBatches(numbers(20), 3, 2, work, hurry)) out.push(x)
    expect(out).toEqual(Array.from({ length: 20 }, (_, i) => i * 10))
    expect(hurried).toBe(7) // every batch of 3 (and the last of 2) was released by hurry: nothing else would
  })

  it('lets the event loop turn before each hurry, so a batch finished by I/O or a thread message stops the hurrying', async () => {
    // Batches finish in a macrotask (as a worker thread's answer arrives), and hurry finds more to
    // do a thousand times: only a turn of the event loop between hurries lets the oldest batch finish.
    const work = (batch: number[]) => new Promise<number[]>((resolve) => setImmediate(() => resolve(batch)))
    let hurried = 0
    const hurry = async () => ++hurried <= 1000
    const out: number[] = []
    for await (const x of orderedBatches(numbers(12), 2, 2, work, hurry)) out.push(x)
    expect(out).toEqual(Array.from({ length: 12 }, (_, i) => i))
    expect(hurried).toBeLessThan(12)
  })
})
