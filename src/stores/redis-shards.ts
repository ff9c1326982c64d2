import { DedupeError } from '../errors.js'

/** Default of `RedisIndexOptions.shards` (and of `--shards`): compact for windows up to ~8,000 articles. */
export const DEFAULT_REDIS_SHARDS = 1024

/** Most shards a Redis index takes (2^24). */
const MOST_SHARDS = 2 ** 24

/**
 * A Redis index's shard count as given (`undefined`: the default), checked where the index is
 * opened and by the CLI before anything is read.
 *
 * @throws {DedupeError} `E_INVALID_OPTION` for anything but an integer from 1 to 16,777,216.
 */
export function resolveRedisShards(shards: number | undefined): number {
  const value = shards ?? DEFAULT_REDIS_SHARDS
  if (!Number.isInteger(value) || value < 1 || value > MOST_SHARDS) {
    throw new DedupeError('E_INVALID_OPTION', `Invalid option shards: ${String(value)}. Expected an integer from 1 to ${MOST_SHARDS}`)
  }
  return value
}
