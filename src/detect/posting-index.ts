import { mix32 } from '../text/hash.js'

/** Slots of an empty index (a power of two). */
const INITIAL_SLOTS = 1 << 10
/** The table grows past this share of its slots in use (linear probing stays short below it). */
const MAX_LOAD = 0.7
/** Entries of an empty index's pool. */
const INITIAL_POOL = 1024
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
   * Looks `key` up for `paragraph` and records that the paragraph has it, in one probe of the
   * table (a set of the paragraph's distinct keys, a look-up and an insertion were three, and
   * most of the time of finding candidates). Paragraphs visit in increasing order, each key at
   * most once counted: a key the same paragraph visited already gives {@link REPEAT}.
   *
   * @param key A non-negative 31-bit integer.
   * @param paragraph A paragraph index.
   * @returns The newest entry of the earlier paragraphs' list for the key (walk on with
   *   {@link next}, read with {@link paragraphOf}); -1 when there is none or the key is in more
   *   than `maxList` paragraphs; {@link REPEAT} when `paragraph` visited the key before.
   */
  visit(key: number, paragraph: number): number {
    let slot = this.#find(key)
    let head = EMPTY
    if (this.#keys[slot] === EMPTY) {
      if (this.#used + 1 > MAX_LOAD * this.#keys.length) {
        this.#grow()
        slot = this.#find(key)
      }
      this.#keys[slot] = key
      this.#heads[slot] = EMPTY
      this.#counts[slot] = 0
      this.#used++
    } else {
      if (this.#last[slot] === paragraph) return REPEAT
      if (this.#counts[slot]! > this.#maxList) {
        this.#last[slot] = paragraph
        return EMPTY
      }
      head = this.#heads[slot]!
    }
    this.#last[slot] = paragraph
    if (this.#entries === this.#paragraph.length) this.#growPool()
    const entry = this.#entries++
    this.#paragraph[entry] = paragraph
    this.#next[entry] = head
    this.#heads[slot] = entry
    this.#counts[slot]!++
    return head
  }

  /**
   * Takes back a {@link visit} of `key` by `paragraph`, the latest paragraph to visit: the
   * index is then as if the paragraph had never visited it (for a paragraph found to be a
   * repeat, whose keys must not make it a candidate). Nothing happens when it did not visit it.
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

  /** Lets the memory go: the index is empty afterwards. */
  clear(): void {
    // An index that never grew is emptied in place: its arrays are small, and new ones for
    // every article (with those of the constructor) were a visible share of short articles' time.
    if (this.#keys.length === INITIAL_SLOTS && this.#paragraph.length === INITIAL_POOL) {
      if (this.#used > 0) {
        this.#keys.fill(EMPTY)
      }
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

  #grow(): void {
    const keys = this.#keys
    const heads = this.#heads
    const counts = this.#counts
    const last = this.#last
    this.#keys = new Int32Array(keys.length * 2).fill(EMPTY)
    this.#heads = new Int32Array(keys.length * 2)
    this.#counts = new Uint8Array(keys.length * 2)
    this.#last = new Int32Array(keys.length * 2)
    for (let old = 0; old < keys.length; old++) {
      if (keys[old] === EMPTY) continue
      const slot = this.#find(keys[old]!)
      this.#keys[slot] = keys[old]!
      this.#heads[slot] = heads[old]!
      this.#counts[slot] = counts[old]!
      this.#last[slot] = last[old]!
    }
    letGo(keys)
    letGo(heads)
    letGo(counts)
    letGo(last)
  }

  /** The pool grows by half: a doubling left up to half of it unused at the end. */
  #growPool(): void {
    const size = Math.ceil(this.#paragraph.length * 1.5)
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
