import { DedupeError } from '../errors.js'
import type { FeedIndex, FingerprintInfo, IndexSession, IndexedArticle } from '../feed/types.js'
import { DEFAULT_BUCKET_LIMIT } from '../feed/types.js'
import { bytesToString, stringToBytes } from './packed-strings.js'
import { decodeParagraphs, encodeParagraphs, withFingerprints } from './record-codec.js'
import { WordTable } from './word-table.js'

/** Options of {@link createMemoryIndex}. */
export interface MemoryIndexOptions {
  /** Most ids per LSH bucket. @default 16 */
  bucketLimit?: number
}

/**
 * What the index holds of one article (issue 12: ~1.9 KB for an article of news size): its
 * compared paragraphs Rice-coded ({@link encodeParagraphs}), its fingerprints and band keys,
 * each as a one-byte string ({@link bytesToString}); decoded when a session reads it.
 */
interface Stored {
  id: string
  seq: number
  time: number
  site: string | null
  of: string | null
  paragraphs: string
  /** Per recorded fingerprint: its 3 key words (see `keyOf`) and its paragraph, 4 little-endian words. */
  fingerprints: string
  /** The band keys, 4 bytes each. */
  bands: string
  /** The fingerprints as given, for {@link IndexedArticle} (only for those that are not 16 hex digits). */
  names: string[] | null
}

const HEX16 = /^[0-9a-f]{16}$/

/** Little-endian words as a one-byte string, and back. */
const wordsToString = (words: Uint32Array): string => bytesToString(new Uint8Array(words.buffer, words.byteOffset, words.byteLength))
const stringToWords = (text: string): Uint32Array => new Uint32Array(stringToBytes(text).buffer)

/**
 * An index held in memory: fastest, lost when the process ends, one process only.
 * The default store of `createDeduplicator`. Compact (issue 12): first occurrences, site counts
 * and LSH buckets are records of 32-bit words in typed-array hash tables ({@link WordTable}), an
 * article's shingles are Rice-coded in a string, so the cost per article is flat, whatever the
 * number of articles.
 */
