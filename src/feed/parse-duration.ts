import { DedupeError } from '../errors.js'

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }

/**
 * Reads a duration: a number of milliseconds, or a string such as `'7d'`, `'12h'`, `'30m'`,
 * `'45s'`, `'500ms'`, `'2w'` (decimals allowed, e.g. `'1.5d'`).
 * @throws {DedupeError} `E_INVALID_OPTION` for anything else.
 */
export function parseDuration(value: string | number): number {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value
  if (typeof value === 'string') {
    const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)?\s*$/i.exec(value)
    if (match) {
      const ms = Number(match[1]) * (UNITS[(match[2] ?? 'ms').toLowerCase()] as number)
      if (ms > 0) return ms
    }
  }
  throw new DedupeError('E_INVALID_OPTION', `Expected \`ttl\` as milliseconds or a duration such as '7d' or '12h', not \`${String(value)}\``)
}
