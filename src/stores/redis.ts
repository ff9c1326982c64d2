import { randomUUID } from 'node:crypto'
import { createRequire } from 'node:module'
import type { Redis, RedisOptions } from 'ioredis'
import { DedupeError } from '../errors.js'
import type { IndexRecord, FeedIndex, FingerprintInfo, IndexSession, IndexedArticle } from '../feed/types.js'
import { DEFAULT_BUCKET_LIMIT } from '../feed/types.js'
import { decodeParagraphs, encodeParagraphs, withFingerprints } from './record-codec.js'

/** Options of {@link createRedisIndex}. */
export interface RedisIndexOptions {
  /** Prefix of every key, so several indexes can share a database. @default 'news-dedup:' */
  prefix?: string
  /** Most ids per LSH bucket. @default 16 */
  bucketLimit?: number
  /** Most milliseconds to wait for the first connection (TCP connect and ready check). @default 5000 */
  connectTimeout?: number
  /**
   * Whether opening an index that has no identity yet creates it. An index's identity is a
   * random key (`<prefix>epoch`) written when it is created; every session and every commit
   * checks it, so a worker whose index was emptied or replaced under it (a restart without
   * persistence, `FLUSHALL`, a failover to an empty or lagging replica) fails with
   * `E_INDEX_LOST` instead of judging against what is left. `false`: an index without identity
   * is refused too (`E_INDEX_LOST` when connecting), so workers restarted after such a loss
   * wait for the operator to create the index again on purpose (with `create: true`).
   * @default true
   */
  create?: boolean
}

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
 * Records one article if nothing its session read has changed; returns its seq, else 0 and
 * writes nothing; -1 when the index is not the one the worker opened (its identity key is
 * missing or another: emptied or replaced). Checking and writing run as one script, so no
 * other client can come in between, whatever happened to the connection since the reads.
 * The verdict goes to a key of its own (`v:<id>`), which expiry never deletes.
 *
 * KEYS: the article, the times set, the clock, the seq counter, the verdict, the identity, then the checked string keys,
 * article keys and buckets, then the buckets, first-occurrence and site-count keys to write.
 * ARGV: id, time, site (`v` + site, or '' for none), of, result, paragraphs, fps, bucket
 * limit, then six counts (checked strings, articles, buckets; written buckets, firsts,
 * counts), the identity, then the values read (`v` + value, or '' when missing; a bucket as its length
 * then its members), then the first-occurrence values.
 */
const COMMIT = `if redis.call('GET', KEYS[6]) ~= ARGV[15] then return -1 end
local limit = tonumber(ARGV[8])
local k, a = 6, 15
local function key() k = k + 1 return KEYS[k] end
local function arg() a = a + 1 return ARGV[a] end
local function held(v) if v then return 'v' .. v end return '' end
for _ = 1, tonumber(ARGV[9]) do
  if held(redis.call('GET', key())) ~= arg() then return 0 end
end
for _ = 1, tonumber(ARGV[10]) do
  if held(redis.call('HGET', key(), 'seq')) ~= arg() then return 0 end
end
for _ = 1, tonumber(ARGV[11]) do
  local list = redis.call('LRANGE', key(), 0, limit - 1)
  local n = tonumber(arg())
  if #list ~= n then return 0 end
  for i = 1, n do if list[i] ~= arg() then return 0 end end
end
local id, time, site = ARGV[1], ARGV[2], ARGV[3]
local seq = redis.call('INCR', KEYS[4])
local member = seq .. '\\t' .. id
local pushed = {}
for _ = 1, tonumber(ARGV[12]) do
  local bucket = key()
  if redis.call('LLEN', bucket) < limit then
    redis.call('RPUSH', bucket, member)
    pushed[#pushed + 1] = bucket
  end
end
local bk = '[]'
if #pushed > 0 then bk = cjson.encode(pushed) end
redis.call('DEL', KEYS[1])
redis.call('SET', KEYS[5], ARGV[5])
redis.call('HSET', KEYS[1], 'seq', seq, 'time', time, 'of', ARGV[4],
  'paragraphs', ARGV[6], 'member', member, 'bk', bk, 'fps', ARGV[7])
if site ~= '' then redis.call('HSET', KEYS[1], 'site', string.sub(site, 2)) end
for _ = 1, tonumber(ARGV[13]) do redis.call('SET', key(), arg(), 'NX') end
for _ = 1, tonumber(ARGV[14]) do redis.call('INCR', key()) end
redis.call('ZADD', KEYS[2], time, id)
local clock = tonumber(redis.call('GET', KEYS[3]))
if not clock or clock < tonumber(time) then redis.call('SET', KEYS[3], time) end
return seq`

