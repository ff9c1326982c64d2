import { randomUUID } from 'node:crypto'
import { createRequire } from 'node:module'
import type { Redis, RedisOptions } from 'ioredis'
import { DedupeError } from '../errors.js'
import type { IndexRecord, FeedIndex, FingerprintInfo, IndexSession, IndexedArticle, SessionHint } from '../feed/types.js'
import { DEFAULT_BUCKET_LIMIT } from '../feed/types.js'
import { hash32 } from '../text/hash.js'
import { decodeFingerprints, encodeFingerprints, fingerprintKey } from './fingerprint-keys.js'
import { paragraphsBuffer } from './paragraphs-buffer.js'
import { decodeParagraphs, recordParagraphBytes, withFingerprints } from './record-codec.js'
import { resolveRedisShards } from './redis-shards.js'

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
  /**
   * Number of Redis hashes each of the LSH buckets, the first occurrences and the site counts is
   * spread over, fixed when the index is created (an existing index keeps its own; this is read
   * only by the worker that creates it). Redis stores a hash of up to `hash-max-listpack-entries`
   * (128 by default) small fields as one compact listpack, a few bytes per field; a larger one
   * costs about 60 bytes per field. The index stays compact while articles in the window × 16 /
   * `shards` is under that limit: the default suits windows of up to ~8,000 articles; for a
   * million, use 131072 (see the README, "Sizing"); the CLI's `--shards`.
   * @default 1024
   */
  shards?: number
}

/** The layout of the keys (`<prefix>layout`). 2 (issue 12): compact, hashes spread in shards; 1 (no `layout` key): one key per bucket, fingerprint and article, refused. */
const LAYOUT = '2'

/**
 * Creates the index's identity, layout and shard count when it has none (every `SET NX`, so of
 * workers racing to create an index all get the same ones), unless it is of an older layout.
 * KEYS: epoch, layout, shards. ARGV: a new identity, the layout, the shard count, create (1/0).
 * Returns `{epoch, layout, shards}` as they are after it (layout `'1'` for an index written
 * before layouts were named).
 */
const IDENTIFY = `if redis.call('EXISTS', KEYS[1]) == 1 and redis.call('EXISTS', KEYS[2]) == 0 then
  return {redis.call('GET', KEYS[1]), '1', ''}
end
if ARGV[4] == '1' then
  redis.call('SET', KEYS[1], ARGV[1], 'NX')
  redis.call('SET', KEYS[2], ARGV[2], 'NX')
  redis.call('SET', KEYS[3], ARGV[3], 'NX')
end
return {redis.call('GET', KEYS[1]) or '', redis.call('GET', KEYS[2]) or '', redis.call('GET', KEYS[3]) or ''}`

/**
 * Records one article if nothing its session read has changed; returns its seq, else 0 and
 * writes nothing; -1 when the index is not the one the worker opened (its identity key is
 * missing or another: emptied or replaced). Checking and writing run as one script, so no
 * other client can come in between, whatever happened to the connection since the reads.
 *
 * KEYS: times, clock, seq counter, the verdict, the identity, sites, site counter; then the hashes of the checked
 * fields, the checked articles, then the hashes written: buckets, first occurrences, site counts.
 * ARGV: time, result, article (see {@link encodeArticle}), bucket limit, five counts (checked
 * fields, checked articles, buckets, firsts, counts), identity, prefix, site; then per checked
 * field its name and the value read (`v` + value, or '' when missing); per bucket its field; per
 * first occurrence its field and paragraph; per site count its fingerprint's key (the field is
 * the site's number, given here to a site recorded for the first time, `:` and that key).
 *
 * The article goes to `a:<seq>` with the bands it did not join in front (a bucket holds at most
 * `limit` articles), so that expiry removes it from those it joined only; a bucket is a hash
 * field listing its articles' seqs, `,`-separated, earliest first; a first occurrence is
 * `<seq>:<paragraph>`. The verdict (`v:<id>`, which expiry never deletes) is `<seq>\\n<result>`.
 */
