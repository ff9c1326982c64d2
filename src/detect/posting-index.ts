import { mix32 } from '../text/hash.js'

/** Slots of an empty index (a power of two). */
const INITIAL_SLOTS = 1 << 10
/** The table grows past this share of its slots in use (linear probing stays short below it). */
const MAX_LOAD = 0.7
/** Entries of an empty index's pool. */
const INITIAL_POOL = 1024
/** Slots and pool entries up to which {@link PostingIndex.clear} empties the arrays in place rather than letting them go (an article of a few thousand bigrams). */
const KEPT_SLOTS = 1 << 14
const KEPT_POOL = 1 << 14
const EMPTY = -1
/** What {@link PostingIndex.visit} returns for a key the paragraph visited already. */
export const REPEAT = -2

/**
 * The paragraphs each key (a token bigram, see `find-duplicates.ts`) occurs in, in flat typed
 * arrays: an open-addressing table of keys with the head of a linked list per key, and one pool
 * of list entries (paragraph, next). About 17 bytes per distinct key and 8 to 12 per occurrence.
 *
 * Why not a `Map<number, number | number[]>`: for 20 MB of distinct paragraphs (1.2 M distinct
 * bigrams, 3 M occurrences) the map, its small arrays (each grown by `push` to 17 slots and
 * more) and their headers took about 100 MB, the largest part of `clean()`'s memory.
 *
 * A key's list stops growing at `maxList + 1` entries: past `maxList` the key is too common
 * to point at a copy, and {@link visit} no longer reads it.
 */
export class PostingIndex {
  readonly #maxList: number
  #keys = new Int32Array(INITIAL_SLOTS).fill(EMPTY)
  /** Per slot: the newest entry of the key's list. */
  #heads = new Int32Array(INITIAL_SLOTS)
  /** Per slot: how many entries the key's list has (it stops at `maxList + 1`, at most 255). */
  #counts = new Uint8Array(INITIAL_SLOTS)
  /** Per slot: the paragraph that last visited the key (-1 after it was withdrawn), which tells a key repeated within one paragraph. */
  #last = new Int32Array(INITIAL_SLOTS)
  #used = 0
  #paragraph = new Int32Array(INITIAL_POOL)
  #next = new Int32Array(INITIAL_POOL)
  #entries = 0

  /** @param maxList Longest list {@link visit} reads (at most 254); a key in more paragraphs is not read. */
  constructor(maxList: number) {
    this.#maxList = Math.min(maxList, 254)
  }