/** A client with the commit script defined on it. */
interface ScriptedRedis extends Redis {
  dedupCommit(numKeys: number, ...keysAndArgs: Array<string | Buffer>): Promise<number>
}

/** Key names of one index. */
type Keys = ReturnType<typeof keysOf>

/** The key names of an index whose keys start with `prefix`. */
function keysOf(prefix: string) {
  return {
    article: (id: string) => `${prefix}a:${id}`,
    bucket: (band: number, key: number) => `${prefix}b:${band}:${key}`,
    first: (fp: string) => `${prefix}f:${fp}`,
    count: (fp: string, site: string) => `${prefix}c:${fp}:${site}`,
    verdict: (id: string) => `${prefix}v:${id}`,
    epoch: `${prefix}epoch`,
    times: `${prefix}t`,
    clock: `${prefix}clock`,
    seq: `${prefix}seq`,
  }
}

/**
 * What a session read, by key, for the commit script to check unchanged: string keys (first
 * occurrences, site counts), the `seq` of article hashes (`null`: no such article), buckets.
 * `torn` when one key read twice gave two values: the reads disagree, the commit is refused.
 */
interface ReadSet {
  strings: Map<string, string | null>
  articles: Map<string, string | null>
  buckets: Map<string, string[]>
  torn: boolean
}

/** Notes that `key` held `value`; a different value read earlier tears the read set. */
function note<T>(reads: ReadSet, map: Map<string, T>, key: string, value: T): void {
  const earlier = map.get(key)
  if (map.has(key) && JSON.stringify(earlier) !== JSON.stringify(value)) reads.torn = true
  map.set(key, value)
}

/** A value read, as the commit script compares it: `v` + value, or '' when missing. */
const held = (value: string | null): string => (value === null ? '' : `v${value}`)

/** KEYS and ARGV of {@link COMMIT} for `record`, checking `reads`. */
function commitArguments(
  k: Keys,
  record: IndexRecord,
  reads: ReadSet,
  bucketLimit: number,
  epoch: string,
): { keys: string[]; args: Array<string | Buffer> } {
  const buckets = record.bands.map((key, band) => k.bucket(band, key))
  const firsts = record.fingerprints.map(({ fingerprint, paragraph }) => [k.first(fingerprint), `${record.id}\n${paragraph}`])
  const site = record.site
  const counts = site === null ? [] : [...new Set(record.fingerprints.map((f) => f.fingerprint))].map((fp) => k.count(fp, site))
  const keys = [
    k.article(record.id),
    k.times,
    k.clock,
    k.seq,
    k.verdict(record.id),
    k.epoch,
    ...reads.strings.keys(),
    ...reads.articles.keys(),
    ...reads.buckets.keys(),
    ...buckets,
    ...firsts.map(([key]) => key as string),
    ...counts,
  ]
  const args: Array<string | Buffer> = [
    record.id,
    String(record.time),
    site === null ? '' : `v${site}`,
    record.of ?? '',
    record.result,
    encodeParagraphs(record.paragraphs),
    JSON.stringify(record.fingerprints.map((f) => [f.fingerprint, f.paragraph])),
    String(bucketLimit),
    ...[reads.strings.size, reads.articles.size, reads.buckets.size, buckets.length, firsts.length, counts.length].map(String),
    epoch,
    ...[...reads.strings.values()].map(held),
    ...[...reads.articles.values()].map(held),
    ...[...reads.buckets.values()].flatMap((members) => [String(members.length), ...members]),
    ...firsts.map(([, value]) => value as string),
  ]
  return { keys, args }
}

/** Hides the password of a Redis URL, for messages. */
function redactUrl(url: string): string {
  return url.replace(/^(rediss?:\/\/[^:@/]*:)[^@/]*@/i, '$1***@')
}

/** The error of an index that cannot be reached. */
function unavailable(url: string, cause: unknown): DedupeError {
  const reason = cause instanceof Error ? cause.message : String(cause)
  return new DedupeError('E_INDEX_UNAVAILABLE', `Cannot use the Redis index at ${redactUrl(url)}: ${reason}`, { cause })
}

