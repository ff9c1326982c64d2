import { DedupeError } from '../errors.js'
import type { IndexRecord, FeedIndex, FingerprintInfo, IndexSession, IndexedArticle, ParagraphRef } from '../feed/types.js'
import { DEFAULT_BUCKET_LIMIT } from '../feed/types.js'
import { withFingerprints } from './record-codec.js'

/** Options of {@link createMemoryIndex}. */
export interface MemoryIndexOptions {
  /** Most ids per LSH bucket. @default 16 */
  bucketLimit?: number
}

interface Stored extends IndexRecord {
  seq: number
  /** `paragraphs` with their fingerprints, as {@link IndexedArticle} gives them. */
  indexed: IndexedArticle['paragraphs']
}

/** A Map split in shards: V8 Maps hold at most 2^24 entries, a feed's paragraphs can exceed that. */
class ShardedMap<V> {
  private readonly shards: Array<Map<string, V>> = []
  constructor(private readonly count = 64) {
    for (let i = 0; i < count; i++) this.shards.push(new Map())
  }
  private shard(key: string): Map<string, V> {
    let h = 0
    for (let i = key.length - 1; i >= Math.max(0, key.length - 8); i--) h = (h * 31 + key.charCodeAt(i)) | 0
    return this.shards[(h >>> 0) % this.count] as Map<string, V>
  }
  get(key: string): V | undefined {
    return this.shard(key).get(key)
  }
  set(key: string, value: V): void {
    this.shard(key).set(key, value)
  }
  delete(key: string): void {
    this.shard(key).delete(key)
  }
}

/**
 * An index held in memory: fastest, lost when the process ends, one process only.
 * The default store of `createDeduplicator`.
 */
export function createMemoryIndex(options: MemoryIndexOptions = {}): FeedIndex {
  const bucketLimit = options.bucketLimit ?? DEFAULT_BUCKET_LIMIT
  const articles = new Map<string, Stored>()
  /** Verdicts by id: kept when `expire` forgets the article's matching data. */
  const verdicts = new Map<string, string>()
  const buckets: Array<Map<number, string[]>> = []
  const firsts = new ShardedMap<ParagraphRef>()
  const counts = new ShardedMap<number>()
  /** Min-heap of [time, seq, id] for expiry. */
  const heap: Array<[number, number, string]> = []
  let seq = 0
  let clock = -Infinity
  let version = 0
  let closed = false

  const less = (a: [number, number, string], b: [number, number, string]): boolean =>
    a[0] < b[0] || (a[0] === b[0] && a[1] < b[1])
  const push = (item: [number, number, string]): void => {
    heap.push(item)
    let i = heap.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!less(heap[i]!, heap[parent]!)) break
      ;[heap[i], heap[parent]] = [heap[parent]!, heap[i]!]
      i = parent
    }
  }
  const pop = (): [number, number, string] | undefined => {
    const top = heap[0]
    const last = heap.pop()
    if (heap.length > 0 && last) {
      heap[0] = last
      let i = 0
      for (;;) {
        const l = 2 * i + 1
        const r = l + 1
        let m = i
        if (l < heap.length && less(heap[l]!, heap[m]!)) m = l
        if (r < heap.length && less(heap[r]!, heap[m]!)) m = r
        if (m === i) break
        ;[heap[i], heap[m]] = [heap[m]!, heap[i]!]
        i = m
      }
    }
    return top
  }
  const siteKey = (site: string, fingerprint: string): string => site + '\u0000' + fingerprint
  const assertOpen = (): void => {
    if (closed) throw new DedupeError('E_INDEX_CLOSED', 'The memory index is closed: create a new one')
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
          return fps.map((fp) => ({
            first: firsts.get(fp) ?? null,
            siteCount: site === null ? 0 : (counts.get(siteKey(site, fp)) ?? 0),
          }))
        },
        async candidates(bands): Promise<string[]> {
          const found = new Set<string>()
          bands.forEach((key, band) => {
            for (const id of buckets[band]?.get(key) ?? []) found.add(id)
          })
          return [...found].sort((a, b) => articles.get(a)!.seq - articles.get(b)!.seq)
        },
        async articles(ids): Promise<IndexedArticle[]> {
          const out: IndexedArticle[] = []
          for (const id of ids) {
            const a = articles.get(id)
            if (a) out.push({ id, seq: a.seq, of: a.of, site: a.site, paragraphs: a.indexed })
          }
          return out
        },
        async commit(record): Promise<boolean> {
          if (done) throw new DedupeError('E_INDEX_CLOSED', 'This index session is over: begin a new one')
          done = true
          if (version !== started || verdicts.has(record.id)) return false
          version++
          const indexed = withFingerprints(record.paragraphs, record.fingerprints.map((f) => [f.fingerprint, f.paragraph] as const))
          const stored: Stored = { ...record, seq: ++seq, indexed }
          articles.set(record.id, stored)
          verdicts.set(record.id, record.result)
          record.bands.forEach((key, band) => {
            const map = (buckets[band] ??= new Map())
            const list = map.get(key)
            if (!list) map.set(key, [record.id])
            else if (list.length < bucketLimit) list.push(record.id)
          })
          const seen = new Set<string>()
          for (const { fingerprint, paragraph } of record.fingerprints) {
            if (!firsts.get(fingerprint)) firsts.set(fingerprint, { article: record.id, paragraph })
            if (record.site !== null && !seen.has(fingerprint)) {
              seen.add(fingerprint)
              const key = siteKey(record.site, fingerprint)
              counts.set(key, (counts.get(key) ?? 0) + 1)
            }
          }
          if (record.time > clock) clock = record.time
          push([record.time, stored.seq, record.id])
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
      while (heap.length > 0 && heap[0]![0] < cutoff) {
        const [, , id] = pop()!
        const a = articles.get(id)
        if (!a) continue
        articles.delete(id)
        removed++
        a.bands.forEach((key, band) => {
          const map = buckets[band]
          const list = map?.get(key)
          if (!map || !list) return
          const rest = list.filter((x) => x !== id)
          if (rest.length === 0) map.delete(key)
          else map.set(key, rest)
        })
        const seen = new Set<string>()
        for (const { fingerprint } of a.fingerprints) {
          if (firsts.get(fingerprint)?.article === id) firsts.delete(fingerprint)
          if (a.site !== null && !seen.has(fingerprint)) {
            seen.add(fingerprint)
            const key = siteKey(a.site, fingerprint)
            const n = (counts.get(key) ?? 0) - 1
            if (n > 0) counts.set(key, n)
            else counts.delete(key)
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
