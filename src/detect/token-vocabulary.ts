/** Slots of an empty vocabulary (a power of two). */
const INITIAL_SLOTS = 1 << 10
/** The table grows past this share of its slots in use (linear probing stays short below it). */
const MAX_LOAD = 0.5

/**
 * The token ids of one article: each distinct token gets the next id (0, 1, 2, … in order of
 * first sight), as a `Map<string, number>` filled with `map.get(word) ?? map.set(word, map.size)`
 * would give. Tokens are looked up by their place in a text (`idAt(text, start, end)`), so that
 * the tokens of a paragraph need not be sliced out as strings: only a token seen for the first
 * time is copied (bench/profile-clean.ts: slicing and hashing every token was the largest part
 * of preparing a paragraph for comparison).
 *
 * An open-addressing table of ids keyed by the token's hash, which the caller has (the FNV-1a
 * hash `tokenSpans` gives with each token); a hit is checked against the token itself, so a hash
 * collision never merges two tokens.
 */
export class TokenVocabulary {
  /** Per slot: id + 1 (0 = empty). */
  #slots = new Int32Array(INITIAL_SLOTS)
  /** Per slot: the hash of the slot's token (compared before the token's characters). */
  #hashes = new Int32Array(INITIAL_SLOTS)
  /** The tokens by id. */
  readonly #words: string[] = []

  /** How many distinct tokens have ids. */
  get size(): number {
    return this.#words.length
  }

  /**
   * The id of the token `text[start, end)`, a new one (the next) when it was not seen before.
   * @param text A text holding the token.
   * @param start Offset of the token's first code unit.
   * @param end Offset after its last code unit.
   * @param h The token's hash, the same for equal tokens (`tokenSpans` gives their FNV-1a hashes).
   */
  idAt(text: string, start: number, end: number, h: number): number {
    const mask = this.#slots.length - 1
    let slot = (h ^ (h >>> 15)) & mask
    const length = end - start
    for (let entry = this.#slots[slot]!; entry !== 0; entry = this.#slots[slot]!) {
      if (this.#hashes[slot] === h) {
        const word = this.#words[entry - 1]!
        if (word.length === length && sameUnits(word, text, start)) return entry - 1
      }
      slot = (slot + 1) & mask
    }
    return this.#insert(slot, h, ownCopy(text.slice(start, end)))
  }

  /**
   * Forgets every token (ids start again from 0), so that one vocabulary serves article after
   * article: its tables are emptied in place while small, let go when an article grew them.
   */
  clear(): void {
    if (this.#slots.length !== INITIAL_SLOTS) {
      this.#slots = new Int32Array(INITIAL_SLOTS)
      this.#hashes = new Int32Array(INITIAL_SLOTS)
    } else if (this.#words.length > 0) this.#slots.fill(0)
    this.#words.length = 0
  }

  #insert(slot: number, h: number, word: string): number {
    const id = this.#words.length
    this.#words.push(word)
    this.#slots[slot] = id + 1
    this.#hashes[slot] = h
    if (this.#words.length > MAX_LOAD * this.#slots.length) this.#grow()
    return id
  }

  #grow(): void {
    const [slots, hashes] = [this.#slots, this.#hashes]
    this.#slots = new Int32Array(slots.length * 2)
    this.#hashes = new Int32Array(slots.length * 2)
    const mask = this.#slots.length - 1
    for (let old = 0; old < slots.length; old++) {
      if (slots[old] === 0) continue
      const h = hashes[old]!
      let slot = (h ^ (h >>> 15)) & mask
      while (this.#slots[slot] !== 0) slot = (slot + 1) & mask
      this.#slots[slot] = slots[old]!
      this.#hashes[slot] = h
    }
  }
}

/** Whether `text` holds `word`'s code units from `start` on. */
function sameUnits(word: string, text: string, start: number): boolean {
  for (let k = 0; k < word.length; k++) if (word.charCodeAt(k) !== text.charCodeAt(start + k)) return false
  return true
}

/**
 * A copy of a token that does not hold on to the paragraph it was cut from. V8 keeps a slice of
 * 13 characters or more as a view into its parent string: a vocabulary of such views kept the
 * normalized form of almost every paragraph alive. The concatenation is flattened when sliced,
 * so the view that remains is into a string of the token's own size.
 */
function ownCopy(word: string): string {
  return word.length < 13 ? word : ` ${word}`.slice(1)
}