  /**
   * Makes room for `keys` more keys and entries: {@link visit} does not grow the index itself.
   * (Its growth, first needed after V8 had optimized it, deoptimized it; here it is checked once
   * per paragraph, not once per key.)
   */
  reserve(keys: number): void {
    if (this.#used + keys > MAX_LOAD * this.#keys.length) this.#grow(this.#used + keys)
    if (this.#entries + keys > this.#paragraph.length) this.#growPool(this.#entries + keys)
  }

  /**
   * Looks `key` up for `paragraph` and records that the paragraph has it, in one probe of the
   * table (a set of the paragraph's distinct keys, a look-up and an insertion were three, and
   * most of the time of finding candidates). Paragraphs visit in increasing order, each key at
   * most once counted: a key the same paragraph visited already gives {@link REPEAT}. Room for
   * the paragraph's keys is made first, by {@link reserve}.
   *
   * @param key A non-negative 31-bit integer.
   * @param paragraph A paragraph index.
   * @returns The newest entry of the earlier paragraphs' list for the key (walk on with
   *   {@link next}, read with {@link paragraphOf}); -1 when there is none or the key is in more
   *   than `maxList` paragraphs; {@link REPEAT} when `paragraph` visited the key before.
   */
  visit(key: number, paragraph: number): number {
    const slot = this.#find(key)
    let head = EMPTY
    let listed = true
    if (this.#keys[slot] === EMPTY) {
      this.#keys[slot] = key
      this.#heads[slot] = EMPTY
      this.#counts[slot] = 0
      this.#used++
    } else {
      if (this.#last[slot] === paragraph) return REPEAT
      // One store of `last` for both outcomes below: a store only the rare one ran had no type feedback.
      listed = this.#counts[slot]! <= this.#maxList
      head = this.#heads[slot]!
    }
    this.#last[slot] = paragraph
    if (!listed) return EMPTY
    const entry = this.#entries++
    this.#paragraph[entry] = paragraph
    this.#next[entry] = head
    this.#heads[slot] = entry
    this.#counts[slot]!++
    return head
  }

  /**
   * Takes back a {@link visit} of `key` by `paragraph`, the latest paragraph to visit: every
   * list then reads as if the paragraph had never visited it (for a paragraph found to be a
   * repeat, whose keys must not make it a candidate). Nothing happens when it did not visit it.
   * The entry's room is given back only when it is the newest one; otherwise (a paragraph whose
   * keys repeat) it stays unused until {@link clear}.
   */
  withdraw(key: number, paragraph: number): void {
    const slot = this.#find(key)
    if (this.#keys[slot] === EMPTY || this.#last[slot] !== paragraph) return
    this.#last[slot] = EMPTY
    const head = this.#heads[slot]!
    if (head === EMPTY || this.#paragraph[head] !== paragraph) return // a key past maxList: not listed
    this.#heads[slot] = this.#next[head]!
    this.#counts[slot]!--
    if (head === this.#entries - 1) this.#entries--
  }

  /** The entry after `entry` in its key's list (older), -1 at the end. */
  next(entry: number): number {
    return this.#next[entry]!
  }

  /** The paragraph of an entry of {@link visit} / {@link next}. */
  paragraphOf(entry: number): number {
    return this.#paragraph[entry]!
  }

  /** Empties the index; it lets its memory go when an article grew it past an ordinary article's size. */
  clear(): void {
    // An index of an ordinary article's size is emptied in place: new arrays for every article
    // (with those of the constructor) were a visible share of short articles' time, and growing
    // them again in each article another.
    if (this.#keys.length <= KEPT_SLOTS && this.#paragraph.length <= KEPT_POOL) {
      if (this.#used > 0) this.#keys.fill(EMPTY)
      this.#used = 0
      this.#entries = 0
      return
    }
    for (const array of [this.#keys, this.#heads, this.#counts, this.#last, this.#paragraph, this.#next]) letGo(array)
    this.#keys = new Int32Array(INITIAL_SLOTS).fill(EMPTY)
    this.#heads = new Int32Array(INITIAL_SLOTS)
    this.#counts = new Uint8Array(INITIAL_SLOTS)
    this.#last = new Int32Array(INITIAL_SLOTS)
    this.#used = 0
    this.#paragraph = new Int32Array(INITIAL_POOL)
    this.#next = new Int32Array(INITIAL_POOL)
    this.#entries = 0
  }

  /** The slot holding `key`, or the empty slot where it would go. */
  #find(key: number): number {
    const mask = this.#keys.length - 1
    let slot = mix32(key) & mask
    while (this.#keys[slot] !== EMPTY && this.#keys[slot] !== key) slot = (slot + 1) & mask
    return slot
  }

  /** Doubles the table until `keys` keys fit under {@link MAX_LOAD}. */
  #grow(keys: number): void {
    let size = this.#keys.length * 2
    while (keys > MAX_LOAD * size) size *= 2
    const oldKeys = this.#keys
    const oldHeads = this.#heads
    const oldCounts = this.#counts
    const oldLast = this.#last
    this.#keys = new Int32Array(size).fill(EMPTY)
    this.#heads = new Int32Array(size)
    this.#counts = new Uint8Array(size)
    this.#last = new Int32Array(size)
    for (let old = 0; old < oldKeys.length; old++) {
      if (oldKeys[old] === EMPTY) continue
      const slot = this.#find(oldKeys[old]!)
      this.#keys[slot] = oldKeys[old]!
      this.#heads[slot] = oldHeads[old]!
      this.#counts[slot] = oldCounts[old]!
      this.#last[slot] = oldLast[old]!
    }
    letGo(oldKeys)
    letGo(oldHeads)
    letGo(oldCounts)
    letGo(oldLast)
  }

  /** The pool grows by half until `entries` fit: a doubling left up to half of it unused at the end. */
  #growPool(entries: number): void {
    let size = Math.ceil(this.#paragraph.length * 1.5)
    while (size < entries) size = Math.ceil(size * 1.5)
    const paragraph = new Int32Array(size)
    paragraph.set(this.#paragraph)
    const next = new Int32Array(size)
    next.set(this.#next)
    letGo(this.#paragraph)
    letGo(this.#next)
    this.#paragraph = paragraph
    this.#next = next
  }
}

/** Arrays from this size on are let go at once by {@link letGo}; smaller ones are left to the collector. */
const LET_GO_BYTES = 1 << 20

/**
 * Gives back the memory of an array the index no longer reads, now rather than at the next full
 * collection. V8 frees a typed array's memory (outside its heap) only when a full collection
 * finds the array dead, and these arrays live long enough to be in the old generation: on 20 MB
 * of distinct paragraphs the postings are ~50 MB, and the copies each growth left behind, then
 * the whole index once cleared, stayed resident until V8 next collected in full, often past the
 * article's peak (bench:hostile's memory rows). Transferring the buffer detaches it: its memory
 * goes to a new buffer that nothing holds, freed by the next minor collection. The index never
 * reads a let-go array again (each is replaced first).
 */
function letGo(array: Int32Array | Uint8Array): void {
  if (array.byteLength >= LET_GO_BYTES) structuredClone(array.buffer, { transfer: [array.buffer as ArrayBuffer] })
}
