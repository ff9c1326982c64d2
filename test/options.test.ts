import { describe, expect, it } from 'vitest'
import { DedupeError } from '../src/errors.js'
import { resolveFeedOptions } from '../src/feed/feed-options.js'
import { defaultOptions, resolveOptions } from '../src/options.js'

describe('resolveOptions', () => {
  it.each([[undefined], [null], [{}]])('fills every default for %j', (options) => {
    const resolved = resolveOptions(options)
    expect(resolved.detect).toEqual(defaultOptions.detect)
    expect(resolved.format).toBeUndefined()
    // Every section fully resolved: the stages never fill in a default themselves.
    expect(resolved.split).toEqual({ lineBreaks: 'auto', wrapWidth: null })
    expect(resolved.language).toEqual({ only: undefined, minLength: 10 })
  })

  it('reads null as the default in every section', () => {
    const resolved = resolveOptions({ split: { lineBreaks: null, wrapWidth: null }, language: { only: null, minLength: null } } as never)
    expect(resolved.split).toEqual(defaultOptions.split)
    expect(resolved.language).toEqual(defaultOptions.language)
  })

  it('holds every section\'s defaults in one frozen object', () => {
    for (const section of ['split', 'detect', 'language', 'feed', 'stream', 'plugin'] as const) {
      expect(Object.isFrozen(defaultOptions[section])).toBe(true)
    }
    expect(defaultOptions.feed).toMatchObject({ jaccardThreshold: 0.5, containmentThreshold: 0.8, bands: 16, rows: 4, ttl: null })
    expect(defaultOptions.stream).toEqual({ highWaterMark: 1 })
    expect(defaultOptions.plugin).toEqual({ mode: 'remove' })
  })

  it('keeps given values and fills the others', () => {
    const resolved = resolveOptions({ format: 'html', detect: { nearThreshold: 0.7 }, language: { only: ['fr', 'en'], minLength: 5 } })
    expect(resolved.format).toBe('html')
    expect(resolved.detect).toEqual({ nearThreshold: 0.7, containThreshold: 0.95, minLength: 40, minSentenceLength: 40 })
    expect(resolved.language).toEqual({ only: ['fr', 'en'], minLength: 5 })
  })

  it.each([
    [{ detect: { nearThreshold: 0 } }],
    [{ detect: { nearThreshold: 1 } }],
    [{ detect: { minLength: 0, minSentenceLength: 0 } }],
    [{ split: { lineBreaks: 'paragraph' as const, wrapWidth: 72 } }],
  ])('accepts the boundary values %j', (options) => {
    expect(() => resolveOptions(options)).not.toThrow()
  })

  it('throws DedupeError with a stable code and a message giving the value', () => {
    try {
      resolveOptions({ detect: { containThreshold: 7 } })
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(DedupeError)
      expect(error).toBeInstanceOf(Error)
      expect((error as DedupeError).code).toBe('E_INVALID_OPTION')
      expect((error as DedupeError).message).toBe('Expected `detect.containThreshold` between 0 and 1, not `7`')
    }
  })
})

describe('resolveOptions: unknown keys and languages', () => {
  const messageOf = (options: unknown, extra?: string[]): string => {
    try {
      resolveOptions(options as never, extra)
    } catch (error) {
      expect((error as DedupeError).code).toBe('E_INVALID_OPTION')
      return (error as Error).message
    }
    throw new Error('resolveOptions did not throw')
  }

  it('names a misspelt key and suggests the right one', () => {
    expect(messageOf({ detect: { nearTreshold: 0.5 } })).toMatch(/^Unknown option `detect.nearTreshold`: did you mean `detect.nearThreshold`\?/)
    expect(messageOf({ langauge: { only: ['fr'] } })).toMatch(/^Unknown option `langauge`: did you mean `language`\?/)
    expect(messageOf({ split: { linebreaks: 'join' } })).toMatch(/did you mean `split.lineBreaks`/)
  })

  it('rejects a key with nothing close, listing the known ones', () => {
    expect(messageOf({ colour: 'red' })).toBe('Unknown option `colour` (known: format, split, detect, language, contentType, charset, extract)')
  })

  it('accepts the keys a caller layer declares as its own', () => {
    expect(() => resolveOptions({ highWaterMark: 4 } as never, ['highWaterMark'])).not.toThrow()
    expect(messageOf({ highWaterMark: 4 })).toMatch(/^Unknown option `highWaterMark`/)
  })

  it.each([['english'], ['zz'], ['x"><script>'], ['1234']])('rejects the language name %s', (name) => {
    expect(messageOf({ language: { only: ['fr', name] } })).toContain(`Unknown language \`${name}\``)
  })

  it.each([['fr'], ['fra'], ['pt-BR'], ['zh-Hant'], ['no'], ['ceb'], ['ko']])('accepts the language name %s', (name) => {
    expect(() => resolveOptions({ language: { only: [name] } })).not.toThrow()
  })
})

