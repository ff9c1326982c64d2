/** The byte sequence that encodes U+FFFD itself, per encoding: such a U+FFFD in the output is text, not an error. */
const ENCODED_REPLACEMENT: Readonly<Record<string, readonly number[]>> = Object.freeze({
  'utf-8': [0xef, 0xbf, 0xbd],
  'utf-16le': [0xfd, 0xff],
  'utf-16be': [0xff, 0xfd],
  gb18030: [0x84, 0x31, 0xa4, 0x37],
})

/**
 * How many invalid byte sequences a decoder replaced by U+FFFD: the U+FFFD in `text` less those
 * `bytes` really encode (in UTF-8, UTF-16 and GB18030, the only encodings that can hold U+FFFD).
 * For a chunk of a stream, an encoded U+FFFD cut by the chunk boundary counts as replaced.
 *
 * @param text What `bytes` decoded to.
 * @param encoding The lower-case WHATWG name it was decoded with.
 */
export function countReplacements(text: string, bytes: Uint8Array, encoding: string): number {
  const inText = countOf(text, '\uFFFD')
  // Most inputs have none: the bytes are only scanned for encoded U+FFFD when the text has some.
  if (inText === 0 || encoding === 'replacement') return inText
  return inText - countSequence(bytes, ENCODED_REPLACEMENT[encoding])
}

/**
 * {@link countReplacements} for a stream decoded chunk by chunk: each call gives the invalid
 * sequences of one more chunk (`text`, what the streaming decoder gave for `bytes`). An encoded
 * U+FFFD cut by a chunk boundary is text, as it is in one piece: the decoder gives its U+FFFD with
 * the chunk that completes it, and the last bytes of the chunks before are kept to find it there.
 * So the total does not depend on where the stream was cut.
 *
 * @param encoding The lower-case WHATWG name the stream is decoded with.
 */
export function replacementCounter(encoding: string): (text: string, bytes: Uint8Array) => number {
  const sequence = encoding === 'replacement' ? undefined : ENCODED_REPLACEMENT[encoding]
  if (sequence === undefined) return (text) => countOf(text, '\uFFFD')
  let tail = new Uint8Array(0)
  let consumed = 0
  return (text, bytes) => {
    const joined = new Uint8Array(tail.length + bytes.length)
    joined.set(tail)
    joined.set(bytes, tail.length)
    const start = consumed - tail.length
    consumed += bytes.length
    tail = joined.slice(Math.max(0, joined.length - (sequence.length - 1)))
    const inText = countOf(text, '\uFFFD')
    if (inText === 0) return 0
    // The two-byte UTF-16 sequences stand at even offsets of the stream.
    const from = sequence.length === 2 && start % 2 !== 0 ? 1 : 0
    return inText - countSequence(joined.subarray(from), sequence)
  }
}

function countOf(text: string, char: string): number {
  let count = 0
  for (let at = text.indexOf(char); at !== -1; at = text.indexOf(char, at + 1)) count++
  return count
}

/** Occurrences of `sequence` in `bytes` (at even offsets for the two-byte UTF-16 ones). */
function countSequence(bytes: Uint8Array, sequence: readonly number[] | undefined): number {
  if (sequence === undefined) return 0
  const step = sequence.length === 2 ? 2 : 1
  let count = 0
  for (let k = 0; k + sequence.length <= bytes.length; k += step) {
    let match = true
    for (let j = 0; j < sequence.length && match; j++) match = bytes[k + j] === sequence[j]
    if (match) count++
  }
  return count
}
