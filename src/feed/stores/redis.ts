import { Redis } from 'ioredis'
import type { IndexRecord, FeedIndex, FingerprintInfo, IndexSession, IndexedArticle } from '../types.js'
import { DEFAULT_BUCKET_LIMIT } from '../types.js'
import { decodeParagraphs, encodeParagraphs } from './record-codec.js'

/** Options of {@link createRedisIndex}. */
export interface RedisIndexOptions {
  /** Prefix of every key, so several indexes can share a database. @default 'news-dedup:' */
  prefix?: string
  /** Most ids per LSH bucket. @default 16 */
  bucketLimit?: number
}

/** Raises the stored clock to ARGV[1] if it is lower. */
const MAX_CLOCK = `local c = tonumber(redis.call('GET', KEYS[1]))
if not c or c < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], ARGV[1]) end
return 1`

/** Forgets up to ARGV[3] articles older than ARGV[1], each wholly, atomically. */
const EXPIRE = `local prefix = ARGV[2]
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
for _, id in ipairs(ids) do
  local a = prefix .. 'a:' .. id
  local f = redis.call('HMGET', a, 'site', 'member', 'bk', 'fps')
  if f[2] then
    for _, k in ipairs(cjson.decode(f[3])) do redis.call('LREM', k, 0, f[2]) end
    local seen = {}
    for _, pair in ipairs(cjson.decode(f[4])) do
      local fp = pair[1]
      local fk = prefix .. 'f:' .. fp
      local v = redis.call('GET', fk)
      if v and string.sub(v, 1, #id + 1) == id .. '\\n' then redis.call('DEL', fk) end
      if f[1] and not seen[fp] then
        seen[fp] = true
        local ck = prefix .. 'c:' .. fp .. ':' .. f[1]
        if redis.call('DECR', ck) <= 0 then redis.call('DEL', ck) end
      end
    end
  end
  redis.call('DEL', a)
  redis.call('ZREM', KEYS[1], id)
end
return #ids`

/**
 * An index in Redis, shared by any number of worker processes. Each article is judged
 * optimistically: the keys it read (its id, its paragraph fingerprints, its LSH buckets) are
 * WATCHed and everything is written in one MULTI/EXEC; if another worker changed one of
 * them meanwhile, EXEC fails and the article is judged again. So two workers getting copies
 * of one story at the same moment keep exactly one, and an article is recorded wholly or
 * not at all. Expiry runs as a Lua script, one article at a time, atomically.
 *
 * @param url `redis://[:password@]host[:port][/db]`.
 */
