import { describe, expect, it } from 'vitest'
import { countBytes, createProgress } from '../../src/cli/progress.js'

/** A fake terminal (or not): records what is written. */
function stream(isTTY: boolean, columns?: number) {
  const writes: string[] = []
  return { writes, isTTY, ...(columns === undefined ? {} : { columns }), write: (text: string) => writes.push(text) }
}

/** A clock that the test moves by hand. */
function clock(start = 1_000_000) {
  let t = start
  return { now: () => t, advance: (ms: number) => (t += ms) }
}

describe('createProgress', () => {
  it('draws nothing at all when the stream is not a terminal', () => {
    const out = stream(false)
    const time = clock()
    const progress = createProgress(out, { label: 'feed', now: time.now })
    expect(progress).toBeNull()
    expect(out.writes).toEqual([])
  })

  it('on a terminal: nothing for a short run, then articles, articles/s and duplicates, redrawn in place', () => {
    const out = stream(true)
    const time = clock()
    const progress = createProgress(out, { label: 'feed', now: time.now })!
    time.advance(500)
    progress.update({ articles: 50, duplicates: 1 })
    expect(out.writes).toEqual([]) // under the 1 s delay
    time.advance(1500)
    progress.update({ articles: 400, duplicates: 7 })
    expect(out.writes).toEqual(['\r\x1b[Kfeed: 400 articles · 200 articles/s · 7 duplicates'])
    time.advance(100)
    progress.update({ articles: 420, duplicates: 7 })
    expect(out.writes).toHaveLength(1) // within 250 ms of the last redraw
    progress.done()
    expect(out.writes.at(-1)).toBe('\r\x1b[K')
  })

  it('with a known size: a bar, the share read and the time left', () => {
    const out = stream(true)
    const time = clock()
    const progress = createProgress(out, { label: 'clean', duplicates: 'repeats', totalBytes: 1000, now: time.now })!
    time.advance(10_000)
    progress.update({ articles: 300, duplicates: 12, bytes: 250 })
    // A quarter read in 10 s: 30 s left.
    expect(out.writes).toEqual(['\r\x1b[Kclean: [#####...............] 25 % · 300 articles · 30 articles/s · 12 repeats · ETA 0:30'])
  })

  it('cuts the line to the terminal width, so that \\r redraws all of it', () => {
    const out = stream(true, 30)
    const time = clock()
    createProgress(out, { label: 'feed', now: time.now })!.update({ articles: 1, duplicates: 0 })
    time.advance(2000)
    const progress = createProgress(out, { label: 'feed', now: time.now, delay: 0 })!
    time.advance(1000)
    progress.update({ articles: 123456, duplicates: 789 })
    const line = out.writes.at(-1)!.replace('\r\x1b[K', '')
    expect(line).toHaveLength(29)
    expect(line.startsWith('feed: 123456 articles')).toBe(true)
  })

  it('a run that ends before the first redraw leaves nothing to clear', () => {
    const out = stream(true)
    const progress = createProgress(out, { label: 'feed', now: clock().now })!
    progress.done()
    expect(out.writes).toEqual([])
  })
})

describe('countBytes', () => {
  it('adds the UTF-8 size of every chunk, strings and bytes alike, and passes them on', async () => {
    const counter = { bytes: 0 }
    async function* chunks() {
      yield 'é\n'
      yield new Uint8Array([1, 2, 3])
    }
    const seen: unknown[] = []
    for await (const chunk of countBytes(chunks(), counter)) seen.push(chunk)
    expect(seen).toEqual(['é\n', new Uint8Array([1, 2, 3])])
    expect(counter.bytes).toBe(6)
  })
})