describe('resolveFeedOptions', () => {
  it('fills the feed defaults from defaultOptions.feed', () => {
    const { feed } = resolveFeedOptions({})
    const { now, ...rest } = feed
    expect(rest).toEqual(defaultOptions.feed)
    expect(now).toBe(Date.now)
  })

  // The feed's Jaccard and containment thresholds once shared the names of detect's token-sequence ones.
  it('reads the deprecated nearThreshold / containThreshold when the new names are not given', () => {
    expect(resolveFeedOptions({ nearThreshold: 0.6, containThreshold: 0.7 }).feed).toMatchObject({ jaccardThreshold: 0.6, containmentThreshold: 0.7 })
    expect(resolveFeedOptions({ nearThreshold: 0.6, jaccardThreshold: 0.4 }).feed.jaccardThreshold).toBe(0.4)
    expect(() => resolveFeedOptions({ nearThreshold: 2 })).toThrow('Expected `nearThreshold` between 0 and 1, not `2`')
    expect(() => resolveFeedOptions({ jaccardThreshold: 2 })).toThrow('Expected `jaccardThreshold` between 0 and 1, not `2`')
  })

  it('keeps detect.nearThreshold for the clean() options, apart from the feed\'s own', () => {
    const { feed, clean } = resolveFeedOptions({ jaccardThreshold: 0.45, detect: { nearThreshold: 0.9 } })
    expect(feed.jaccardThreshold).toBe(0.45)
    expect(clean).toEqual(resolveOptions({ detect: { nearThreshold: 0.9 } }))
    expect(clean.detect.nearThreshold).toBe(0.9)
    expect(Object.isFrozen(clean)).toBe(true)
  })
})

describe('resolveOptions: extract', () => {
  it('defaults to false, takes a boolean, rejects anything else', () => {
    expect(resolveOptions({}).extract).toBe(false)
    expect(resolveOptions({ extract: true }).extract).toBe(true)
    expect(resolveOptions({ extract: null as never }).extract).toBe(false)
    expect(() => resolveOptions({ extract: 'yes' as never })).toThrow('Expected `extract` to be true or false, not `yes`')
  })
})

describe('resolveOptions: the transport of bytes', () => {
  it('keeps contentType and charset, refuses other types', () => {
    expect(resolveOptions({ contentType: 'text/html; charset=koi8-r', charset: 'koi8-r' })).toMatchObject({ contentType: 'text/html; charset=koi8-r', charset: 'koi8-r' })
    expect(resolveOptions({ charset: null as never })).toMatchObject({ charset: undefined })
    expect(() => resolveOptions({ charset: 1251 as never })).toThrow('Expected `charset` to be a string')
  })
})

// `{ format }` and `{ extract }` alone (most calls) are resolved from objects made once: the answer
// must be the full resolution's, for every value, valid or not.
describe('resolveOptions: format and extract alone', () => {
  const full = (options: Record<string, unknown>): unknown => resolveOptions({ ...options, detect: {} }) // a key that takes the full path
  const formats = [undefined, null, 'text', 'html', 'markdown', 'xml', 'TEXT', 3]
  const extracts = [undefined, null, true, false, 'yes', 1]

  it.each(formats.flatMap((format) => extracts.map((extract) => [format, extract] as const)))('format %j, extract %j', (format, extract) => {
    const options = { format, extract } as Record<string, unknown>
    let expected: unknown
    try {
      expected = full(options)
    } catch (error) {
      expect(() => resolveOptions(options)).toThrow((error as Error).message)
      return
    }
    const resolved = resolveOptions(options)
    expect(resolved).toEqual(expected)
    expect(Object.isFrozen(resolved)).toBe(true)
    // Given back, it is taken as resolved.
    expect(resolveOptions(resolved)).toBe(resolved)
  })

  it('takes the full path for any other key (an unknown one is still an error)', () => {
    expect(() => resolveOptions({ format: 'text', formt: 'html' } as never)).toThrow(/Unknown option `formt`/)
    expect(resolveOptions({ format: 'text', split: { lineBreaks: 'join' } }).split.lineBreaks).toBe('join')
  })
})
