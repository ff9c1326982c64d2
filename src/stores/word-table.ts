import { FNV_OFFSET, FNV_PRIME } from '../text/hash.js'

/** First value word of an empty slot, and of a deleted one (a tombstone: probing goes on past it). */
const EMPTY = 0
const DELETED = 0xffffffff

/**
 * A hash table of fixed-size records of 32-bit words in one typed array (open addressing,
 * linear probing), for the in-memory index: a few bytes per entry where a `Map` of strings and
 * objects takes ~60. A record is `keyWords` words of key then `valueWords` words of value;
 * several records may share a key (a multimap) when the caller inserts them so.
 *
 * A slot's state is its first value word, so a record costs its words and nothing more: that
 * word must never be 0 or 2^32 − 1 (the index keeps slot numbers + 1 and counts there).
 */
export class WordTable {
  private words: Uint32Array
  private capacity: number
  private used = 0
  private dead = 0
  private readonly width: number

  constructor(private readonly keyWords: number, private readonly valueWords: number, capacity = 1024) {
    if (valueWords < 1) throw new RangeError('a WordTable record needs a value word')
    this.width = keyWords + valueWords
    this.capacity = capacity
    this.words = new Uint32Array(capacity * this.width)
  }

  /** Number of records held. */
  get size(): number {
    return this.used
  }

  /** Bytes of its typed array (for the sizing bench). */
  get bytes(): number {
    return this.words.byteLength
  }

  /**
   * FNV-1a over the key's words, then a finalizer. It reads the imported constants where
   * `hash32` writes literals (see `FNV_OFFSET`): measured A/B in one process (2026-12-01, a
   * copy of this class with literals, 3-word keys, inserts then lookups, 200 k and 10 k keys),
   * the literals took 0.99×, 0.99× and 1.01× the CPU: no difference here, where the probing's
   * memory reads, not the hash, dominate, so one definition of the constants is kept.
   */
  private hash(key: ArrayLike<number>): number {
    let h = FNV_OFFSET
    for (let i = 0; i < this.keyWords; i++) {
      h = Math.imul(h ^ (key[i] as number), FNV_PRIME)
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

  private state(slot: number): number {
    return this.words[slot * this.width + this.keyWords] as number
  }

  /** Calls `visit(slot)` for every record with this key, until it returns `true`. */
  private each(key: ArrayLike<number>, visit: (slot: number) => boolean): void {
    const capacity = this.capacity
    for (let slot = this.hash(key) % capacity, n = 0; n < capacity; slot = slot + 1 === capacity ? 0 : slot + 1, n++) {
      const s = this.state(slot)
      if (s === EMPTY) return
      if (s !== DELETED && this.matches(slot, key) && visit(slot) === true) return
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

  /** How many records have this key, counting up to `most`. */
  count(key: ArrayLike<number>, most = Infinity): number {
    let n = 0
    this.each(key, () => ++n >= most)
    return n
  }

  /** Adds a record (another one with the same key may exist). */
  insert(key: ArrayLike<number>, value: ArrayLike<number>): void {
    const first = (value[0] as number) >>> 0
    if (first === EMPTY || first === DELETED) throw new RangeError(`a WordTable record's first value word cannot be ${first}`)
    // Past 85 % full (tombstones counted): grown by a quarter, or rebuilt at the same size when
    // tombstones are most of it. Small steps keep the table ~75 % full on average, where doubling
    // left it ~60 % full: a third fewer empty slots, for a few more probes per lookup.
    if ((this.used + this.dead + 1) * 20 > this.capacity * 17) {
      this.resize(this.used * 2 >= this.capacity ? Math.ceil(this.capacity * 1.25) : this.capacity)
    }
    this.place(key, value)
  }

  private place(key: ArrayLike<number>, value: ArrayLike<number>): void {
    const capacity = this.capacity
    let slot = this.hash(key) % capacity
    for (let s = this.state(slot); s !== EMPTY && s !== DELETED; s = this.state(slot)) slot = slot + 1 === capacity ? 0 : slot + 1
    if (this.state(slot) === DELETED) this.dead--
    const at = slot * this.width
    for (let i = 0; i < this.keyWords; i++) this.words[at + i] = key[i] as number
    for (let i = 0; i < this.valueWords; i++) this.words[at + this.keyWords + i] = value[i] as number
    this.used++
  }

  /** Changes value word `word` of the first record with this key; `false` when there is none. */
  update(key: ArrayLike<number>, word: number, value: number): boolean {
    if (word === 0 && (value >>> 0 === EMPTY || value >>> 0 === DELETED)) throw new RangeError(`a WordTable record's first value word cannot be ${value >>> 0}`)
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
      this.words[at] = DELETED
      this.used--
      this.dead++
      done = true
      return true
    })
    return done
  }

  private resize(capacity: number): void {
    const { words, width, keyWords } = this
    const slots = this.capacity
    this.capacity = capacity
    this.words = new Uint32Array(capacity * width)
    this.used = 0
    this.dead = 0
    for (let slot = 0; slot < slots; slot++) {
      const at = slot * width
      const s = words[at + keyWords] as number
      if (s === EMPTY || s === DELETED) continue
      this.place(words.subarray(at, at + keyWords), words.subarray(at + keyWords, at + width))
    }
  }
}
