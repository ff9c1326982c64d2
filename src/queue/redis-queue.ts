import { DedupeError } from '../errors.js'
import { connectOnce, isConnectionError, redactUrl, type RedisClient } from '../stores/redis.js'
import type { EntryFields } from './entry-codec.js'

/**
 * Names of a queue's streams and consumer group; every default is documented in the CLI help.
 * The default stream names are outside the index's default prefix (`news-dedup:`), so a queue
 * and an index can share a database whatever keys the index uses.
 */
export interface RedisQueueOptions {
  /** The input stream. @default 'news-dedup-queue:articles' */
  stream?: string
  /** The output stream, where workers append result lines. @default 'news-dedup-queue:results' */
  outputStream?: string
  /** The consumer group the workers read with. @default 'news-dedup' */
  group?: string
  /** Most milliseconds to wait for the first connection. @default 5000 */
  connectTimeout?: number
}

/** One entry read from the input stream: its stream id and its fields, as bytes. */
export interface StreamEntry {
  entryId: string
  fields: Buffer[]
}

/** What a worker appends to the output stream for one input entry. */
export interface ResultEntry {
  /** The input entry's arrival order. */
  n: number
  /** The record's id as written on its line ('' when it has none). */
  id: string
  /** `true` for a duplicate, `false` for an original, `null` for an error record. */
  duplicate: boolean | null
  /** The JSON line, without its newline: what `feed` writes for the record. */
  line: string
}

/** A result read back from the output stream. */
export interface StoredResult extends ResultEntry {
  /** Its id in the output stream. */
  resultId: string
}

/** A Redis Streams queue: see {@link openRedisQueue}. */
export interface RedisQueue {
  readonly stream: string
  readonly outputStream: string
  readonly group: string
  /** Appends records (each the fields of {@link encodeEntry}), numbering them in arrival order. Atomic per call. */
  append(entries: readonly EntryFields[]): Promise<void>
  /** Creates the consumer group when it does not exist yet (from the stream's first entry). */
  ensureGroup(): Promise<void>
  /** Up to `count` entries never delivered to the group (XREADGROUP `>`), waiting up to `blockMs` (0: not at all). */
  readNew(consumer: string, count: number, blockMs: number): Promise<StreamEntry[]>
  /** Up to `count` entries pending for longer than `minIdleMs` at other consumers, now this one's (XAUTOCLAIM). */
  claimIdle(consumer: string, minIdleMs: number, count: number): Promise<StreamEntry[]>
  /** Resets the idle time of entries `consumer` holds, so that no one claims them while it works on them. */
  touch(consumer: string, entryIds: readonly string[]): Promise<void>
  /** The arrival number whose result is to be written next (ordered mode). */
  turn(): Promise<number>
  /**
   * Waits until the turn is passed to `n` by a {@link RedisQueue.finish} asked to wake it, or
   * `timeoutMs` (at least 1) passes: `true` when woken. A blocking read (BLPOP) on a connection
   * of its own, so nothing polls; the caller reads {@link RedisQueue.turn} after, as the wake is
   * a hint (a turn skipped to, or passed without a wake, is found by reading it).
   */
  waitTurn(n: number, timeoutMs: number): Promise<boolean>
  /** Moves the turn past entries removed from the stream without a result (see `SKIP_GONE`); returns the turn. */
  skipGone(): Promise<number>
  /**
   * Writes the result of an entry and acknowledges it, atomically: appends to the output stream,
   * XACKs and deletes the input entry, and (ordered) passes the turn to `n + 1`, waking a worker
   * waiting for it ({@link RedisQueue.waitTurn}) when `wake`. Does nothing and returns
   * `'finished'` when someone else finished the entry already (it is no longer pending, or,
   * ordered, the turn is past it), so each entry gets exactly one result; `'early'` (ordered)
   * when the turn has not reached it yet.
   */
  finish(entryId: string, result: ResultEntry, ordered: boolean, wake?: boolean): Promise<'written' | 'finished' | 'early'>
  /** Acknowledges and deletes an entry without a result: one `enqueue` did not write and that has no number. */
  discard(entryId: string): Promise<void>
  /** Entries delivered to the group and not acknowledged yet. */
  pending(): Promise<number>
  /** Results of the output stream in order, from after `afterId` (`'0'`: the start), pages of `count`. */
  results(afterId: string, count: number): Promise<StoredResult[]>
  /** Deletes results from the output stream by id. */
  deleteResults(resultIds: readonly string[]): Promise<void>
  close(): Promise<void>
}

/**
 * Numbers and appends entries: KEYS stream, counter; ARGV per entry: its field count, then its
 * fields. One script, so the numbers follow the stream's order whatever other enqueuers do.
 */
