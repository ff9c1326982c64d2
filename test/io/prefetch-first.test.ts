import { describe, expect, it } from 'vitest'
import { prefetchFirst } from '../../src/io/prefetch-first.js'

/** A source that records when each item is asked for, and whether it was closed. */
function source(items: readonly number[], failAt = -1) {
  const asked: number[] = []
  let closed = false
  const iterable: AsyncIterable<number> = {
    [Symbol.asyncIterator]: () => {
      let k = 0
      return {
        next: async () => {
          asked.push(k)
          if (k === failAt) throw new Error(`item ${k} failed`)
          return k < items.length ? { done: false, value: items[k++] as number } : { done: true, value: undefined }
        },
        return: async () => {
          closed = true
          return { done: true, value: undefined }
        },
      }
    },
  }
  return { iterable, asked, closed: () => closed }
}

describe('prefetchFirst', () => {
  it('asks for the first item at once, hands it to arrived, then yields every item in order', async () => {
    const { iterable, asked } = source([10, 20, 30])
    const arrived: number[] = []
    const ahead = prefetchFirst(iterable, (item) => arrived.push(item))
    expect(asked).toEqual([0])
    await Promise.resolve()
    await Promise.resolve()
    expect(arrived).toEqual([10])
    const seen: number[] = []
    for await (const item of ahead) seen.push(item)
    expect(seen).toEqual([10, 20, 30])
    expect(arrived).toEqual([10])
  })

  it('throws the first item\'s failure to whoever iterates, and calls arrived for nothing', async () => {
    const { iterable } = source([10], 0)
    const arrived: number[] = []
    const ahead = prefetchFirst(iterable, (item) => arrived.push(item))
    await expect(ahead[Symbol.asyncIterator]().next()).rejects.toThrow('item 0 failed')
    expect(arrived).toEqual([])
  })

  it('closes the source when the loop breaks', async () => {
    const { iterable, closed } = source([10, 20, 30])
    for await (const item of prefetchFirst(iterable, () => {})) if (item === 10) break
    expect(closed()).toBe(true)
  })
})