/** Whether an ioredis error means the server is out of reach (not a command error). */
function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false
  const code = (error as { code?: unknown }).code
  return (
    error.name === 'MaxRetriesPerRequestError' ||
    error.message === 'Connection is closed.' ||
    (typeof code === 'string' && /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN)$/.test(code))
  )
}

/**
 * ioredis, loaded when a Redis index is opened: it is an optional dependency, so a `clean()`
 * user does not install a Redis client, and its absence is a clear error.
 * @throws {DedupeError} `E_INDEX_UNAVAILABLE` when the package cannot be loaded.
 */
function loadClient(url: string): new (url: string, options: RedisOptions) => Redis {
  try {
    return (createRequire(import.meta.url)('ioredis') as { Redis: new (url: string, options: RedisOptions) => Redis }).Redis
  } catch (cause) {
    throw unavailable(url, new Error(
      'the Redis index needs the optional dependency ioredis 5.x, which could not be loaded: install it with `npm install ioredis@5`',
      { cause }))
  }
}

/**
 * A client whose first connection is tried once, for at most `timeout` ms: `ready` rejects
 * with an `E_INDEX_UNAVAILABLE` {@link DedupeError} and the client ends. Once connected,
 * a dropped connection is re-established (commands wait for it, up to three retries).
 */
function connectOnce(url: string, timeout: number): { redis: ScriptedRedis; ready: Promise<void> } {
  const Client = loadClient(url)
  let connected = false
  let lastError: unknown = new Error('the connection closed')
  const redis = new Client(url, {
    connectTimeout: timeout,
    maxRetriesPerRequest: 3,
    retryStrategy: (times) => (connected ? Math.min(times * 100, 2000) : null),
  }) as ScriptedRedis
  redis.defineCommand('dedupCommit', { lua: COMMIT })
  // Errors reach the commands that fail; a listener keeps ioredis from printing them.
  redis.on('error', (error: unknown) => (lastError = error))
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(unavailable(url, new Error(`no answer within ${timeout} ms`)))
      redis.disconnect()
    }, timeout)
    redis.once('ready', () => {
      connected = true
      clearTimeout(timer)
      resolve()
    })
    redis.once('end', () => {
      clearTimeout(timer)
      reject(unavailable(url, lastError))
    })
  })
  ready.catch(() => {})
  return { redis, ready }
}

/** Runs `step`, turning a lost connection into an `E_INDEX_UNAVAILABLE` error. */
async function guarded<T>(url: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step()
  } catch (error) {
    throw isConnectionError(error) ? unavailable(url, error) : error
  }
}

/**
 * An index in Redis, shared by any number of worker processes. Each article is judged
 * optimistically: its session remembers every value it read (its id, its paragraphs' first
 * occurrences and site counts, its LSH buckets, the candidate articles), and the commit is
 * one Lua script that checks them all unchanged and then writes everything (article, buckets,
 * first occurrences, site counts, times, clock) — or writes nothing and returns `false`, and
 * the article is judged again. The check travels with the writes, so no reconnect or resent
 * command can apply a commit against state its reads did not see: two workers getting
 * copies of one story at the same moment keep exactly one, and an article is recorded
 * wholly or not at all. The clock is raised atomically but not checked (it only decides
 * when to expire, and expired candidates are caught by the article check). Expiry runs as
 * a Lua script, one article at a time, atomically.
 *
 * Verdicts have keys of their own (`v:<id>`) that expiry never deletes. The index has an
 * identity (see {@link RedisIndexOptions.create}) checked by every session and commit, and each
 * worker remembers the highest article number it saw: an index emptied, replaced or rolled back
 * under a worker makes every call fail with `E_INDEX_LOST`, for good in that worker.
 *
 * The first connection is tried once (see {@link RedisIndexOptions.connectTimeout}): when it
 * fails, every call rejects at once with an `E_INDEX_UNAVAILABLE` {@link DedupeError}. Use
 * {@link connectRedisIndex} to find out before the first article.
 *
 * @param url `redis://[:password@]host[:port][/db]`.
 */
export function createRedisIndex(url: string, options: RedisIndexOptions = {}): FeedIndex {
  return openRedisIndex(url, options).index
}

/**
 * {@link createRedisIndex}, once its first connection is up.
 *
 * @throws {DedupeError} `E_INDEX_UNAVAILABLE`, naming the URL, when Redis cannot be reached.
 */
export async function connectRedisIndex(url: string, options: RedisIndexOptions = {}): Promise<FeedIndex> {
  const { index, ready } = openRedisIndex(url, options)
  try {
    await ready
  } catch (error) {
    await index.close()
    throw error
  }
  return index
}

