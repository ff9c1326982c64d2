import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { blankCdata, elementContent, findCloseTag, findOpenTag, splitCdata, SPACE_END_OR_SLASH, unendedOpenTag, WORD_BOUNDARY } from '../../src/io/xml-tags.js'

/** Feed-like text made of the pieces hostile input is made of: tag openers without their end, stray `<` and `>`, CDATA openers. */
const hostileXml = fc
  .array(
    fc.constantFrom('<title', '<title>', '<Title ', '</title>', '</TITLE >', '<titles>', '<link', '<link ', '<link/>', '<link href="u"/>', '<item', '<item ', '<item/>', '<entry>', '</item>', '</item  >', '<![CDATA[', ']]>', '<', '>', '/', ' ', '\n', 'a', 'é', '&amp;'),
    { maxLength: 40 },
  )
  .map((pieces) => pieces.join(''))

// The regular expressions the reader used before the scanner: the scanner must find what they found.
const fieldRegex = (name: string) => new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>`, 'i')

describe('xml-tags: the same answers as the regular expressions they replace', () => {
  it('elementContent finds what `<name(?:\\s[^>]*)?>([\\s\\S]*?)</name>` found', () => {
    fc.assert(
      fc.property(hostileXml, fc.constantFrom('title', 'link', 'item'), (xml, name) => {
        expect(elementContent(xml, name)).toBe(fieldRegex(name).exec(xml)?.[1])
      }),
      { numRuns: 2000 },
    )
  })

  it('findOpenTag with WORD_BOUNDARY finds the `<link\\b([^>]*?)\\/?>` tags, in order', () => {
    fc.assert(
      fc.property(hostileXml, (xml) => {
        const found: string[] = []
        for (let tag = findOpenTag(xml, ['link'], 0, WORD_BOUNDARY); tag !== null; tag = findOpenTag(xml, ['link'], tag.end, WORD_BOUNDARY)) {
          found.push(tag.attributes.endsWith('/') ? tag.attributes.slice(0, -1) : tag.attributes)
        }
        expect(found).toEqual([...xml.matchAll(/<link\b([^>]*?)\/?>/gi)].map((m) => m[1]))
      }),
      { numRuns: 2000 },
    )
  })

  it('findOpenTag with SPACE_END_OR_SLASH finds the item start `<(item|entry)(?=[\\s>/])[^>]*>`', () => {
    fc.assert(
      fc.property(hostileXml, (xml) => {
        const match = /<(item|entry)(?=[\s>/])[^>]*>/i.exec(xml)
        const tag = findOpenTag(xml, ['item', 'entry'], 0, SPACE_END_OR_SLASH)
        expect(tag === null ? null : [tag.start, tag.end, tag.name]).toEqual(match === null ? null : [match.index, match.index + match[0].length, match[1]!.toLowerCase()])
      }),
      { numRuns: 2000 },
    )
  })

  it('findOpenTag with a maximum length finds the first such tag of at most that length (`<(item|entry)(?=[\\s>/])[^>]{0,k}>`)', () => {
    fc.assert(
      fc.property(hostileXml, fc.integer({ min: 6, max: 30 }), (xml, maxLength) => {
        // Tried at every `<`: a tag too long may hold a shorter one.
        const found = [...xml.matchAll(/</g)].map((m) => [m.index, /^<(item|entry)(?=[\s>/])[^>]*>/i.exec(xml.slice(m.index))?.[0]] as const).find(([, tag]) => tag !== undefined && tag.length <= maxLength)
        const tag = findOpenTag(xml, ['item', 'entry'], 0, SPACE_END_OR_SLASH, maxLength)
        expect(tag === null ? null : [tag.start, tag.end]).toEqual(found === undefined ? null : [found[0], found[0] + found[1]!.length])
      }),
      { numRuns: 2000 },
    )
  })

  it('unendedOpenTag finds the first item start after which no `>` comes', () => {
    fc.assert(
      fc.property(hostileXml, (xml) => {
        const starts = [...xml.matchAll(/<(item|entry)(?=[\s>/]|$)/gi)].map((m) => m.index).filter((at) => !xml.includes('>', at))
        expect(unendedOpenTag(xml, ['item', 'entry'], 0, SPACE_END_OR_SLASH)).toBe(starts[0] ?? -1)
      }),
      { numRuns: 2000 },
    )
  })

  it('findCloseTag finds `</name\\s*>` (spaced) and `</name>`', () => {
    fc.assert(
      fc.property(hostileXml, fc.nat(10), (xml, from) => {
        const spaced = /<\/item\s*>/gi
        spaced.lastIndex = from
        const m = spaced.exec(xml)
        expect(findCloseTag(xml, 'item', from, true)).toEqual(m === null ? null : [m.index, m.index + m[0].length])
        const exact = xml.slice(from).search(/<\/title>/i)
        expect(findCloseTag(xml, 'title', from)?.[0] ?? -1).toBe(exact === -1 ? -1 : exact + from)
      }),
      { numRuns: 2000 },
    )
  })
})

describe('splitCdata', () => {
  it('unwraps closed sections and leaves an unclosed opener as plain text', () => {
    expect(splitCdata('a<![CDATA[<b>]]>c<![CDATA[d')).toEqual([
      { text: 'a', cdata: false },
      { text: '<b>', cdata: true },
      { text: 'c<![CDATA[d', cdata: false },
    ])
  })

  it('gives back the text it was given, sections re-wrapped', () => {
    fc.assert(
      fc.property(hostileXml, (xml) => {
        expect(splitCdata(xml).map((p) => (p.cdata ? `<![CDATA[${p.text}]]>` : p.text)).join('')).toBe(xml)
      }),
    )
  })
})

describe('blankCdata', () => {
  it('keeps the length and every character outside the sections, and blanks their insides', () => {
    expect(blankCdata('<a><![CDATA[<b>]]></a><![CDATA[x')).toBe('<a><![CDATA[   ]]></a><![CDATA[x')
    fc.assert(
      fc.property(hostileXml, (xml) => {
        const blank = blankCdata(xml)
        expect(blank.length).toBe(xml.length)
        expect(splitCdata(blank).map((p) => (p.cdata ? p.text.replace(/ /g, '') : p.text))).toEqual(splitCdata(xml).map((p) => (p.cdata ? '' : p.text)))
      }),
      { numRuns: 1000 },
    )
  })
})