const COMMIT = `if redis.call('GET', KEYS[5]) ~= ARGV[10] then return -1 end
local site = ARGV[12]
if redis.call('EXISTS', KEYS[4]) == 1 then return 0 end
local limit = tonumber(ARGV[4])
local k, a = 7, 12
local function key() k = k + 1 return KEYS[k] end
local function arg() a = a + 1 return ARGV[a] end
local function held(v) if v then return 'v' .. v end return '' end
for _ = 1, tonumber(ARGV[5]) do
  local h, field = key(), arg()
  if held(redis.call('HGET', h, field)) ~= arg() then return 0 end
end
for _ = 1, tonumber(ARGV[6]) do
  if redis.call('EXISTS', key()) == 0 then return 0 end
end
local seq = redis.call('INCR', KEYS[3])
local left = {}
for band = 0, tonumber(ARGV[7]) - 1 do
  local h, field = key(), arg()
  local members = redis.call('HGET', h, field)
  if not members then
    redis.call('HSET', h, field, seq)
  else
    local _, commas = string.gsub(members, ',', '')
    if commas + 1 < limit then redis.call('HSET', h, field, members .. ',' .. seq) else left[#left + 1] = band end
  end
end
for _ = 1, tonumber(ARGV[8]) do
  local h, field = key(), arg()
  redis.call('HSETNX', h, field, seq .. ':' .. arg())
end
if tonumber(ARGV[9]) > 0 then
  local number = redis.call('HGET', KEYS[6], site)
  if not number then
    number = redis.call('INCR', KEYS[7])
    redis.call('HSET', KEYS[6], site, number)
  end
  for _ = 1, tonumber(ARGV[9]) do
    local h, fp = key(), arg()
    redis.call('HINCRBY', h, number .. ':' .. fp, 1)
  end
end
redis.call('SET', ARGV[11] .. 'a:' .. seq, table.concat(left, ',') .. '\\n' .. ARGV[3])
redis.call('SET', KEYS[4], seq .. '\\n' .. ARGV[2])
redis.call('ZADD', KEYS[1], ARGV[1], seq)
local clock = tonumber(redis.call('GET', KEYS[2]))
if not clock or clock < tonumber(ARGV[1]) then redis.call('SET', KEYS[2], ARGV[1]) end
return seq`

/**
 * Everything a session is about to read, in one round trip (see {@link FeedIndex.begin}'s hint):
 * the identity, highest seq, the id's verdict and the clock, then — unless the id has a verdict —
 * the site's number, the first occurrence and site count of each fingerprint, the members of
 * each LSH bucket, and the articles all of those name. One script, so it is one consistent
 * state; every value is still checked by {@link COMMIT} as if read one by one.
 *
 * KEYS: identity, seq counter, the verdict, clock, sites; the first-occurrence hashes (one per
 * fingerprint), the site-count hashes (one per fingerprint), the bucket hashes. ARGV: the site,
 * whether there is one ('1'/''), the fingerprint count, the bucket count, the bucket limit, the
 * prefix; then each fingerprint's key (the first-occurrence field; the site-count field is the
 * site's number, `:` and it), each bucket's field.
 * Returns {identity, seq, verdict, clock} alone when there is a verdict, else with {site number,
 * firsts, counts, buckets, {seq, article, …}} after it (Redis nil for what is missing).
 */
const READ = `local out = {redis.call('GET', KEYS[1]), redis.call('GET', KEYS[2]), redis.call('GET', KEYS[3]), redis.call('GET', KEYS[4])}
if out[3] then return out end
local n, m, limit = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local number = false
if ARGV[2] == '1' then number = redis.call('HGET', KEYS[5], ARGV[1]) end
local firsts, counts, buckets, seqs, wanted = {}, {}, {}, {}, {}
local function want(seq)
  if seq and not wanted[seq] then
    wanted[seq] = true
    seqs[#seqs + 1] = seq
  end
end
for i = 1, n do
  local field = ARGV[6 + i]
  local first = redis.call('HGET', KEYS[5 + i], field)
  firsts[i] = first
  if first then want(string.match(first, '^(%d+):')) end
  counts[i] = number and redis.call('HGET', KEYS[5 + n + i], number .. ':' .. field)
end
for j = 1, m do
  local members = redis.call('HGET', KEYS[5 + 2 * n + j], ARGV[6 + n + j])
  buckets[j] = members
  if members then
    local taken = 0
    for seq in string.gmatch(members, '[^,]+') do
      taken = taken + 1
      if taken > limit then break end
      want(seq)
    end
  end
end
local articles = {}
for i, seq in ipairs(seqs) do
  articles[2 * i - 1] = seq
  articles[2 * i] = redis.call('GET', ARGV[6] .. 'a:' .. seq)
end
out[5], out[6], out[7], out[8], out[9] = number, firsts, counts, buckets, articles
return out`

/**
 * Forgets one article (`a:<seq>`, KEYS[2]) wholly, atomically, if it is still there: removes its
 * seq from the buckets it joined, its first occurrences that are its own, one from its site
 * counts, then the article and its place in the times set (KEYS[1]). The client read the
 * article and passes its fields. KEYS: times, article, then the hashes of its buckets, first
 * occurrences, site counts. ARGV: seq, three counts, then the fields in that order.
 */
const EXPIRE_ONE = `local seq = ARGV[1]
redis.call('ZREM', KEYS[1], seq)
if redis.call('EXISTS', KEYS[2]) == 0 then return 0 end
local k, a = 2, 4
local function key() k = k + 1 return KEYS[k] end
local function arg() a = a + 1 return ARGV[a] end
for _ = 1, tonumber(ARGV[2]) do
  local h, field = key(), arg()
  local members = redis.call('HGET', h, field)
  if members then
    local rest = {}
    for m in string.gmatch(members, '[^,]+') do if m ~= seq then rest[#rest + 1] = m end end
    if #rest == 0 then redis.call('HDEL', h, field) else redis.call('HSET', h, field, table.concat(rest, ',')) end
  end
end
for _ = 1, tonumber(ARGV[3]) do
  local h, field = key(), arg()
  local v = redis.call('HGET', h, field)
  if v and string.sub(v, 1, #seq + 1) == seq .. ':' then redis.call('HDEL', h, field) end
end
for _ = 1, tonumber(ARGV[4]) do
  local h, field = key(), arg()
  if redis.call('HINCRBY', h, field, -1) <= 0 then redis.call('HDEL', h, field) end
end
redis.call('DEL', KEYS[2])
return 1`

