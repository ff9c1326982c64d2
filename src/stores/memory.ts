import { DedupeError } from '../errors.js'
import type { FeedIndex, FingerprintInfo, IndexSession, IndexedArticle } from '../feed/types.js'
import { DEFAULT_BUCKET_LIMIT } from '../feed/types.js'
import { type BlobFingerprint, blobBytes, blobParagraphOf, decodeArticleBlob, encodeArticleBlob } from './article-blob.js'
import { decodeParagraphs, recordParagraphBytes, withFingerprints } from './record-codec.js'
import { TimeHeap } from './time-heap.js'
import { verdictCode, verdictOfCode } from './verdict-code.js'
import { WordTable } from './word-table.js'

/** Options of {@link createMemoryIndex}. */
export interface MemoryIndexOptions {
  /** Most ids per LSH bucket. @default 16 */
  bucketLimit?: number
}

/** What a slot holds beyond its columns, for the few articles that need it: a duplicate, or a verdict that is not plain (see {@link verdictCode}). */
interface Extra {
  result: string
  of: string | null
}

const HEX16 = /^[0-9a-f]{16}$/

/**
 * An index held in memory: fastest, lost when the process ends, one process only.
 * The default store of `createDeduplicator`.
 *
 * Compact (issue 12): each held article is a slot number, and a slot is a row of columns (typed
 * arrays for its time, seq, site number and verdict code; plain arrays for its id and its one
 * string of matching data, {@link encodeArticleBlob}); no object per article. Slots of expired
 * articles are reused. First occurrences, site counts and LSH buckets are records of 32-bit words
 * in typed-array hash tables ({@link WordTable}) naming slots, so the cost per article is flat,
 * whatever the number of articles.
 */
