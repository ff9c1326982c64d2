/**
 * Runs `work` on consecutive batches of `size` items, up to `window` batches at a time, and
 * yields the outputs in input order: the pipeline behind `--workers` (batches run in parallel,
 * what follows sees one ordered stream). `work` must not reject: it returns one output per item.
 * At most `size × window` items are held, so memory stays flat on any input.
 */
export async function* orderedBatches<T, R>(
  items: AsyncIterable<T>,
  size: number,
  window: number,
  work: (batch: T[]) => Promise<R[]>,
): AsyncGenerator<R> {
  const running: Array<Promise<R[]>> = []
  let batch: T[] = []
  for await (const item of items) {
    batch.push(item)
    if (batch.length < size) continue
    running.push(work(batch))
    batch = []
    if (running.length >= window) yield* await (running.shift() as Promise<R[]>)
  }
  if (batch.length > 0) running.push(work(batch))
  while (running.length > 0) yield* await (running.shift() as Promise<R[]>)
}