const APPEND = `local at = 1
while at <= #ARGV do
  local count = tonumber(ARGV[at])
  local n = redis.call('INCR', KEYS[2])
  local fields = {'n', n}
  for i = 1, count do fields[#fields + 1] = ARGV[at + i] end
  redis.call('XADD', KEYS[1], '*', unpack(fields))
  at = at + count + 1
end
return 1`

/**
 * Finishes an entry: KEYS stream, turn, output; ARGV group, entry id, n, ordered ('1' or ''),
 * the wake list of `n + 1` ('' for no wake), then the result's fields. Returns 1, or 0 (and
 * writes nothing) when it was finished already, -1 (ordered) when the turn has not reached it.
 * The wake list is what a waiting worker pops (BLPOP); it expires, so one nobody waits for (its
 * entry not read yet, or read by a worker that finds the turn without waiting) goes.
 */
const FINISH = `local n = tonumber(ARGV[3])
if ARGV[4] == '1' then
  local turn = tonumber(redis.call('GET', KEYS[2]) or '1')
  if turn > n then return 0 end
  if turn < n then return -1 end
end
if redis.call('XACK', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
if ARGV[4] == '1' then
  redis.call('SET', KEYS[2], n + 1)
  if ARGV[5] ~= '' then
    redis.call('RPUSH', ARGV[5], '1')
    redis.call('PEXPIRE', ARGV[5], 60000)
  end
end
local fields = {}
for i = 6, #ARGV do fields[#fields + 1] = ARGV[i] end
redis.call('XADD', KEYS[3], '*', unpack(fields))
redis.call('XDEL', KEYS[1], ARGV[2])
return 1`

/**
 * Moves the turn past entries that are gone: KEYS stream, turn. Judged entries are deleted by
 * {@link FINISH}, and entries are in `n` order, so the stream's first entry is the smallest
 * unfinished one; a turn below it names entries removed without a result (trimmed or deleted by
 * hand, a counter kept while the stream was deleted), which no worker will ever finish: without
 * this, ordered workers would wait for them for ever. Returns the turn.
 */
const SKIP_GONE = `local turn = tonumber(redis.call('GET', KEYS[2]) or '1')
local first = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', 1)[1]
if not first then return turn end
local fields = first[2]
for i = 1, #fields, 2 do
  if fields[i] == 'n' then
    local n = tonumber(fields[i + 1])
    if n and n > turn then
      redis.call('SET', KEYS[2], n)
      return n
    end
  end
end
return turn`

interface ScriptedClient extends RedisClient {
  queueSkipGone(numKeys: number, ...keysAndArgs: string[]): Promise<number>
  queueAppend(numKeys: number, ...keysAndArgs: Array<string | Buffer>): Promise<number>
  queueFinish(numKeys: number, ...keysAndArgs: Array<string | Buffer>): Promise<number>
}

/** The error of a queue that cannot be reached. */
function unavailable(url: string, cause: unknown): DedupeError {
  const reason = cause instanceof Error ? cause.message : String(cause)
  return new DedupeError('E_QUEUE_UNAVAILABLE', `Cannot use the Redis queue at ${redactUrl(url)}: ${reason}`, { cause })
}

/** Entries of an XREADGROUP/XAUTOCLAIM reply (deleted entries come with no fields: left out). */
function entriesOf(raw: unknown): StreamEntry[] {
  const out: StreamEntry[] = []
  for (const item of (raw ?? []) as Array<[Buffer, Buffer[] | null]>) {
    if (item[1] === null) continue
    out.push({ entryId: item[0].toString(), fields: item[1] })
  }
  return out
}

/**
 * Opens a queue on the Redis server at `url` (`redis://[:password@]host[:port][/db]`), once
 * its first connection is up (tried once, bounded by `connectTimeout`).
 *
 * The stream's entries are numbered at enqueue time (`n`, from 1, by a counter beside the
 * stream): the order `feed` would read them in. A worker in ordered mode writes the result of
 * entry `n` only when the group's turn (`<stream>:turn:<group>`) is `n`, and passes it on in the
 * same script, so results come out in `n` order and each article is judged after every earlier
 * one: the verdicts are those of `feed` over the same input.
 *
 * @throws {DedupeError} `E_QUEUE_UNAVAILABLE` when Redis cannot be reached (or ioredis is missing).
 */