export function createMemoryIndex(options: MemoryIndexOptions = {}): FeedIndex {
  const bucketLimit = options.bucketLimit ?? DEFAULT_BUCKET_LIMIT
  /**
   * Every id ever recorded: a number ≥ 0 is the slot of a held article; once expired, its verdict
   * (kept for as long as the index): a string, or a negative number −1 − {@link verdictCode}.
   */
  const verdicts = new Map<string, number | string>()
  // The columns, one row per slot.
  let rows = 0
  let times = new Float64Array(0)
  let seqs = new Float64Array(0)
  /** Site number, −1 for none. */
  let siteOf = new Int32Array(0)
  /** The verdict's {@link verdictCode}, when `extras` has none. */
  let codes = new Uint32Array(0)
  const ids: string[] = []
  const blobs: string[] = []
  const extras: Array<Extra | null> = []
  /** Slots freed by expiry, taken again first; `used` slots have been handed out. */
  const free: number[] = []
  let used = 0
  let held = 0
  /** Per band: bucket key → slot + 1 of each member (a multimap). */
  const buckets: WordTable[] = []
  /**
   * Fingerprint → slot + 1 of its first holder: a table for those of 16 hex digits (two words),
   * one for the others (numbered); see `keyOf`. The paragraph is the holder's: the first of its
   * recorded fingerprints with that key ({@link firstParagraph}).
   */
  const firstsHex = new WordTable(2, 1)
  const firstsNamed = new WordTable(2, 1)
  const firstsOf = (kind: number): WordTable => (kind === 0 ? firstsHex : firstsNamed)
  /**
   * Site number × 2 + fingerprint kind, fingerprint words → how many articles of that site have
   * it, the first holder left out: its own count is implied (1 when its site is that site). Most
   * paragraphs are had by one article, so most site counts take no record at all.
   */
  const counts = new WordTable(3, 1)
  /** Numbers of sites, and of fingerprints that are not 16 hex digits (kept for as long as the index), both ways. */
  const sites = new Map<string, number>()
  const siteNames: string[] = []
  const names = new Map<string, number>()
  const nameList: string[] = []
  const heap = new TimeHeap()
  let seq = 0
  let clock = -Infinity
  let version = 0
  let closed = false

  const grow = (): void => {
    const size = Math.max(1024, Math.ceil(rows * 1.5))
    const copy = <T extends Float64Array | Int32Array | Uint32Array>(from: T, to: T): T => {
      to.set(from)
      return to
    }
    times = copy(times, new Float64Array(size))
    seqs = copy(seqs, new Float64Array(size))
    siteOf = copy(siteOf, new Int32Array(size))
    codes = copy(codes, new Uint32Array(size))
    rows = size
  }
  const allocate = (): number => {
    const reused = free.pop()
    if (reused !== undefined) return reused
    if (used === rows) grow()
    ids.push('')
    blobs.push('')
    extras.push(null)
    return used++
  }
  const resultOf = (slot: number): string => extras[slot]?.result ?? verdictOfCode(codes[slot] as number)

  /**
   * The last articles read, decoded (the stories being copied come up again and again): a
   * fixed number, so the cost per article stays flat. Dropped when their slot is freed.
   */
  const decoded = new Map<number, IndexedArticle['paragraphs']>()
  const DECODED = 1024
  const paragraphsOf = (slot: number): IndexedArticle['paragraphs'] => {
    let paragraphs = decoded.get(slot)
    if (paragraphs) {
      decoded.delete(slot)
    } else {
      const blob = blobs[slot] as string
      const { fingerprints, paragraphsAt } = decodeArticleBlob(blob)
      const pairs: Array<readonly [string, number]> = []
      for (const f of fingerprints) pairs.push([nameOf(f), f.paragraph])
      paragraphs = withFingerprints(decodeParagraphs(blobBytes(blob, paragraphsAt)), pairs)
      if (decoded.size >= DECODED) decoded.delete(decoded.keys().next().value as number)
    }
    decoded.set(slot, paragraphs)
    return paragraphs
  }

  /** The 3 key words of a fingerprint: kind (0: 16 hex digits, 1: another string, numbered), then two words. */
  const keyOf = (fp: string): [number, number, number] => {
    if (HEX16.test(fp)) return [0, parseInt(fp.slice(0, 8), 16), parseInt(fp.slice(8), 16)]
    let n = names.get(fp)
    if (n === undefined) {
      names.set(fp, (n = names.size))
      nameList.push(fp)
    }
    return [1, n, 0]
  }
  const nameOf = (f: BlobFingerprint): string =>
    f.kind === 0 ? f.high.toString(16).padStart(8, '0') + f.low.toString(16).padStart(8, '0') : (nameList[f.high] as string)
  const siteNumber = (site: string): number => {
    let n = sites.get(site)
    if (n === undefined) {
      sites.set(site, (n = sites.size))
      siteNames.push(site)
    }
    return n
  }
  const countKey = (site: number, kind: number, high: number, low: number): [number, number, number] => [site * 2 + kind, high, low]
  /** The paragraph of the first of `slot`'s recorded fingerprints with this key. */
  const firstParagraph = (slot: number, kind: number, high: number, low: number): number => {
    // Read in place: asked for every fingerprint an earlier article holds (see blobParagraphOf).
    const paragraph = blobParagraphOf(blobs[slot] as string, kind, high, low)
    if (paragraph >= 0) return paragraph
    throw new Error('memory index: a first occurrence names an article without that fingerprint')
  }

  const assertOpen = (): void => {
    if (closed) throw new DedupeError('E_INDEX_CLOSED', 'The memory index is closed: create a new one')
  }

  return {
    kind: 'memory',
    async begin(id): Promise<IndexSession> {
      assertOpen()
      const started = version
      let done = false
      const known = verdicts.get(id)
      return {
        stored: known === undefined ? null : typeof known === 'string' ? known : known < 0 ? verdictOfCode(-1 - known) : resultOf(known),
        clock,
        async fingerprints(fps, site): Promise<FingerprintInfo[]> {
          const number = site === null ? undefined : sites.get(site)
          return fps.map((fp) => {
            const [kind, high, low] = keyOf(fp)
            const first = firstsOf(kind).get([high, low])
            const holder = first ? (first[0] as number) - 1 : -1
            let siteCount = 0
            if (number !== undefined) {
              const count = counts.get(countKey(number, kind, high, low))
              siteCount = (count ? (count[0] as number) : 0) + (holder >= 0 && siteOf[holder] === number ? 1 : 0)
            }
            return {
              first: holder >= 0 ? { article: ids[holder] as string, paragraph: firstParagraph(holder, kind, high, low) } : null,
              siteCount,
            }
          })
        },
        async candidates(bands): Promise<string[]> {
          const found = new Set<number>()
          bands.forEach((key, band) => {
            for (const member of buckets[band]?.getAll([key]) ?? []) found.add((member[0] as number) - 1)
          })
          // Lists built by push here and above: an inlined `map` hands back a holey array, and
          // the feed's code optimized for packed ones deoptimizes on it ("wrong map").
          const slots = [...found].sort((a, b) => (seqs[a] as number) - (seqs[b] as number))
          const named: string[] = []
          for (const slot of slots) named.push(ids[slot] as string)
          return named
        },
        async articles(wanted): Promise<IndexedArticle[]> {
          const out: IndexedArticle[] = []
          for (const id of wanted) {
            const slot = verdicts.get(id)
            if (typeof slot !== 'number' || slot < 0) continue
            const site = siteOf[slot] as number
            out.push({ id, seq: seqs[slot] as number, of: extras[slot]?.of ?? null, site: site < 0 ? null : (siteNames[site] as string), paragraphs: paragraphsOf(slot) })
          }
          return out
        },
        async commit(record): Promise<boolean> {
          if (done) throw new DedupeError('E_INDEX_CLOSED', 'This index session is over: begin a new one')
          done = true
          if (version !== started || verdicts.has(record.id)) return false
          version++
          const slot = allocate()
          const keys = record.fingerprints.map((f) => keyOf(f.fingerprint))
          const recorded = keys.map(([kind, high, low], i) => ({ kind, high, low, paragraph: (record.fingerprints[i] as { paragraph: number }).paragraph }))
          const number = record.site === null ? null : siteNumber(record.site)
          const code = record.of === null ? verdictCode(record.result) : null
          times[slot] = record.time
          seqs[slot] = ++seq
          siteOf[slot] = number ?? -1
          codes[slot] = code ?? 0
          ids[slot] = record.id
          blobs[slot] = encodeArticleBlob(record.bands, recorded, recordParagraphBytes(record))
          extras[slot] = code === null ? { result: record.result, of: record.of } : null
          verdicts.set(record.id, slot)
          held++
          record.bands.forEach((key, band) => {
            const table = (buckets[band] ??= new WordTable(1, 1))
            if (table.count([key], bucketLimit) < bucketLimit) table.insert([key], [slot + 1])
          })
          const seen = new Set<string>()
          record.fingerprints.forEach(({ fingerprint }, i) => {
            const [kind, high, low] = keys[i] as [number, number, number]
            if (seen.has(fingerprint)) return
            seen.add(fingerprint)
            const firsts = firstsOf(kind)
            const first = firsts.get([high, low])
            // The first holder's own site count is implied (see `counts`).
            if (!first) firsts.insert([high, low], [slot + 1])
            else if (number !== null) {
              const ck = countKey(number, kind, high, low)
              const count = counts.get(ck)
              if (count) count[0] = (count[0] as number) + 1
              else counts.insert(ck, [1])
            }
          })
          if (record.time > clock) clock = record.time
          heap.push(record.time, slot)
          return true
        },
        async release(): Promise<void> {
          done = true
        },
      }
    },
    async expire(cutoff): Promise<number> {
      assertOpen()
      let removed = 0
      while (heap.size > 0 && heap.least < cutoff) {
        const slot = heap.pop()
        const mark = slot + 1
        const { bands, fingerprints } = decodeArticleBlob(blobs[slot] as string)
        bands.forEach((key, band) => buckets[band]?.delete([key], (v) => v[0] === mark))
        const number = siteOf[slot] as number
        const seen = new Set<string>()
        for (const { kind, high, low } of fingerprints) {
          const name = `${kind}:${high}:${low}`
          if (seen.has(name)) continue
          seen.add(name)
          // Its first occurrences go; its site counts are those it does not hold first (see `counts`).
          if (!firstsOf(kind).delete([high, low], (v) => v[0] === mark) && number >= 0) {
            const ck = countKey(number, kind, high, low)
            const count = counts.get(ck)
            if (count && (count[0] as number) > 1) count[0] = (count[0] as number) - 1
            else counts.delete(ck)
          }
        }
        const extra = extras[slot]
        verdicts.set(ids[slot] as string, extra ? extra.result : -1 - (codes[slot] as number))
        decoded.delete(slot)
        ids[slot] = ''
        blobs[slot] = ''
        extras[slot] = null
        free.push(slot)
        held--
        removed++
      }
      if (removed > 0) version++
      return removed
    },
    async size(): Promise<number> {
      return held
    },
    async close(): Promise<void> {
      closed = true
    },
  }
}
