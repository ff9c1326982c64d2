/**
 * A min-heap of (time, slot) pairs in two growable typed arrays, 12 bytes a pair: the in-memory
 * index's expiry order. Equal times come out by slot, so the order is the same on every run.
 */
export class TimeHeap {
  private times = new Float64Array(1024)
  private slots = new Uint32Array(1024)
  private count = 0

  /** Number of pairs held. */
  get size(): number {
    return this.count
  }

  /** The least time held (`Infinity` when empty). */
  get least(): number {
    return this.count === 0 ? Infinity : (this.times[0] as number)
  }

  private less(a: number, b: number): boolean {
    const ta = this.times[a] as number
    const tb = this.times[b] as number
    return ta < tb || (ta === tb && (this.slots[a] as number) < (this.slots[b] as number))
  }

  private swap(a: number, b: number): void {
    const t = this.times[a] as number
    this.times[a] = this.times[b] as number
    this.times[b] = t
    const s = this.slots[a] as number
    this.slots[a] = this.slots[b] as number
    this.slots[b] = s
  }

  push(time: number, slot: number): void {
    if (this.count === this.times.length) {
      const times = new Float64Array(this.count * 2)
      times.set(this.times)
      this.times = times
      const slots = new Uint32Array(this.count * 2)
      slots.set(this.slots)
      this.slots = slots
    }
    this.times[this.count] = time
    this.slots[this.count] = slot
    let i = this.count++
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!this.less(i, parent)) break
      this.swap(i, parent)
      i = parent
    }
  }

  /** Removes the least pair and returns its slot (the heap must not be empty). */
  pop(): number {
    const top = this.slots[0] as number
    this.count--
    if (this.count > 0) {
      this.times[0] = this.times[this.count] as number
      this.slots[0] = this.slots[this.count] as number
      for (let i = 0; ; ) {
        const l = 2 * i + 1
        const r = l + 1
        let m = i
        if (l < this.count && this.less(l, m)) m = l
        if (r < this.count && this.less(r, m)) m = r
        if (m === i) break
        this.swap(i, m)
        i = m
      }
    }
    return top
  }
}
