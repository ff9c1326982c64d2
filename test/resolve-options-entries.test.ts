/**
 * One resolver for every entry point: `clean()`, the deduplicator, the streams, the unified
 * plugins and the CLI all take their defaults from `defaultOptions` through `resolveOptions()`,
 * reject bad values with the same typed error, and see frozen options.
 */
import { describe, expect, it } from 'vitest'
import { resolvePluginOptions } from '../src/adapters/unified/options.js'
import { createCleanStream } from '../src/adapters/streams/create-clean-stream.js'
import { createCleanTransform } from '../src/adapters/streams/create-clean-transform.js'
import { createFeedStream } from '../src/adapters/streams/create-feed-stream.js'
import { createFeedTransform } from '../src/adapters/streams/create-feed-transform.js'
import { feedStage } from '../src/adapters/streams/feed-record.js'
import { rehypeNewsDedup } from '../src/adapters/unified/rehype-news-dedup.js'
import { remarkNewsDedup } from '../src/adapters/unified/remark-news-dedup.js'
import { CLEAN_FLAGS, optionsFromFlags } from '../src/cli/clean-flags.js'
import { parseFlags } from '../src/cli/parse-flags.js'
import { clean } from '../src/clean.js'
import { DedupeError } from '../src/errors.js'
import { createDeduplicator } from '../src/feed/create-deduplicator.js'
import { resolveFeedOptions } from '../src/feed/feed-options.js'
import { defaultOptions, resolveOptions } from '../src/options.js'

/** The clean() sections of `defaultOptions`, as every entry must resolve them with no options. */
const { feed: _feed, stream: _stream, plugin: _plugin, ...CLEAN_DEFAULTS } = defaultOptions

/** Every own object inside `value` is frozen (arrays included). */
function deepFrozen(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true
  return Object.isFrozen(value) && Object.values(value).every(deepFrozen)
}

/** The code of the error `run` throws (fails the test when it throws nothing). */
function codeOf(run: () => unknown): string {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(DedupeError)
    return `${(error as DedupeError).code}: ${(error as Error).message}`
  }
  throw new Error('nothing thrown')
}

describe('every entry resolves the same defaults', () => {
  it('clean(), through resolveOptions()', () => {
    expect(resolveOptions()).toEqual(CLEAN_DEFAULTS)
    expect(resolveOptions({})).toEqual(CLEAN_DEFAULTS)
  })

  it('the deduplicator: the feed section and the clean() sections', () => {
    const { feed, clean: cleanOptions } = resolveFeedOptions({})
    const { now: _now, ...feedSection } = feed
    expect(feedSection).toEqual(defaultOptions.feed)
    expect(cleanOptions).toEqual(CLEAN_DEFAULTS)
  })

  it('the streams: the stream section (buffer sizes) and, for the feed streams, the feed section', () => {
    expect(resolveOptions(null, { sections: ['stream'] }).stream).toEqual(defaultOptions.stream)
    expect(createCleanTransform().readableHighWaterMark).toBe(defaultOptions.stream.highWaterMark)
    expect(createCleanTransform().writableHighWaterMark).toBe(defaultOptions.stream.highWaterMark)
    const stage = feedStage(undefined)
    expect(stage.highWaterMark).toBe(defaultOptions.stream.highWaterMark)
    return stage.close()
  })

  it('the unified plugins: the plugin section and the clean() sections', () => {
    const { mode, options } = resolvePluginOptions(undefined)
    expect(mode).toBe(defaultOptions.plugin.mode)
    expect(options).toEqual({ ...CLEAN_DEFAULTS, plugin: defaultOptions.plugin })
  })

  it('the CLI: no flags are the defaults of every section', () => {
    const options = optionsFromFlags(parseFlags([], CLEAN_FLAGS).values)
    expect(resolveOptions(options, { sections: ['feed'] })).toEqual({ ...CLEAN_DEFAULTS, feed: defaultOptions.feed })
  })

  it('every section at once equals defaultOptions', () => {
    expect(resolveOptions(undefined, { sections: ['feed', 'stream', 'plugin'] })).toEqual(defaultOptions)
  })
})