export async function openRedisQueue(url: string, options: RedisQueueOptions = {}): Promise<RedisQueue> {
  const stream = options.stream ?? 'news-dedup-queue:articles'
  const outputStream = options.outputStream ?? 'news-dedup-queue:results'
  const group = options.group ?? 'news-dedup'
  const timeout = options.connectTimeout ?? 5000
  const { redis, ready } = connectOnce<ScriptedClient>(
    url,
    timeout,
    { queueAppend: APPEND, queueFinish: FINISH, queueSkipGone: SKIP_GONE },
    (cause) => unavailable(url, cause),
  )
  await ready
  const counter = `${stream}:n`
  const turnKey = `${stream}:turn:${group}`
  const wakePrefix = `${stream}:wake:${group}:`
  // The connection of the blocking waits, opened at the first: a pending BLPOP holds up every
  // command behind it on its connection.
  let blocking: RedisClient | null = null
  const queue: RedisQueue = {
    stream,
    outputStream,
    group,
    async append(entries) {
      if (entries.length === 0) return
      const args: Array<string | Buffer> = []
      for (const fields of entries) args.push(String(fields.length), ...fields)
      await redis.queueAppend(2, stream, counter, ...args)
    },
    async ensureGroup() {
      try {
        await redis.xgroup('CREATE', stream, group, '0', 'MKSTREAM')
      } catch (error) {
        if (!/BUSYGROUP/.test((error as Error).message)) throw error
      }
    },
    async readNew(consumer, count, blockMs) {
      const block = blockMs > 0 ? ['BLOCK', String(blockMs)] : []
      const reply = await redis.callBuffer('XREADGROUP', 'GROUP', group, consumer, 'COUNT', String(count), ...block, 'STREAMS', stream, '>')
      const streams = (reply ?? []) as Array<[Buffer, unknown]>
      return streams.flatMap(([, entries]) => entriesOf(entries))
    },
    async claimIdle(consumer, minIdleMs, count) {
      const out: StreamEntry[] = []
      let cursor = '0-0'
      do {
        const [next, entries] = (await redis.callBuffer('XAUTOCLAIM', stream, group, consumer, String(minIdleMs), cursor, 'COUNT', String(count - out.length))) as [Buffer, unknown]
        cursor = next.toString()
        out.push(...entriesOf(entries))
      } while (cursor !== '0-0' && out.length < count)
      return out
    },
    async touch(consumer, entryIds) {
      if (entryIds.length > 0) await redis.xclaim(stream, group, consumer, 0, ...entryIds, 'JUSTID')
    },
    async turn() {
      return Number((await redis.get(turnKey)) ?? 1)
    },
    async waitTurn(n, timeoutMs) {
      if (blocking === null) {
        blocking = redis.duplicate()
        blocking.on('error', () => {}) // reaches the waiting command
      }
      return (await blocking.blpop(`${wakePrefix}${n}`, Math.max(timeoutMs, 1) / 1000)) !== null
    },
    async skipGone() {
      return Number(await redis.queueSkipGone(2, stream, turnKey))
    },
    async finish(entryId, result, ordered, wake = false) {
      const fields = ['n', String(result.n), 'id', result.id, 'duplicate', result.duplicate === null ? '' : result.duplicate ? '1' : '0', 'line', result.line]
      const done = await redis.queueFinish(3, stream, turnKey, outputStream, group, entryId, String(result.n), ordered ? '1' : '', wake ? `${wakePrefix}${result.n + 1}` : '', ...fields)
      return done === 1 ? 'written' : done === 0 ? 'finished' : 'early'
    },
    async discard(entryId) {
      await redis.multi().xack(stream, group, entryId).xdel(stream, entryId).exec()
    },
    async pending() {
      const summary = (await redis.xpending(stream, group)) as [number, ...unknown[]]
      return Number(summary[0])
    },
    async results(afterId, count) {
      const start = afterId === '0' ? '-' : `(${afterId}`
      const rows = (await redis.xrange(outputStream, start, '+', 'COUNT', count)) as Array<[string, string[]]>
      return rows.map(([resultId, flat]) => {
        const f = new Map<string, string>()
        for (let i = 0; i + 1 < flat.length; i += 2) f.set(flat[i] as string, flat[i + 1] as string)
        const duplicate = f.get('duplicate')
        return {
          resultId,
          n: Number(f.get('n')),
          id: f.get('id') ?? '',
          duplicate: duplicate === '1' ? true : duplicate === '0' ? false : null,
          line: f.get('line') ?? '',
        }
      })
    },
    async deleteResults(resultIds) {
      if (resultIds.length > 0) await redis.xdel(outputStream, ...resultIds)
    },
    async close() {
      // A wait may be pending on it: no QUIT, which would queue behind the BLPOP.
      blocking?.disconnect()
      if (redis.status === 'ready') await redis.quit()
      else if (redis.status !== 'end') redis.disconnect()
    },
  }
  // A connection lost for good (after ioredis' retries) is E_QUEUE_UNAVAILABLE, from every method.
  for (const name of Object.keys(queue) as Array<keyof RedisQueue>) {
    const method = queue[name]
    if (typeof method !== 'function' || name === 'close') continue
    Object.assign(queue, {
      [name]: (...args: unknown[]) =>
        (method as (...a: unknown[]) => Promise<unknown>)(...args).catch((error: unknown) => {
          throw isConnectionError(error) ? unavailable(url, error) : error
        }),
    })
  }
  return queue
}