export function createMemoryIndex(options: MemoryIndexOptions = {}): FeedIndex {
  const bucketLimit = options.bucketLimit ?? DEFAULT_BUCKET_LIMIT
  const articles = new Map<string, Stored>()
  const bySeq = new Map<number, Stored>()
  /** Verdicts by id: kept when `expire` forgets the article's matching data. */
  const verdicts = new Map<string, string>()
  /** Per band: bucket key → seq of each member (a multimap). */
  const buckets: WordTable[] = []
  /**
   * Fingerprint → seq, paragraph of its first occurrence: a table for those of 16 hex digits (two
   * words), one for the others (numbered); see `keyOf`.
   */
  const firstsHex = new WordTable(2, 2)
  const firstsNamed = new WordTable(2, 2)
  const firsts = {
    table: (key: readonly number[]): WordTable => (key[0] === 0 ? firstsHex : firstsNamed),
    get: (key: readonly number[]) => firsts.table(key).get([key[1] as number, key[2] as number]),
    insert: (key: readonly number[], value: number[]) => firsts.table(key).insert([key[1] as number, key[2] as number], value),
    delete: (key: readonly number[], which: (value: Uint32Array) => boolean) => firsts.table(key).delete([key[1] as number, key[2] as number], which),
  }
  /** Site number × 2 + fingerprint kind, fingerprint words → count. */
  const counts = new WordTable(3, 1)
  /** Numbers of sites, and of fingerprints that are not 16 hex digits (kept for as long as the index). */
  const sites = new Map<string, number>()
  const names = new Map<string, number>()
  /** Min-heap of (time, seq) for expiry, in two growable arrays. */
  let heapTimes = new Float64Array(1024)
  let heapSeqs = new Float64Array(1024)
  let heapSize = 0
  let seq = 0
  let clock = -Infinity
  let version = 0
  let closed = false
  /**
   * The last articles read, decoded (the stories being copied come up again and again): a
   * fixed number, so the cost per article stays flat. Records never change once written.
   */
  const decoded = new Map<number, IndexedArticle['paragraphs']>()
  const DECODED = 1024
  const paragraphsOf = (a: Stored): IndexedArticle['paragraphs'] => {
    let paragraphs = decoded.get(a.seq)
    if (paragraphs) {
      decoded.delete(a.seq)
    } else {
      const pairs = fingerprintsOf(a).map((f) => [f.name, f.paragraph] as const)
      paragraphs = withFingerprints(decodeParagraphs(stringToBytes(a.paragraphs)), pairs)
      if (decoded.size >= DECODED) decoded.delete(decoded.keys().next().value as number)
    }
    decoded.set(a.seq, paragraphs)
    return paragraphs
  }

  /** The 3 key words of a fingerprint: kind (0: 16 hex digits, 1: another string, numbered), then two words. */
  const keyOf = (fp: string): [number, number, number] => {
    if (HEX16.test(fp)) return [0, parseInt(fp.slice(0, 8), 16), parseInt(fp.slice(8), 16)]
    let n = names.get(fp)
    if (n === undefined) names.set(fp, (n = names.size))
    return [1, n, 0]
  }
  const siteNumber = (site: string): number => {
    let n = sites.get(site)
    if (n === undefined) sites.set(site, (n = sites.size))
    return n
  }
  const countKey = (site: number, key: readonly number[]): [number, number, number] => [site * 2 + (key[0] as number), key[1] as number, key[2] as number]

  const less = (a: number, b: number): boolean =>
    (heapTimes[a] as number) < (heapTimes[b] as number) || (heapTimes[a] === heapTimes[b] && (heapSeqs[a] as number) < (heapSeqs[b] as number))
  const swap = (a: number, b: number): void => {
    const t = heapTimes[a] as number
    heapTimes[a] = heapTimes[b] as number
    heapTimes[b] = t
    const s = heapSeqs[a] as number
    heapSeqs[a] = heapSeqs[b] as number
    heapSeqs[b] = s
  }
  const push = (time: number, at: number): void => {
    if (heapSize === heapTimes.length) {
      const times = new Float64Array(heapSize * 2)
      times.set(heapTimes)
      heapTimes = times
      const seqs = new Float64Array(heapSize * 2)
      seqs.set(heapSeqs)
      heapSeqs = seqs
    }
    heapTimes[heapSize] = time
    heapSeqs[heapSize] = at
    let i = heapSize++
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!less(i, parent)) break
      swap(i, parent)
      i = parent
    }
  }
  const pop = (): number => {
    const top = heapSeqs[0] as number
    heapSize--
    if (heapSize > 0) {
      heapTimes[0] = heapTimes[heapSize] as number
      heapSeqs[0] = heapSeqs[heapSize] as number
      let i = 0
      for (;;) {
        const l = 2 * i + 1
        const r = l + 1
        let m = i
        if (l < heapSize && less(l, m)) m = l
        if (r < heapSize && less(r, m)) m = r
        if (m === i) break
        swap(i, m)
        i = m
      }
    }
    return top
  }
  const assertOpen = (): void => {
    if (closed) throw new DedupeError('E_INDEX_CLOSED', 'The memory index is closed: create a new one')
  }
  /** An article's recorded fingerprints: key words and paragraph. */
  const fingerprintsOf = (a: Stored): Array<{ key: number[]; paragraph: number; name: string }> => {
    const words = stringToWords(a.fingerprints)
    const out: Array<{ key: number[]; paragraph: number; name: string }> = []
    for (let i = 0, n = 0; i < words.length; i += 4, n++) {
      const key = [words[i] as number, words[i + 1] as number, words[i + 2] as number]
      const name = key[0] === 0 ? (key[1] as number).toString(16).padStart(8, '0') + (key[2] as number).toString(16).padStart(8, '0') : (a.names?.[n] ?? '')
      out.push({ key, paragraph: words[i + 3] as number, name })
    }
    return out
  }

  return {
    kind: 'memory',
    async begin(id): Promise<IndexSession> {
      assertOpen()
      const started = version
      let done = false
      return {
        stored: verdicts.get(id) ?? null,
        clock,
        async fingerprints(fps, site): Promise<FingerprintInfo[]> {
          const number = site === null ? undefined : sites.get(site)
          return fps.map((fp) => {
            const key = keyOf(fp)
            const first = firsts.get(key)
            const holder = first ? bySeq.get(first[0] as number) : undefined
            const count = number === undefined ? null : counts.get(countKey(number, key))
            return {
              first: first && holder ? { article: holder.id, paragraph: first[1] as number } : null,
              siteCount: count ? (count[0] as number) : 0,
            }
          })
        },
        async candidates(bands): Promise<string[]> {
          const found = new Set<number>()
          bands.forEach((key, band) => {
            for (const member of buckets[band]?.getAll([key]) ?? []) found.add(member[0] as number)
          })
          return [...found].sort((a, b) => a - b).map((s) => (bySeq.get(s) as Stored).id)
        },
        async articles(ids): Promise<IndexedArticle[]> {
          const out: IndexedArticle[] = []
          for (const id of ids) {
            const a = articles.get(id)
            if (!a) continue
            out.push({ id, seq: a.seq, of: a.of, site: a.site, paragraphs: paragraphsOf(a) })
          }
          return out
        },
        async commit(record): Promise<boolean> {
          if (done) throw new DedupeError('E_INDEX_CLOSED', 'This index session is over: begin a new one')
          done = true
          if (version !== started || verdicts.has(record.id)) return false
          version++
          const at = ++seq
          const keys = record.fingerprints.map((f) => keyOf(f.fingerprint))
          const packed = new Uint32Array(keys.length * 4)
          keys.forEach((key, i) => {
            packed.set(key, i * 4)
            packed[i * 4 + 3] = (record.fingerprints[i] as { paragraph: number }).paragraph
          })
          const stored: Stored = {
            id: record.id,
            seq: at,
            time: record.time,
            site: record.site,
            of: record.of,
            paragraphs: bytesToString(encodeParagraphs(record.paragraphs)),
            fingerprints: wordsToString(packed),
            bands: wordsToString(Uint32Array.from(record.bands)),
            names: keys.some((key) => key[0] === 1) ? record.fingerprints.map((f) => f.fingerprint) : null,
          }
          articles.set(record.id, stored)
          bySeq.set(at, stored)
          verdicts.set(record.id, record.result)
          record.bands.forEach((key, band) => {
            const table = (buckets[band] ??= new WordTable(1, 1))
            if (table.getAll([key]).length < bucketLimit) table.insert([key], [at])
          })
          const number = record.site === null ? null : siteNumber(record.site)
          const seen = new Set<string>()
          record.fingerprints.forEach(({ fingerprint, paragraph }, i) => {
            const key = keys[i] as [number, number, number]
            if (!firsts.get(key)) firsts.insert(key, [at, paragraph])
            if (number !== null && !seen.has(fingerprint)) {
              seen.add(fingerprint)
              const ck = countKey(number, key)
              const count = counts.get(ck)
              if (count) count[0] = (count[0] as number) + 1
              else counts.insert(ck, [1])
            }
          })
          if (record.time > clock) clock = record.time
          push(record.time, at)
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
      while (heapSize > 0 && (heapTimes[0] as number) < cutoff) {
        const a = bySeq.get(pop())
        if (!a) continue
        articles.delete(a.id)
        bySeq.delete(a.seq)
        decoded.delete(a.seq)
        removed++
        stringToWords(a.bands).forEach((key, band) => buckets[band]?.delete([key], (v) => v[0] === a.seq))
        const number = a.site === null ? null : (sites.get(a.site) ?? null)
        const seen = new Set<string>()
        for (const { key, name } of fingerprintsOf(a)) {
          firsts.delete(key, (v) => v[0] === a.seq)
          if (number !== null && !seen.has(name)) {
            seen.add(name)
            const ck = countKey(number, key)
            const count = counts.get(ck)
            if (count && (count[0] as number) > 1) count[0] = (count[0] as number) - 1
            else counts.delete(ck)
          }
        }
      }
      if (removed > 0) version++
      return removed
    },
    async size(): Promise<number> {
      return articles.size
    },
    async close(): Promise<void> {
      closed = true
    },
  }
}