describe('a bad value is the same typed error at every entry', () => {
  it.each([
    ['clean()', () => clean('Text.', { detect: { nearThreshold: 2 } })],
    ['createDeduplicator', () => createDeduplicator({ detect: { nearThreshold: 2 } })],
    ['createCleanStream', () => createCleanStream({ detect: { nearThreshold: 2 } })],
    ['createCleanTransform', () => createCleanTransform({ detect: { nearThreshold: 2 } })],
    ['createFeedStream', () => createFeedStream({ detect: { nearThreshold: 2 } })],
    ['createFeedTransform', () => createFeedTransform({ detect: { nearThreshold: 2 } })],
    ['rehypeNewsDedup', () => rehypeNewsDedup({ detect: { nearThreshold: 2 } })],
    ['remarkNewsDedup', () => remarkNewsDedup({ detect: { nearThreshold: 2 } })],
  ])('%s: a clean() option out of range', (_entry, run) => {
    expect(codeOf(run)).toBe('E_INVALID_OPTION: Expected `detect.nearThreshold` between 0 and 1, not `2`')
  })

  it.each([
    ['createDeduplicator', () => createDeduplicator({ bands: 0 }), 'Expected `bands` to be a whole number ≥ 1, not `0`'],
    ['createFeedStream', () => createFeedStream({ ttl: 'soon' }), "Expected `ttl` as milliseconds or a duration such as '7d' or '12h', not `soon`"],
    ['createCleanStream', () => createCleanStream({ highWaterMark: -1 }), 'Expected `highWaterMark` to be a whole number ≥ 0, not `-1`'],
    ['createFeedTransform', () => createFeedTransform({ highWaterMark: 1.5 }), 'Expected `highWaterMark` to be a whole number ≥ 0, not `1.5`'],
    ['rehypeNewsDedup', () => rehypeNewsDedup({ mode: 'hide' as never }), 'Expected `mode` to be remove or mark, not `hide`'],
  ])('%s: an option of its own section', (_entry, run, message) => {
    expect(codeOf(run)).toBe(`E_INVALID_OPTION: ${message}`)
  })

  // A key is known when any section of the entry has it, and a typo is matched against all of them.
  it.each([
    ['createFeedStream', () => createFeedStream({ bandz: 3 } as never), /^E_INVALID_OPTION: Unknown option `bandz`: did you mean `bands`\?/],
    ['createFeedStream', () => createFeedStream({ highWaterMrk: 3 } as never), /did you mean `highWaterMark`\?/],
    ['createCleanStream', () => createCleanStream({ bands: 3 } as never), /^E_INVALID_OPTION: Unknown option `bands`/],
    ['remarkNewsDedup', () => remarkNewsDedup({ mdoe: 'mark' } as never), /did you mean `mode`\?/],
    ['createDeduplicator', () => createDeduplicator({ mode: 'mark' } as never), /^E_INVALID_OPTION: Unknown option `mode`/],
  ])('%s: an unknown key', (_entry, run, message) => {
    expect(codeOf(run)).toMatch(message)
  })
})

describe('resolved options are frozen', () => {
  it('defaultOptions, every section', () => {
    expect(deepFrozen(defaultOptions)).toBe(true)
  })

  it('what resolveOptions() returns, every section, language.only included', () => {
    const resolved = resolveOptions(
      { language: { only: ['fr', 'en'] }, detect: { minLength: 20 }, bands: 8, highWaterMark: 4, mode: 'mark' } as never,
      { sections: ['feed', 'stream', 'plugin'] },
    )
    expect(deepFrozen(resolved)).toBe(true)
    expect(resolved).toMatchObject({ feed: { bands: 8 }, stream: { highWaterMark: 4 }, plugin: { mode: 'mark' }, detect: { minLength: 20 } })
    expect(() => {
      ;(resolved.detect as { minLength: number }).minLength = 1
    }).toThrow(TypeError)
  })

  it('a caller changing its array later does not change the resolved options', () => {
    const only = ['fr']
    const resolved = resolveOptions({ language: { only } })
    only.push('en')
    expect(resolved.language.only).toEqual(['fr'])
  })

  it('resolved options given back are taken as they are; with a section they lack, resolved again', () => {
    const resolved = resolveOptions({ detect: { nearThreshold: 0.7 } }, { sections: ['stream'] })
    expect(resolveOptions(resolved)).toBe(resolved)
    expect(resolveOptions(resolved, { sections: ['stream'] })).toBe(resolved)
    const clean = resolveOptions({ detect: { nearThreshold: 0.7 } })
    const withStream = resolveOptions(clean, { sections: ['stream'] })
    expect(withStream).not.toBe(clean)
    expect(withStream).toMatchObject({ detect: { nearThreshold: 0.7 }, stream: defaultOptions.stream })
  })
})