/** The ioredis client type, for the modules that get their client from {@link loadClient} (ioredis is imported here only). */
export type RedisClient = Redis

/** A client with the scripts defined on it. */
interface ScriptedRedis extends Redis {
  dedupReadBuffer(numKeys: number, ...keysAndArgs: Array<string | Buffer>): Promise<unknown[]>
  dedupCommit(numKeys: number, ...keysAndArgs: Array<string | Buffer>): Promise<number>
  dedupExpire(numKeys: number, ...keysAndArgs: Array<string | Buffer>): Promise<number>
  dedupIdentify(numKeys: number, ...keysAndArgs: string[]): Promise<[string, string, string]>
}

/** Key names of one index. */
type Keys = ReturnType<typeof keysOf>

/** A hash field and the hash it is in. */
interface Field {
  hash: string
  field: Buffer
}

/** The key names of an index whose keys start with `prefix`, its hashes spread over `shards`. */
function keysOf(prefix: string, shards = 1) {
  const fpShard = (fp: string): number => (/^[0-9a-f]{8}/.test(fp) ? parseInt(fp.slice(0, 8), 16) : hash32(fp)) % shards
  const countHash = (fp: string): string => `${prefix}c:${fpShard(fp)}`
  return {
    prefix,
    shardCount: shards,
    article: (seq: number | string) => `${prefix}a:${seq}`,
    verdict: (id: string) => `${prefix}v:${id}`,
    /** A bucket: its band (varint) and key (4 bytes) as field. */
    bucket: (band: number, key: number): Field => {
      const field = Buffer.alloc(9)
      let at = 0
      for (let v = band; ; v >>>= 7) {
        field[at++] = v >= 0x80 ? (v & 0x7f) | 0x80 : v
        if (v < 0x80) break
      }
      field.writeUInt32BE(key >>> 0, at)
      return { hash: `${prefix}b:${((key >>> 0) + band) % shards}`, field: field.subarray(0, at + 4) }
    },
    first: (fp: string): Field => ({ hash: `${prefix}f:${fpShard(fp)}`, field: fingerprintKey(fp) }),
    /** The hash holding the site counts of `fp` (of every site). */
    countHash,
    /** A site count: the site's number (see `sites`), `:` and the fingerprint's key as field. */
    count: (fp: string, site: number): Field => ({
      hash: countHash(fp),
      field: Buffer.concat([Buffer.from(`${site}:`), fingerprintKey(fp)]),
    }),
    /** Sites by name → their number, given by the commit that first records one (`sitecount`). */
    sites: `${prefix}sites`,
    /** The field of `site`'s number in {@link sites}. */
    site: (site: string): Field => ({ hash: `${prefix}sites`, field: Buffer.from(site, 'utf8') }),
    siteCounter: `${prefix}sitecount`,
    epoch: `${prefix}epoch`,
    layout: `${prefix}layout`,
    shards: `${prefix}shards`,
    times: `${prefix}t`,
    clock: `${prefix}clock`,
    seq: `${prefix}seq`,
  }
}

/** What `a:<seq>` holds about an article, decoded. */
interface StoredArticle {
  seq: number
  id: string
  site: string | null
  of: string | null
  time: number
  fingerprints: Array<[string, number]>
  bands: number[]
  /** Bands whose bucket it did not join (full). */
  left: Set<number>
  paragraphs: Buffer
}

/** A growable buffer of varints and length-prefixed bytes. */
function writeParts(parts: Buffer[], bytes: Buffer): void {
  parts.push(varint(bytes.length), bytes)
}
function varint(value: number): Buffer {
  const out: number[] = []
  let v = value
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80)
    v = Math.floor(v / 0x80)
  }
  out.push(v)
  return Buffer.from(out)
}

/**
 * An article as `a:<seq>` holds it (after the list of bands it did not join): id, site (empty
 * and a flag byte for none), original, time (float64), fingerprints ({@link encodeFingerprints}),
 * band keys (4 bytes each), each length-prefixed, then the paragraphs ({@link recordParagraphBytes}).
 */
function encodeArticle(record: IndexRecord): Buffer {
  const parts: Buffer[] = []
  writeParts(parts, Buffer.from(record.id, 'utf8'))
  parts.push(Buffer.of(record.site === null ? 0 : 1))
  writeParts(parts, Buffer.from(record.site ?? '', 'utf8'))
  parts.push(Buffer.of(record.of === null ? 0 : 1))
  writeParts(parts, Buffer.from(record.of ?? '', 'utf8'))
  const time = Buffer.alloc(8)
  time.writeDoubleLE(record.time)
  parts.push(time)
  writeParts(parts, encodeFingerprints(record.fingerprints))
  const bands = Buffer.alloc(record.bands.length * 4)
  record.bands.forEach((key, i) => bands.writeUInt32LE(key >>> 0, i * 4))
  writeParts(parts, bands)
  parts.push(paragraphsBuffer(recordParagraphBytes(record)))
  return Buffer.concat(parts)
}

