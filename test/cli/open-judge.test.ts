import { describe, expect, it } from 'vitest'
import { openJudge } from '../../src/cli/feed-command.js'
import { DedupeError } from '../../src/errors.js'
import { createMemoryIndex } from '../../src/stores/memory.js'

function stderr() {
  const chunks: string[] = []
  return { io: { stderr: { write: (chunk: string) => (chunks.push(chunk), true) } } as never, text: () => chunks.join('') }
}

describe('openJudge (feed and worker open their index and judge with it)', () => {
  it('says a lost index on stderr with the command name and gives null (exit code 2)', async () => {
    const err = stderr()
    const opened = await openJudge('worker', err.io, () => Promise.reject(new DedupeError('E_INDEX_LOST', 'the index has no identity')), {})
    expect(opened).toBeNull()
    expect(err.text()).toBe('news-dedup worker: E_INDEX_LOST: the index has no identity\n')
  })

  it('lets any other connection error out, writing nothing', async () => {
    const err = stderr()
    await expect(openJudge('feed', err.io, () => Promise.reject(new DedupeError('E_INDEX_UNAVAILABLE', 'no server')), {})).rejects.toMatchObject({ code: 'E_INDEX_UNAVAILABLE' })
    expect(err.text()).toBe('')
  })

  it('closes the index when the step before the judge fails', async () => {
    const { index, closed } = countingCloses()
    await expect(openJudge('feed', stderr().io, async () => index, {}, () => Promise.reject(new Error('no model')))).rejects.toThrow('no model')
    expect(closed()).toBe(1)
  })

  it('gives the index and a judge over it (closing the judge closes that index)', async () => {
    const { index, closed } = countingCloses()
    const opened = await openJudge('feed', stderr().io, async () => index, {})
    expect(opened?.index).toBe(index)
    await opened?.judge.close()
    expect(closed()).toBe(1)
  })
})

/** A memory index that counts how often it is closed. */
function countingCloses() {
  const index = createMemoryIndex()
  let count = 0
  const close = index.close.bind(index)
  index.close = async () => {
    count++
    await close()
  }
  return { index, closed: () => count }
}
