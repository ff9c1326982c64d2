/**
 * An async iterable whose first item is asked for at once, before anyone iterates: the CLI reads
 * its input's first record while the language model loads, and cleans it as soon as it comes.
 *
 * @module
 */

/**
 * `items`, with the first one asked for now: it is read while the caller awaits something else,
 * and handed to `arrived` as soon as it comes. Iterating then yields every item in order, the
 * first included; its failure is thrown to whoever asks for it, as the iterator's own would be,
 * and `return` (a `break` out of the loop) reaches the source iterator.
 *
 * @param items The source; its iterator is taken at once.
 * @param arrived Called with the first item when it comes (not called for an empty source, nor
 *   when reading it fails).
 * @returns An iterable over the same items, to be iterated once.
 * @example for await (const r of prefetchFirst(records, (first) => start(first))) handle(r)
 */
export function prefetchFirst<T>(items: AsyncIterable<T>, arrived: (item: T) => void): AsyncIterable<T> {
  const iterator = items[Symbol.asyncIterator]()
  let first: Promise<IteratorResult<T>> | null = iterator.next()
  first.then((result) => result.done === true || arrived(result.value), () => undefined)
  const ahead: AsyncIterator<T> = {
    next: () => {
      const next = first ?? iterator.next()
      first = null
      return next
    },
  }
  if (iterator.return) ahead.return = (value) => (iterator.return as NonNullable<typeof iterator.return>)(value)
  return { [Symbol.asyncIterator]: () => ahead }
}