/** Reverse of {@link encodeArticle}, with what the commit script put in front. */
function decodeArticle(seq: number, value: Buffer): StoredArticle {
  const newline = value.indexOf(10)
  const leftText = value.subarray(0, newline).toString()
  let at = newline + 1
  const readVarint = (): number => {
    let v = 0
    let scale = 1
    for (;;) {
      const b = value[at++] as number
      v += (b & 0x7f) * scale
      if (b < 0x80) return v
      scale *= 0x80
    }
  }
  const bytes = (): Buffer => {
    const n = readVarint()
    const out = value.subarray(at, at + n)
    at += n
    return out
  }
  const id = bytes().toString('utf8')
  const hasSite = value[at++] === 1
  const site = bytes().toString('utf8')
  const hasOf = value[at++] === 1
  const of = bytes().toString('utf8')
  const time = value.readDoubleLE(at)
  at += 8
  const fingerprints = decodeFingerprints(bytes())
  const bandBytes = bytes()
  const bands: number[] = []
  for (let i = 0; i + 4 <= bandBytes.length; i += 4) bands.push(bandBytes.readUInt32LE(i))
  return {
    seq, id, site: hasSite ? site : null, of: hasOf ? of : null, time, fingerprints, bands,
    left: new Set(leftText === '' ? [] : leftText.split(',').map(Number)),
    paragraphs: value.subarray(at),
  }
}

/**
 * What a session read, for the commit script to check unchanged: hash fields (buckets, first
 * occurrences, site counts) by hash and field, and the articles it compared with (by seq:
 * `a:<seq>` is written once and only deleted). `torn` when one field read twice gave two
 * values: the reads disagree, the commit is refused.
 */
interface ReadSet {
  fields: Map<string, { hash: string; field: Buffer; value: Buffer | null }>
  articles: Set<number>
  torn: boolean
}

/** Notes that `field` of `hash` held `value`; a different value read earlier tears the read set. */
function note(reads: ReadSet, { hash, field }: Field, value: Buffer | null): void {
  const id = `${hash}\u0000${field.toString('latin1')}`
  const earlier = reads.fields.get(id)
  if (earlier && !(earlier.value === null ? value === null : value !== null && earlier.value.equals(value))) reads.torn = true
  reads.fields.set(id, { hash, field, value })
}

/** KEYS and ARGV of {@link COMMIT} for `record`, checking `reads`. */
function commitArguments(
  k: Keys,
  record: IndexRecord,
  reads: ReadSet,
  bucketLimit: number,
  epoch: string,
): { keys: string[]; args: Array<string | Buffer> } {
  const buckets = record.bands.map((key, band) => k.bucket(band, key))
  const firsts = record.fingerprints.map(({ fingerprint, paragraph }) => ({ ...k.first(fingerprint), paragraph }))
  const site = record.site
  const counts = site === null ? [] : [...new Set(record.fingerprints.map((f) => f.fingerprint))].map((fp) => ({ ...k.first(fp), hash: k.countHash(fp) }))
  const checked = [...reads.fields.values()]
  const keys = [
    k.times, k.clock, k.seq, k.verdict(record.id), k.epoch, k.sites, k.siteCounter,
    ...checked.map((c) => c.hash),
    ...[...reads.articles].map((seq) => k.article(seq)),
    ...buckets.map((b) => b.hash),
    ...firsts.map((f) => f.hash),
    ...counts.map((c) => c.hash),
  ]
  const args: Array<string | Buffer> = [
    String(record.time),
    record.result,
    encodeArticle(record),
    String(bucketLimit),
    ...[checked.length, reads.articles.size, buckets.length, firsts.length, counts.length].map(String),
    epoch,
    k.prefix,
    site ?? '',
    ...checked.flatMap((c) => [c.field, c.value === null ? '' : Buffer.concat([Buffer.from('v'), c.value])]),
    ...buckets.map((b) => b.field),
    ...firsts.flatMap((f) => [f.field, String(f.paragraph)]),
    ...counts.map((c) => c.field),
  ]
  return { keys, args }
}

/** Hides the password of a Redis URL, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/^(rediss?:\/\/[^:@/]*:)[^@/]*@/i, '$1***@')
}

/** The error of an index that cannot be reached. */
function unavailable(url: string, cause: unknown): DedupeError {
  const reason = cause instanceof Error ? cause.message : String(cause)
  return new DedupeError('E_INDEX_UNAVAILABLE', `Cannot use the Redis index at ${redactUrl(url)}: ${reason}`, { cause })
}

