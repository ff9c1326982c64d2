import { afterAll, describe, expect, it } from 'vitest'
import { articleTime } from '../../src/feed/article-time.js'

const original = process.env.TZ
afterAll(() => {
  if (original === undefined) delete process.env.TZ
  else process.env.TZ = original
})

const ARRIVAL = 42
const utc = (...parts: [number, number, number, number?, number?, number?, number?]) => Date.UTC(...parts)

describe('articleTime', () => {
  // Node reads TZ again whenever it is set: each zone below is the machine's zone in turn.
  describe.each(['UTC', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham', 'Pacific/Kiritimati', 'America/St_Johns'])('in the time zone %s', (zone) => {
    it.each([
      // dates without a zone are UTC
      ['2024-03-12T10:00:00', utc(2024, 2, 12, 10)],
      ['2024-03-12 10:00', utc(2024, 2, 12, 10)],
      ['2024-03-12T10:00:00.250', utc(2024, 2, 12, 10, 0, 0, 250)],
      ['2024-03-12', utc(2024, 2, 12)],
      ['Tue, 12 Mar 2024 10:00:00', utc(2024, 2, 12, 10)],
      ['March 12, 2024 10:00', utc(2024, 2, 12, 10)],
      ['March 12, 2024', utc(2024, 2, 12)],
      ['03-12-2024', utc(2024, 2, 12)], // its `-2024` is the year, not a zone
      ['03-12-2024 10:00', utc(2024, 2, 12, 10)],
      ['2024/03/12 10:00', utc(2024, 2, 12, 10)],
      ['2024-03-12t10:00:00', utc(2024, 2, 12, 10)],
      ['2024-03-12T10:00:00,5', utc(2024, 2, 12, 10, 0, 0, 500)],
      // dotted dates are day first (V8's Date.parse reads `12.03.2024` as 3 December)
      ['12.03.2024', utc(2024, 2, 12)],
      ['1.2.2024', utc(2024, 1, 1)],
      ['12.03.24', utc(2024, 2, 12)],
      ['12.03.99', utc(1999, 2, 12)],
      ['12.03.2024 10:00', utc(2024, 2, 12, 10)],
      ['12.03.2024, 9:05', utc(2024, 2, 12, 9, 5)],
      ['12.03.2024T10:00:30', utc(2024, 2, 12, 10, 0, 30)],
      ['12.03.2024 10:00 +0100', utc(2024, 2, 12, 9)],
      ['12.13.2024', ARRIVAL], // no thirteenth month: not read month first instead
      ['32.01.2024', ARRIVAL],
      // ISO dates alone are UTC already: not shifted again
      ['2024', utc(2024, 0, 1)],
      ['2024-03', utc(2024, 2, 1)],
      ['+002024-03-12', utc(2024, 2, 12)],
      // local times some zones skip are no special case: New York's and St. John's daylight saving
      // gap, the day Kiritimati left out (1994-12-31)
      ['Sun, 10 Mar 2024 02:30:00', utc(2024, 2, 10, 2, 30)],
      ['Sat, 31 Dec 1994 12:00:00', utc(1994, 11, 31, 12)],
      ['Sun Nov 03 2024 01:30:00', utc(2024, 10, 3, 1, 30)],
      // a zone given is used
      ['2024-03-12T10:00:00Z', utc(2024, 2, 12, 10)],
      ['2024-03-12T10:00:00+02:00', utc(2024, 2, 12, 8)],
      ['Tue, 12 Mar 2024 10:00:00 GMT', utc(2024, 2, 12, 10)],
      ['Tue, 12 Mar 2024 10:00:00 +0100', utc(2024, 2, 12, 9)],
      ['Tue, 12 Mar 2024 10:00:00 EST', utc(2024, 2, 12, 15)],
      ['12 Mar 2024 10:00 +01', utc(2024, 2, 12, 9)],
      ['Tue Mar 12 2024 10:00:00 GMT+0200 (CEST)', utc(2024, 2, 12, 8)],
      ['2024-03-12 10:00:00+02:00', utc(2024, 2, 12, 8)],
      // ms since epoch as they are; anything else is the arrival time
      [1_700_000_000_000, 1_700_000_000_000],
      ['not a date', ARRIVAL],
      [null, ARRIVAL],
      [Number.NaN, ARRIVAL],
    ])('%s', (published, expected) => {
      process.env.TZ = zone
      expect(articleTime(published, ARRIVAL)).toBe(expected)
    })
  })
})
