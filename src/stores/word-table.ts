/**
 * A hash table of fixed-size records of 32-bit words in one typed array (open addressing,
 * linear probing), for the in-memory index: a few bytes per entry where a `Map` of strings and
 * objects takes ~60. A record is `keyWords` words of key then `valueWords` words of value;
 * several records may share a key (a multimap) when the caller inserts them so.
 */
export class WordTable {
  private words: Uint32Array
  /** Per slot: 0 empty, 1 used, 2 deleted (a tombstone: probing goes on past it). */
  private state: Uint8Array
  private capacity: number
  private used = 0
  private dead = 0
  private readonly width: number

  constructor(private readonly keyWords: number, private readonly valueWords: number, capacity = 1024) {
    this.width = keyWords + valueWords
    this.capacity = capacity
    this.words = new Uint32Array(capacity * this.width)
    this.state = new Uint8Array(capacity)
  }

  /** Number of records held. */
  get size(): number {
    return this.used
  }

  private hash(key: ArrayLike<number>): number {
    let h = 0x811c9dc5
    for (let i = 0; i < this.keyWords; i++) {
      h = Math.imul(h ^ (key[i] as number), 0x01000193)
      h ^= h >>> 15
    }
    h = Math.imul(h ^ (h >>> 13), 0x5bd1e995)
    return (h ^ (h >>> 16)) >>> 0
  }

  private matches(slot: number, key: ArrayLike<number>): boolean {
    const at = slot * this.width
    for (let i = 0; i < this.keyWords; i++) if (this.words[at + i] !== (key[i] as number) >>> 0) return false
    return true
  }

  /** Calls `visit(slot)` for every record with this key, until it returns `true`. */
  private each(key: ArrayLike<number>, visit: (slot: number) => boolean): void {
    const capacity = this.capacity
    for (let slot = this.hash(key) % capacity, n = 0; n < capacity; slot = slot + 1 === capacity ? 0 : slot + 1, n++) {
      const s = this.state[slot]
      if (s === 0) return
      if (s === 1 && this.matches(slot, key) && visit(slot) === true) return
    }
  }

  /** The value words of the first record with this key (a view: copy it to keep it), or `null`. */
  get(key: ArrayLike<number>): Uint32Array | null {
    let found: Uint32Array | null = null
    this.each(key, (slot) => {
      const at = slot * this.width + this.keyWords
      found = this.words.subarray(at, at + this.valueWords)
      return true
    })
    return found
  }

  /** The value words of every record with this key, in probing order, copied. */
  getAll(key: ArrayLike<number>): Uint32Array[] {
    const out: Uint32Array[] = []
    this.each(key, (slot) => {
      const at = slot * this.width + this.keyWords
      out.push(this.words.slice(at, at + this.valueWords))
      return false
    })
    return out
  }

  /** Adds a record (another one with the same key may exist). */
  insert(key: ArrayLike<number>, value: ArrayLike<number>): void {
    // Past 85 % full (tombstones counted): grown by a quarter, or rebuilt at the same size when
    // tombstones are most of it. Small steps keep the table ~75 % full on average, where doubling
    // left it ~60 % full: a third fewer empty slots, for a few more probes per lookup.
    if ((this.used + this.dead + 1) * 20 > this.capacity * 17) {
      this.resize(this.used * 2 >= this.capacity ? Math.ceil(this.capacity * 1.25) : this.capacity)
    }
    const capacity = this.capacity
    let slot = this.hash(key) % capacity
    while (this.state[slot] === 1) slot = slot + 1 === capacity ? 0 : slot + 1
    if (this.state[slot] === 2) this.dead--
    this.state[slot] = 1
    const at = slot * this.width
    for (let i = 0; i < this.keyWords; i++) this.words[at + i] = key[i] as number
    for (let i = 0; i < this.valueWords; i++) this.words[at + this.keyWords + i] = value[i] as number
    this.used++
  }

  /** Changes value word `word` of the first record with this key; `false` when there is none. */
  update(key: ArrayLike<number>, word: number, value: number): boolean {
    let done = false
    this.each(key, (slot) => {
      this.words[slot * this.width + this.keyWords + word] = value
      done = true
      return true
    })
    return done
  }

  /** Deletes the first record with this key whose value `which` accepts (any when absent); `false` when none. */
  delete(key: ArrayLike<number>, which?: (value: Uint32Array) => boolean): boolean {
    let done = false
    this.each(key, (slot) => {
      const at = slot * this.width + this.keyWords
      if (which && !which(this.words.subarray(at, at + this.valueWords))) return false
      this.state[slot] = 2
      this.used--
      this.dead++
      done = true
      return true
    })
    return done
  }

  private resize(capacity: number): void {
    const { words, state, width } = this
    this.capacity = capacity
    this.words = new Uint32Array(capacity * width)
    this.state = new Uint8Array(capacity)
    this.used = 0
    this.dead = 0
    for (let slot = 0; slot < state.length; slot++) {
      if (state[slot] !== 1) continue
      const at = slot * width
      this.insert(words.subarray(at, at + this.keyWords), words.subarray(at + this.keyWords, at + width))
    }
  }
}