/** Whether an ioredis error means the server is out of reach (not a command error). */
export function isConnectionError(error: unknown): boolean {
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
export function loadClient(url: string): new (url: string, options: RedisOptions) => Redis {
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
 * with `fail(cause)` (by default an `E_INDEX_UNAVAILABLE` {@link DedupeError}) and the client
 * ends. Once connected, a dropped connection is re-established (commands wait for it, up to
 * three retries). `scripts` are defined as commands, by name. The Redis queue opens its client
 * here too, with its own error.
 */
export function connectOnce<C extends Redis>(
  url: string,
  timeout: number,
  scripts: Readonly<Record<string, string>>,
  fail: (cause: unknown) => DedupeError = (cause) => unavailable(url, cause),
): { redis: C; ready: Promise<void> } {
  let Client: ReturnType<typeof loadClient>
  try {
    Client = loadClient(url)
  } catch (error) {
    throw fail((error as Error).cause ?? error)
  }
  let connected = false
  let lastError: unknown = new Error('the connection closed')
  const redis = new Client(url, {
    connectTimeout: timeout,
    maxRetriesPerRequest: 3,
    retryStrategy: (times) => (connected ? Math.min(times * 100, 2000) : null),
  }) as C
  for (const [name, lua] of Object.entries(scripts)) redis.defineCommand(name, { lua })
  // Errors reach the commands that fail; a listener keeps ioredis from printing them.
  redis.on('error', (error: unknown) => (lastError = error))
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(fail(new Error(`no answer within ${timeout} ms`)))
      redis.disconnect()
    }, timeout)
    redis.once('ready', () => {
      connected = true
      clearTimeout(timer)
      resolve()
    })
    redis.once('end', () => {
      clearTimeout(timer)
      reject(fail(lastError))
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
 * optimistically: its session remembers every value it read (its id's verdict, its paragraphs'
 * first occurrences and site counts, its LSH buckets, the candidate articles), and the commit is
 * one Lua script that checks them all unchanged and then writes everything (article, buckets,
 * first occurrences, site counts, times, clock) — or writes nothing and returns `false`, and
 * the article is judged again. The check travels with the writes, so no reconnect or resent
 * command can apply a commit against state its reads did not see: two workers getting
 * copies of one story at the same moment keep exactly one, and an article is recorded
 * wholly or not at all. The clock is raised atomically but not checked (it only decides
 * when to expire, and expired candidates are caught by the article check). Expiry forgets one
 * article at a time, atomically (a Lua script given what the article's key lists).
 *
 * Layout (issue 12, `<prefix>layout` = 2): an article is one binary string `a:<seq>` (its
 * fingerprints, band keys and Rice-coded shingles); buckets, first occurrences and site counts
 * are fields of hashes spread over {@link RedisIndexOptions.shards}, which Redis keeps as compact
 * listpacks; the verdict is `v:<id>`, never expired. An index written by an earlier version (one
 * key per bucket and fingerprint, no `layout` key) is refused with `E_INDEX_UNAVAILABLE`: its
 * keys are not migrated (they hold full 32-bit shingles and no layout), so index the feed again
 * under another prefix, or delete the old keys.
 *
 * Verdicts have keys of their own that expiry never deletes. The index has an identity (see
 * {@link RedisIndexOptions.create}) checked by every session and commit, and each worker
 * remembers the highest article number it saw: an index emptied, replaced or rolled back
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
 * @throws {DedupeError} `E_INDEX_UNAVAILABLE`, naming the URL, when Redis cannot be reached or
 *   holds an index of an older layout under the prefix.
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
  const bucketLimit = options.bucketLimit ?? DEFAULT_BUCKET_LIMIT
  const shards = resolveRedisShards(options.shards)
  const { redis, ready: connected } = connectOnce<ScriptedRedis>(url, options.connectTimeout ?? 5000, {
    dedupRead: READ,
    dedupCommit: COMMIT,
    dedupExpire: EXPIRE_ONE,
    dedupIdentify: IDENTIFY,
  })
  // The index's identity, layout and shards, created (when asked) and read once connected.
  const ready = connected.then(() => guarded(url, () => identify(redis, keysOf(prefix), url, options.create ?? true, shards)))
  ready.catch(() => {})
  const state: IndexState = { epoch: '', highestSeq: 0, lost: null, sites: new Map(), keys: keysOf(prefix) }
  const opened = async (): Promise<Keys> => {
    const identity = await ready
    state.epoch = identity.epoch
    if (identity.shards !== state.keys.shardCount) state.keys = keysOf(prefix, identity.shards)
    if (state.lost) throw state.lost
    return state.keys
  }
  const index: FeedIndex = {
    kind: 'redis',
    begin: (id, hint) =>
      guarded(url, async () => {
        const k = await opened()
        return beginSession(redis, k, id, { url, bucketLimit, state }, hint?.())
      }),
    expire: (cutoff) =>
      guarded(url, async () => {
        const k = await opened()
        let removed = 0
        for (;;) {
          const seqs = await redis.zrangebyscore(k.times, '-inf', `(${cutoff}`, 'LIMIT', 0, 500)
          for (const seq of seqs) removed += await expireOne(redis, k, state.sites, Number(seq))
          if (seqs.length < 500) return removed
        }
      }),
    size: () =>
      guarded(url, async () => {
        const k = await opened()
        return redis.zcard(k.times)
      }),
    async close(): Promise<void> {
      if (redis.status === 'ready') await redis.quit()
      else if (redis.status !== 'end') redis.disconnect()
    },
  }
  return { index, ready }
}

/** Forgets article `seq` (see {@link EXPIRE_ONE}); 1 when it was there. */
async function expireOne(redis: ScriptedRedis, k: Keys, sites: Map<string, number>, seq: number): Promise<number> {
  const value = await redis.getBuffer(k.article(seq))
  if (value === null) return redis.dedupExpire(2, k.times, k.article(seq), String(seq), '0', '0', '0').then(() => 0)
  const a = decodeArticle(seq, value)
  const joined: Field[] = []
  a.bands.forEach((key, band) => {
    if (!a.left.has(band)) joined.push(k.bucket(band, key))
  })
  const firsts = a.fingerprints.map(([fp]) => k.first(fp))
  const number = a.site === null ? null : await siteNumber(redis, k, null, sites, a.site)
  const counts = number === null ? [] : [...new Set(a.fingerprints.map(([fp]) => fp))].map((fp) => k.count(fp, number))
  return redis.dedupExpire(
    2 + joined.length + firsts.length + counts.length,
    k.times, k.article(seq),
    ...joined.map((f) => f.hash), ...firsts.map((f) => f.hash), ...counts.map((f) => f.hash),
    String(seq), String(joined.length), String(firsts.length), String(counts.length),
    ...joined.map((f) => f.field), ...firsts.map((f) => f.field), ...counts.map((f) => f.field),
  )
}

/** What a worker knows of the index it opened, to tell when it was emptied or replaced. */
interface IndexState {
  /** The identity read when opened. */
  epoch: string
  /** The highest article seq this worker has seen: a smaller one means the index went back in time. */
  highestSeq: number
  /** Set once the index is found lost: every later call fails with it. */
  lost: DedupeError | null
  /** Numbers of the sites met (a site keeps its number for as long as the index exists). */
  sites: Map<string, number>
  /** Its key names, with the shard count it was created with once opened. */
  keys: Keys
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
 * Reads the index's identity and shard count, first creating them when it has none and
 * `create` is set (see {@link IDENTIFY}).
 * @throws {DedupeError} `E_INDEX_LOST` when there is none and `create` is `false`;
 *   `E_INDEX_UNAVAILABLE` for an index of another layout.
 */
async function identify(redis: ScriptedRedis, k: Keys, url: string, create: boolean, shards: number): Promise<{ epoch: string; shards: number }> {
  const [epoch, layout, count] = await redis.dedupIdentify(3, k.epoch, k.layout, k.shards, randomUUID(), LAYOUT, String(shards), create ? '1' : '0')
  if (layout !== '' && layout !== LAYOUT) {
    throw new DedupeError('E_INDEX_UNAVAILABLE',
      `The Redis index at ${redactUrl(url)} (prefix \`${k.prefix}\`) was written in layout ${layout} by an earlier version; this one reads layout ${LAYOUT} ` +
      '(compact, issue 12) and does not convert it: index the feed again under another prefix (`prefix` option, `--index redis://…` with a new database), or delete its keys')
  }
  if (epoch === '') throw lost(url, k, 'has no identity (it was emptied, or never created) and `create` is false')
  return { epoch, shards: Number(count) || 1 }
}

/**
 * What a session fetched at its start from a hint (see {@link READ}), served to the reads it
 * foresaw: values by fingerprint and by bucket (`band:key`), as the index held them then.
 */
interface Ahead {
  site: string | null
  /** The site's number then (`null`: none yet, or no site). */
  number: number | null
  firsts: Map<string, Buffer | null>
  /** Only when `number` is not `null`. */
  counts: Map<string, Buffer | null>
  buckets: Map<string, Buffer | null>
}

/** The key of a bucket in {@link Ahead.buckets}. */
const bucketAt = (band: number, key: number): string => `${band}:${key >>> 0}`

/**
 * Runs {@link READ} for `hint`: the session's own state, and (no verdict) what it foresaw, its
 * articles put in `cache`.
 */
async function readAhead(
  redis: ScriptedRedis,
  k: Keys,
  id: string,
  hint: SessionHint,
  bucketLimit: number,
  cache: ArticleCache,
): Promise<{ own: Array<string | null>; ahead: Ahead | null }> {
  const fps = hint.fingerprints
  const firsts = fps.map((fp) => k.first(fp))
  const buckets = hint.bands.map((key, band) => k.bucket(band, key))
  const reply = (await redis.dedupReadBuffer(
    5 + 2 * fps.length + buckets.length,
    k.epoch, k.seq, k.verdict(id), k.clock, k.sites,
    ...firsts.map((f) => f.hash), ...fps.map((fp) => k.countHash(fp)), ...buckets.map((b) => b.hash),
    hint.site ?? '', hint.site === null ? '' : '1', String(fps.length), String(buckets.length), String(bucketLimit), k.prefix,
    ...firsts.map((f) => f.field), ...buckets.map((b) => b.field),
  )) as Array<Buffer | null | Array<Buffer | null>>
  const own = reply.slice(0, 4).map((v) => (v === null ? null : v.toString()))
  if (reply.length < 9) return { own, ahead: null }
  const [number, firstValues, countValues, bucketValues, articles] = reply.slice(4) as [Buffer | null, Array<Buffer | null>, Array<Buffer | null>, Array<Buffer | null>, Array<Buffer | null>]
  const ahead: Ahead = {
    site: hint.site,
    number: number === null ? null : Number(number.toString()),
    firsts: new Map(fps.map((fp, i) => [fp, firstValues[i] ?? null])),
    counts: new Map(number === null ? [] : fps.map((fp, i) => [fp, countValues[i] ?? null])),
    buckets: new Map(hint.bands.map((key, band) => [bucketAt(band, key), bucketValues[band] ?? null])),
  }
  for (let i = 0; i + 1 < articles.length; i += 2) cacheArticle(cache, Number((articles[i] as Buffer).toString()), articles[i + 1] ?? null)
  return { own, ahead }
}

/**
 * Reads the article's own state and returns its session, after checking the index is still the
 * one opened. With a hint, in one round trip with everything the hint foresees (see {@link READ}).
 */
async function beginSession(
  redis: ScriptedRedis,
  k: Keys,
  id: string,
  { url, bucketLimit, state }: { url: string; bucketLimit: number; state: IndexState },
  hint?: SessionHint,
): Promise<IndexSession> {
  const reads: ReadSet = { fields: new Map(), articles: new Set(), torn: false }
  const cache: ArticleCache = { bySeq: new Map(), byId: new Map() }
  let ahead: Ahead | null = null
  let own: Array<string | null>
  if (hint) ({ own, ahead } = await readAhead(redis, k, id, hint, bucketLimit, cache))
  else {
    // One transaction: the verdict read is from the index whose identity is checked.
    const replies = (await redis.multi().get(k.epoch).get(k.seq).get(k.verdict(id)).get(k.clock).exec()) ?? []
    own = replies.map(([error, value]) => {
      if (error) throw error
      return value as string | null
    })
  }
  const [epoch, highest, verdict, clock] = own
  if (epoch !== state.epoch) {
    state.lost = lost(url, k, epoch === null ? 'was emptied since this worker opened it' : 'was replaced by another index since this worker opened it')
  } else if (Number(highest ?? 0) < state.highestSeq) {
    state.lost = lost(url, k, `went back in time (it holds articles up to #${Number(highest ?? 0)}; this worker saw #${state.highestSeq})`)
  }
  if (state.lost) throw state.lost
  state.highestSeq = Math.max(state.highestSeq, Number(highest ?? 0))
  if (ahead?.site != null && ahead.number !== null) state.sites.set(ahead.site, ahead.number)
  let open = true
  return {
    // The verdict is `<seq>\n<result>` (its article's number, then the result).
    stored: verdict === null || verdict === undefined ? null : verdict.slice(verdict.indexOf('\n') + 1),
    clock: clock === null || clock === undefined ? -Infinity : Number(clock),
    fingerprints: (fps, site) => guarded(url, () => readFingerprints(redis, k, reads, cache, state.sites, fps, site, ahead)),
    candidates: (bands) => guarded(url, () => readCandidates(redis, k, reads, cache, bands, bucketLimit, ahead)),
    articles: (ids) => guarded(url, () => readArticles(redis, k, reads, cache, ids)),
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

/** Articles a session read (`null`: no longer there), by seq, and their seqs by id. */
interface ArticleCache {
  bySeq: Map<number, StoredArticle | null>
  byId: Map<string, number>
}

/** Reads the articles `seqs` not read yet into `cache`. */
async function loadArticles(redis: Redis, k: Keys, cache: ArticleCache, seqs: Iterable<number>): Promise<void> {
  const wanted = [...new Set(seqs)].filter((seq) => !cache.bySeq.has(seq))
  if (wanted.length === 0) return
  const pipeline = redis.pipeline()
  for (const seq of wanted) pipeline.getBuffer(k.article(seq))
  const replies = (await pipeline.exec()) ?? []
  replies.forEach(([error, value], i) => {
    if (error) throw error
    cacheArticle(cache, wanted[i] as number, (value as Buffer | null) ?? null)
  })
}

/** Puts article `seq` as read (`value`: `a:<seq>`, `null` when it is gone) into `cache`. */
function cacheArticle(cache: ArticleCache, seq: number, value: Buffer | null): void {
  const article = value === null ? null : decodeArticle(seq, value)
  cache.bySeq.set(seq, article)
  if (article) cache.byId.set(article.id, seq)
}

/**
 * The values of `fields`, each noted in `reads`: as `served` gives them (fetched ahead for the
 * session's hint, as the index held them then; `undefined` for a field it did not foresee),
 * the others read now, in one round trip.
 */
async function readFields(
  redis: Redis,
  reads: ReadSet,
  fields: readonly Field[],
  served: ReadonlyArray<Buffer | null | undefined> = [],
): Promise<Array<Buffer | null>> {
  const values = fields.map((_, i) => served[i])
  const unserved = values.flatMap((value, i) => (value === undefined ? [i] : []))
  if (unserved.length > 0) {
    const pipeline = redis.pipeline()
    for (const i of unserved) pipeline.hgetBuffer((fields[i] as Field).hash, (fields[i] as Field).field)
    ;((await pipeline.exec()) ?? []).forEach(([error, value], j) => {
      if (error) throw error
      values[unserved[j] as number] = (value as Buffer | null) ?? null
    })
  }
  return fields.map((f, i) => {
    const value = values[i] ?? null
    note(reads, f, value)
    return value
  })
}

/**
 * The number of `site` (`null` when no article of it was recorded yet: that absence is noted in
 * `reads`, so a commit that raced with its first article is refused). Cached: a number is
 * given once, by a commit, and never changes.
 */
async function siteNumber(redis: Redis, k: Keys, reads: ReadSet | null, sites: Map<string, number>, site: string): Promise<number | null> {
  const known = sites.get(site)
  if (known !== undefined) return known
  const value = await redis.hget(k.sites, site)
  if (value === null) {
    if (reads) note(reads, k.site(site), null)
    return null
  }
  sites.set(site, Number(value))
  return Number(value)
}

/** First occurrences and site counts of `fps`, noted in `reads`. */
async function readFingerprints(
  redis: Redis,
  k: Keys,
  reads: ReadSet,
  cache: ArticleCache,
  sites: Map<string, number>,
  fps: readonly string[],
  site: string | null,
  ahead: Ahead | null,
): Promise<FingerprintInfo[]> {
  if (fps.length === 0) return []
  // Fetched ahead (the same site, every fingerprint): served as read then, noted the same way.
  const foreseen = ahead !== null && ahead.site === site && fps.every((fp) => ahead.firsts.has(fp))
  const number = foreseen ? ahead.number : site === null ? null : await siteNumber(redis, k, reads, sites, site)
  // A site without a number then: noted as absent, as siteNumber notes it.
  if (foreseen && site !== null && number === null) note(reads, k.site(site), null)
  const fields = fps.map((fp) => k.first(fp))
  if (number !== null) for (const fp of fps) fields.push(k.count(fp, number))
  const served = foreseen ? fps.map((fp) => ahead.firsts.get(fp) ?? null) : []
  if (foreseen && number !== null) for (const fp of fps) served.push(ahead.counts.get(fp) ?? null)
  const values = await readFields(redis, reads, fields, served)
  const held = fps.map((_, i) => {
    const value = values[i] ?? null
    if (value === null) return null
    const text = value.toString()
    const colon = text.indexOf(':')
    return { seq: Number(text.slice(0, colon)), paragraph: Number(text.slice(colon + 1)) }
  })
  await loadArticles(redis, k, cache, held.flatMap((h) => (h ? [h.seq] : [])))
  return fps.map((_, i) => {
    const h = held[i]
    const holder = h ? cache.bySeq.get(h.seq) : null
    return {
      first: h && holder ? { article: holder.id, paragraph: h.paragraph } : null,
      siteCount: number === null ? 0 : Number(values[fps.length + i]?.toString() ?? 0),
    }
  })
}

/** Members of the article's LSH buckets (each bucket noted in `reads`), earliest first. */
async function readCandidates(
  redis: Redis,
  k: Keys,
  reads: ReadSet,
  cache: ArticleCache,
  bands: readonly number[],
  bucketLimit: number,
  ahead: Ahead | null,
): Promise<string[]> {
  if (bands.length === 0) return []
  // Buckets fetched ahead are served as read then; the others (bands the hint did not foresee) read now.
  const served = ahead === null ? [] : bands.map((key, band) => ahead.buckets.get(bucketAt(band, key)))
  const seqs = new Set<number>()
  for (const members of await readFields(redis, reads, bands.map((key, band) => k.bucket(band, key)), served)) {
    if (members) for (const seq of members.toString().split(',').slice(0, bucketLimit)) seqs.add(Number(seq))
  }
  await loadArticles(redis, k, cache, seqs)
  return [...seqs].sort((a, b) => a - b).flatMap((seq) => {
    const article = cache.bySeq.get(seq)
    return article ? [article.id] : []
  })
}

/** The stored articles among `ids`, the seq of each noted in `reads`. */
async function readArticles(redis: Redis, k: Keys, reads: ReadSet, cache: ArticleCache, ids: readonly string[]): Promise<IndexedArticle[]> {
  if (ids.length === 0) return []
  const unknown = ids.filter((id) => !cache.byId.has(id))
  if (unknown.length > 0) {
    // An id the session has not met: its verdict names its article's seq.
    const verdicts = await redis.mget(...unknown.map((id) => k.verdict(id)))
    const seqs: number[] = []
    verdicts.forEach((v) => {
      if (v) seqs.push(Number(v.slice(0, v.indexOf('\n'))))
    })
    await loadArticles(redis, k, cache, seqs)
  }
  const out: IndexedArticle[] = []
  for (const id of ids) {
    const seq = cache.byId.get(id)
    const a = seq === undefined ? null : cache.bySeq.get(seq)
    if (!a) continue
    reads.articles.add(a.seq)
    out.push({ id, seq: a.seq, of: a.of, site: a.site, paragraphs: withFingerprints(decodeParagraphs(a.paragraphs), a.fingerprints) })
  }
  return out
}
