import { describe, expect, it } from 'vitest'
import { clean } from '../../src/clean.js'
import { toJson } from '../../src/output/to-json.js'

describe('toJson', () => {
  const input = [
    "Le gouvernement a présenté mercredi un projet de loi visant à réduire de moitié les délais d'instruction des permis de construire.",
    'Les maires ont salué l’annonce, tout en réclamant des moyens supplémentaires pour leurs services.',
    "Le gouvernement a présenté mercredi un projet de loi visant à réduire de moitié les délais d'instruction des permis de construire.",
  ].join('\n\n')
  const result = clean(input)
  const json = toJson(result)

  it('parses back to the result, unchanged', () => {
    expect(JSON.parse(json)).toEqual(result)
  })

  it('is indented by two spaces and ends with one newline', () => {
    expect(json.startsWith('{\n  "language": "fr",\n')).toBe(true)
    expect(json.endsWith('}\n')).toBe(true)
    expect(json.endsWith('}\n\n')).toBe(false)
  })

  it('keeps the field order of CleanResult', () => {
    expect(Object.keys(JSON.parse(json))).toEqual(['language', 'confidence', 'paragraphs', 'passages', 'text'])
    const fields = ['index', 'text', 'language', 'confidence', 'start', 'end', 'duplicate', 'repeatedSentences']
    expect(Object.keys(JSON.parse(json).paragraphs[1])).toEqual(fields)
    // The opening line of a plain text is its title: `heading` comes last, only where it is true.
    expect(Object.keys(JSON.parse(json).paragraphs[0])).toEqual([...fields, 'heading'])
  })

  it('is byte-identical for a second clean() of the same input', () => {
    expect(toJson(clean(input))).toBe(json)
  })
})