export function createRedisIndex(url: string, options: RedisIndexOptions = {}): FeedIndex {
  const prefix = options.prefix ?? 'news-dedup:'
  const bucketLimit = options.bucketLimit ?? DEFAULT_BUCKET_LIMIT
  const redis = new Redis(url, { maxRetriesPerRequest: 3 })
  const k = {
    article: (id: string) => `${prefix}a:${id}`,
    bucket: (band: number, key: number) => `${prefix}b:${band}:${key}`,
    first: (fp: string) => `${prefix}f:${fp}`,
    count: (fp: string, site: string) => `${prefix}c:${fp}:${site}`,
    times: `${prefix}t`,
    clock: `${prefix}clock`,
    seq: `${prefix}seq`,
  }

  return {
    kind: 'redis',
    async begin(id): Promise<IndexSession> {
      await redis.watch(k.article(id))
      let open = true
      const bucketSizes = new Map<string, number>()
      try {
        const [stored, clock] = await Promise.all([redis.hget(k.article(id), 'result'), redis.get(k.clock)])
        return {
          stored,
          clock: clock === null ? -Infinity : Number(clock),
          async fingerprints(fps, site): Promise<FingerprintInfo[]> {
            if (fps.length === 0) return []
            await redis.watch(...fps.map(k.first))
            const firsts = await redis.mget(...fps.map(k.first))
            const counts = site === null ? [] : await redis.mget(...fps.map((fp) => k.count(fp, site)))
            return fps.map((_, i) => {
              const first = firsts[i]
              const cut = first ? first.lastIndexOf('\n') : -1
              return {
                first: first && cut > 0 ? { article: first.slice(0, cut), paragraph: Number(first.slice(cut + 1)) } : null,
                siteCount: Number(counts[i] ?? 0),
              }
            })
          },
          async candidates(bands): Promise<string[]> {
            const keys = bands.map((key, band) => k.bucket(band, key))
            await redis.watch(...keys)
            const pipeline = redis.pipeline()
            for (const key of keys) pipeline.lrange(key, 0, bucketLimit - 1)
            const lists = (await pipeline.exec()) ?? []
            const found = new Map<string, number>()
            lists.forEach(([error, members], i) => {
              if (error) throw error
              const list = members as string[]
              bucketSizes.set(keys[i] as string, list.length)
              for (const member of list) {
                const tab = member.indexOf('\t')
                found.set(member.slice(tab + 1), Number(member.slice(0, tab)))
              }
            })
            return [...found].sort((a, b) => a[1] - b[1]).map(([candidate]) => candidate)
          },
          async articles(ids): Promise<IndexedArticle[]> {
            if (ids.length === 0) return []
            const pipeline = redis.pipeline()
            for (const candidate of ids) pipeline.hmgetBuffer(k.article(candidate), 'seq', 'of', 'paragraphs')
            const rows = (await pipeline.exec()) ?? []
            const out: IndexedArticle[] = []
            rows.forEach(([error, value], i) => {
              if (error) throw error
              const [seq, of, paragraphs] = value as Array<Buffer | null>
              if (seq === null || seq === undefined) return
              out.push({
                id: ids[i] as string,
                seq: Number(seq.toString()),
                of: of && of.length > 0 ? of.toString() : null,
                paragraphs: decodeParagraphs(paragraphs),
              })
            })
            return out
          },
          async commit(record: IndexRecord): Promise<boolean> {
            if (!open) throw new Error('This index session is over')
            open = false
            const seq = await redis.incr(k.seq)
            const member = `${seq}\t${record.id}`
            const pushed: string[] = []
            record.bands.forEach((key, band) => {
              const name = k.bucket(band, key)
              if ((bucketSizes.get(name) ?? 0) < bucketLimit) pushed.push(name)
            })
            const multi = redis.multi()
            multi.hset(k.article(record.id), {
              result: record.result,
              seq: String(seq),
              time: String(record.time),
              site: record.site ?? '',
              of: record.of ?? '',
              paragraphs: encodeParagraphs(record.paragraphs),
              member,
              bk: JSON.stringify(pushed),
              fps: JSON.stringify(record.fingerprints.map((f) => [f.fingerprint, f.paragraph])),
            })
            if (record.site === null) multi.hdel(k.article(record.id), 'site')
            for (const name of pushed) multi.rpush(name, member)
            const seen = new Set<string>()
            for (const { fingerprint, paragraph } of record.fingerprints) {
              multi.set(k.first(fingerprint), `${record.id}\n${paragraph}`, 'NX')
              if (record.site !== null && !seen.has(fingerprint)) {
                seen.add(fingerprint)
                multi.incr(k.count(fingerprint, record.site))
              }
            }
            multi.zadd(k.times, record.time, record.id)
            multi.eval(MAX_CLOCK, 1, k.clock, String(record.time))
            const result = await multi.exec()
            if (result === null) return false
            for (const [error] of result) if (error) throw error
            return true
          },
          async release(): Promise<void> {
            if (!open) return
            open = false
            await redis.unwatch()
          },
        }
      } catch (error) {
        if (open) await redis.unwatch()
        throw error
      }
    },
    async expire(cutoff): Promise<number> {
      let removed = 0
      for (;;) {
        const n = Number(await redis.eval(EXPIRE, 1, k.times, String(cutoff), prefix, '500'))
        removed += n
        if (n < 500) return removed
      }
    },
    async size(): Promise<number> {
      return redis.zcard(k.times)
    },
    async close(): Promise<void> {
      if (redis.status !== 'end') await redis.quit()
    },
  }
}
