/** How long (ms) a partial batch waits for more input before it is sent anyway. */
const PARTIAL_WAIT = 50

/** Resolves after the event loop has run its pending I/O and messages (a `setImmediate`). */
const eventLoopTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/**
 * Runs `work` on consecutive batches of up to `size` items, up to `window` batches at a time, and
 * yields the outputs in input order: the pipeline behind `--workers` (batches run in parallel,
 * what follows sees one ordered stream). `work` must not reject: it returns one output per item.
 * At most `size × window` items are held, so memory stays flat on any input. On a slow input (a
 * live stream), a partial batch is sent after 50 ms without a new item, and finished outputs are
 * yielded while the next item is awaited, so results do not wait for a batch to fill. When it
 * must wait for the oldest batch (the window is full, or the input has ended), `hurry` (if
 * given) is called until that batch is done or it resolves `false`: the caller's chance to do
 * queued work itself rather than wait (see `WorkerPool.hurry`).
 */
export async function* orderedBatches<T, R>(
  items: AsyncIterable<T>,
  size: number,
  window: number,
  work: (batch: T[]) => Promise<R[]>,
  hurry?: () => Promise<boolean>,
): AsyncGenerator<R> {
  const running: Array<{ outputs: Promise<R[]>; done: boolean }> = []
  const start = (batch: T[]): void => {
    const entry = { outputs: work(batch), done: false }
    entry.outputs.then(() => (entry.done = true), () => undefined)
    running.push(entry)
  }
  // The oldest batch's outputs; while it is not done, `hurry` may do other batches' work in the
  // meantime. Each hurry comes after a turn of the event loop: a hurried batch runs in this
  // thread's microtasks, so without the turn the worker threads' answers (and the new batches
  // they are handed with each) would wait until every batch waiting had been taken here, and
  // the threads would sit idle meanwhile.
  const oldest = async (): Promise<R[]> => {
    const entry = running.shift() as { outputs: Promise<R[]>; done: boolean }
    if (hurry) while (!entry.done && (await eventLoopTurn(), !entry.done) && (await hurry())) {}
    return entry.outputs
  }
  const iterator = items[Symbol.asyncIterator]()
  let batch: T[] = []
  // The next item, and its value once it has come (set by a handler attached first, so it is
  // known by the time any later wait on the same promise resumes).
  let next!: Promise<IteratorResult<T>>
  let arrived: IteratorResult<T> | undefined
  const pull = (): void => {
    arrived = undefined
    next = iterator.next()
    next.then((result) => (arrived = result), () => undefined) // a failed read is thrown by the wait below
  }
  pull()
  for (;;) {
    if (arrived === undefined) {
      // Wait for the next item, or for the oldest batch to finish, or (with a partial batch) for time to pass.
      let timer: ReturnType<typeof setTimeout> | undefined
      let late = false
      const waits: Array<Promise<unknown>> = [next]
      if (running[0] && !running[0].done) waits.push(running[0].outputs)
      if (batch.length > 0) waits.push(new Promise<void>((resolve) => (timer = setTimeout(() => ((late = true), resolve()), PARTIAL_WAIT))))
      await Promise.race(waits)
      clearTimeout(timer)
      while (running[0]?.done) yield* await (running.shift() as { outputs: Promise<R[]> }).outputs
      if (arrived === undefined) {
        // Woken by the clock or a finished batch: a partial batch that has waited long enough goes now.
        if (late && batch.length > 0) {
          start(batch)
          batch = []
          if (running.length >= window) yield* await oldest()
        }
        continue
      }
    }
    const result: IteratorResult<T> = arrived
    if (result.done) break
    batch.push(result.value)
    pull()
    if (batch.length < size) continue
    start(batch)
    batch = []
    if (running.length >= window) yield* await oldest()
  }
  if (batch.length > 0) start(batch)
  while (running.length > 0) yield* await oldest()
}