/** The index and the promise of its first connection. */
function openRedisIndex(url: string, options: RedisIndexOptions): { index: FeedIndex; ready: Promise<unknown> } {
  const prefix = options.prefix ?? 'news-dedup:'
  const k = keysOf(prefix)
  const bucketLimit = options.bucketLimit ?? DEFAULT_BUCKET_LIMIT
  const { redis, ready: connected } = connectOnce(url, options.connectTimeout ?? 5000)
  // The index's identity, created (when asked) and read once connected.
  const ready = connected.then(() => guarded(url, () => identify(redis, k, url, options.create ?? true)))
  ready.catch(() => {})
  const state: IndexState = { epoch: '', highestSeq: 0, lost: null }
  const opened = async (): Promise<void> => {
    state.epoch = await ready
    if (state.lost) throw state.lost
  }
  const index: FeedIndex = {
    kind: 'redis',
    begin: (id) =>
      guarded(url, async () => {
        await opened()
        return beginSession(redis, k, id, { url, bucketLimit, state })
      }),
    expire: (cutoff) =>
      guarded(url, async () => {
        await opened()
        let removed = 0
        for (;;) {
          const n = Number(await redis.eval(EXPIRE, 1, k.times, String(cutoff), prefix, '500'))
          removed += n
          if (n < 500) return removed
        }
      }),
    size: () =>
      guarded(url, async () => {
        await opened()
        return redis.zcard(k.times)
      }),
    async close(): Promise<void> {
      if (redis.status === 'ready') await redis.quit()
      else if (redis.status !== 'end') redis.disconnect()
    },
  }
  return { index, ready }
}

/** What a worker knows of the index it opened, to tell when it was emptied or replaced. */
interface IndexState {
  /** The identity read when opened. */
  epoch: string
  /** The highest article seq this worker has seen: a smaller one means the index went back in time. */
  highestSeq: number
  /** Set once the index is found lost: every later call fails with it. */
  lost: DedupeError | null
}

/** The error of an index that is no longer the one a worker opened. */
function lost(url: string, k: Keys, why: string): DedupeError {
  return new DedupeError(
    'E_INDEX_LOST',
    `The Redis index at ${redactUrl(url)} (key ${k.epoch}) ${why}: its earlier verdicts are gone, so no article is judged against it. ` +
      'Start again on purpose once you know why (see the README, "Redis: settings and a lost index"): open it with `create: true` ' +
      '(the CLI does by default, unless `--existing-index`), which gives the emptied index a new identity',
  )
}

/**
 * Reads the index's identity, first writing a new random one when it has none and `create`
 * is set (`SET NX`: of workers racing to create an index, all get the same one).
 * @throws {DedupeError} `E_INDEX_LOST` when there is none and `create` is `false`.
 */
async function identify(redis: Redis, k: Keys, url: string, create: boolean): Promise<string> {
  if (create) await redis.set(k.epoch, randomUUID(), 'NX')
  const epoch = await redis.get(k.epoch)
  if (epoch === null) throw lost(url, k, 'has no identity (it was emptied, or never created) and `create` is false')
  return epoch
}

/** Reads the article's own state and returns its session, after checking the index is still the one opened. */
async function beginSession(
  redis: ScriptedRedis,
  k: Keys,
  id: string,
  { url, bucketLimit, state }: { url: string; bucketLimit: number; state: IndexState },
): Promise<IndexSession> {
  const reads: ReadSet = { strings: new Map(), articles: new Map(), buckets: new Map(), torn: false }
  // One transaction: the verdict read is from the index whose identity is checked.
  const replies = (await redis.multi().get(k.epoch).get(k.seq).get(k.verdict(id)).hget(k.article(id), 'seq').get(k.clock).exec()) ?? []
  const [epoch, highest, stored, seq, clock] = replies.map(([error, value]) => {
    if (error) throw error
    return value as string | null
  })
  if (epoch !== state.epoch) {
    state.lost = lost(url, k, epoch === null ? 'was emptied since this worker opened it' : 'was replaced by another index since this worker opened it')
  } else if (Number(highest ?? 0) < state.highestSeq) {
    state.lost = lost(url, k, `went back in time (it holds articles up to #${Number(highest ?? 0)}; this worker saw #${state.highestSeq})`)
  }
  if (state.lost) throw state.lost
  state.highestSeq = Math.max(state.highestSeq, Number(highest ?? 0))
  note(reads, reads.strings, k.verdict(id), stored ?? null)
  note(reads, reads.articles, k.article(id), seq ?? null)
  let open = true
  return {
    stored: stored ?? null,
    clock: clock === null ? -Infinity : Number(clock),
    fingerprints: (fps, site) => guarded(url, () => readFingerprints(redis, k, reads, fps, site)),
    candidates: (bands) => guarded(url, () => readCandidates(redis, k, reads, bands, bucketLimit)),
    articles: (ids) => guarded(url, () => readArticles(redis, k, reads, ids)),
    async commit(record: IndexRecord): Promise<boolean> {
      if (!open) throw new DedupeError('E_INDEX_CLOSED', 'This index session is over: begin a new one')
      open = false
      if (reads.torn) return false
      const { keys, args } = commitArguments(k, record, reads, bucketLimit, state.epoch)
      const seq = await guarded(url, () => redis.dedupCommit(keys.length, ...keys, ...args))
      if (seq === -1) {
        state.lost = lost(url, k, 'was emptied or replaced since this worker opened it')
        throw state.lost
      }
      if (seq > 0) state.highestSeq = Math.max(state.highestSeq, seq)
      return seq > 0
    },
    async release(): Promise<void> {
      open = false
    },
  }
}

