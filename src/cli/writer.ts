/**
 * Writes to `stream`, coalesced: what is written in one turn of the event loop goes out as one
 * write (a record batch's lines: one write, not one per line), at once past 64 KB; a write waits
 * while the stream is full, so a slow consumer holds memory flat. `flush` writes what is held.
 * The first text goes out at once: a reader waiting for the first result (`… | head -1`, a
 * pipeline's next stage) does not wait for the work that follows it in the same turn.
 */
export function writer(stream: NodeJS.WritableStream): ((text: string | Uint8Array) => Promise<void>) & { flush(): Promise<void> } {
  let held: Array<string | Uint8Array> = []
  let size = 0
  let scheduled = false
  let first = true
  let full: Promise<void> | null = null
  const out = (): void => {
    scheduled = false
    if (held.length === 0) return
    const text = joinHeld(held)
    held = []
    size = 0
    if (!stream.write(text)) full ??= new Promise<void>((resolve) => stream.once('drain', () => ((full = null), resolve())))
  }
  const write = (text: string | Uint8Array): Promise<void> => {
    held.push(text)
    size += text.length
    if (first || size >= COALESCED_CHARS) {
      first = false
      out()
    } else if (!scheduled) {
      scheduled = true
      setImmediate(out)
    }
    return full ?? Promise.resolve()
  }
  return Object.assign(write, {
    async flush() {
      out()
      await full
    },
  })
}

/** Characters (or bytes) {@link writer} holds before it writes them without waiting for the turn to end. */
export const COALESCED_CHARS = 1 << 16

/**
 * Texts and bytes written in one turn, as one string when all are strings, else as one Buffer
 * (texts in UTF-8, as a stream writes them; bytes as a Buffer, which a stream's consumers read as text).
 */
function joinHeld(held: ReadonlyArray<string | Uint8Array>): string | Buffer {
  if (held.every((part) => typeof part === 'string')) return held.length === 1 ? (held[0] as string) : held.join('')
  if (held.length === 1) {
    const bytes = held[0] as Uint8Array
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  }
  return Buffer.concat(held.map((part) => (typeof part === 'string' ? Buffer.from(part) : part)))
}
