import { DedupeError } from '../errors.js'

/**
 * A usage mistake on the command line (an unknown flag or command, a bad flag value): a
 * {@link DedupeError} with code `E_USAGE`, printed as `news-dedup: E_USAGE: message`, exit code 2.
 */
export class UsageError extends DedupeError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('E_USAGE', message, options)
    this.name = 'UsageError'
  }
}