/** First occurrences and site counts of `fps`, noted in `reads`. */
async function readFingerprints(
  redis: Redis,
  k: Keys,
  reads: ReadSet,
  fps: readonly string[],
  site: string | null,
): Promise<FingerprintInfo[]> {
  if (fps.length === 0) return []
  const countKeys = site === null ? [] : fps.map((fp) => k.count(fp, site))
  const [firsts, counts] = await Promise.all([redis.mget(...fps.map(k.first)), countKeys.length ? redis.mget(...countKeys) : []])
  return fps.map((fp, i) => {
    const first = firsts[i] ?? null
    note(reads, reads.strings, k.first(fp), first)
    if (site !== null) note(reads, reads.strings, countKeys[i] as string, counts[i] ?? null)
    const cut = first ? first.lastIndexOf('\n') : -1
    return {
      first: first && cut > 0 ? { article: first.slice(0, cut), paragraph: Number(first.slice(cut + 1)) } : null,
      siteCount: Number(counts[i] ?? 0),
    }
  })
}

/** Members of the article's LSH buckets (each bucket noted in `reads`), earliest first. */
async function readCandidates(
  redis: Redis,
  k: Keys,
  reads: ReadSet,
  bands: readonly number[],
  bucketLimit: number,
): Promise<string[]> {
  const keys = bands.map((key, band) => k.bucket(band, key))
  const pipeline = redis.pipeline()
  for (const key of keys) pipeline.lrange(key, 0, bucketLimit - 1)
  const lists = (await pipeline.exec()) ?? []
  const found = new Map<string, number>()
  lists.forEach(([error, members], i) => {
    if (error) throw error
    const list = members as string[]
    note(reads, reads.buckets, keys[i] as string, list)
    for (const member of list) {
      const tab = member.indexOf('\t')
      found.set(member.slice(tab + 1), Number(member.slice(0, tab)))
    }
  })
  return [...found].sort((a, b) => a[1] - b[1]).map(([candidate]) => candidate)
}

/** The stored articles among `ids`, the `seq` of each (or its absence) noted in `reads`. */
async function readArticles(redis: Redis, k: Keys, reads: ReadSet, ids: readonly string[]): Promise<IndexedArticle[]> {
  if (ids.length === 0) return []
  const pipeline = redis.pipeline()
  for (const candidate of ids) pipeline.hmgetBuffer(k.article(candidate), 'seq', 'of', 'paragraphs', 'site', 'fps')
  const rows = (await pipeline.exec()) ?? []
  const out: IndexedArticle[] = []
  rows.forEach(([error, value], i) => {
    if (error) throw error
    const id = ids[i] as string
    const [seq, of, paragraphs, site, fps] = value as Array<Buffer | null>
    note(reads, reads.articles, k.article(id), seq ? seq.toString() : null)
    if (seq === null || seq === undefined) return
    out.push({
      id,
      seq: Number(seq.toString()),
      of: of && of.length > 0 ? of.toString() : null,
      site: site ? site.toString() : null,
      paragraphs: withFingerprints(decodeParagraphs(paragraphs), fps ? (JSON.parse(fps.toString()) as Array<[string, number]>) : []),
    })
  })
  return out
}
