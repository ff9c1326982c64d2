import { describe, expect, it } from 'vitest'
import { DedupeError } from '../src/errors.js'
import { defaultOptions, resolveOptions } from '../src/options.js'

describe('resolveOptions', () => {
  it.each([[undefined], [null], [{}]])('fills every default for %j', (options) => {
    const resolved = resolveOptions(options)
    expect(resolved.detect).toEqual(defaultOptions.detect)
    expect(resolved.format).toBeUndefined()
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
    expect(messageOf({ colour: 'red' })).toBe('Unknown option `colour` (known: format, split, detect, language)')
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
