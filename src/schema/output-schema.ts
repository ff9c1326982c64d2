/**
 * JSON Schema (draft 2020-12) of everything news-dedup writes as JSON: `clean --to json`
 * (a CleanResult, or an array of them for several files), `clean --to jsonl` and the clean
 * streams (article records, error records), `feed` and the feed streams (feed records, error
 * records). `schema/news-dedup.schema.json` is this object serialized
 * (`JSON.stringify(outputSchema, null, 2)`); a test checks they are equal.
 *
 * Objects made from the input (article records, feed records) allow other properties: the
 * input's other fields are carried over. Everything inside them (paragraphs, verdicts,
 * passages) is closed: `additionalProperties: false`. Versioning rules: `schema-version.ts`.
 */

const probability = { type: 'number', minimum: 0, maximum: 1 } as const
const offset = { type: 'integer', minimum: 0 } as const
const language = {
  type: 'string',
  pattern: '^(und|[a-z]{2,3})(-[A-Za-z0-9]{1,8})*$',
  description: "BCP 47 tag: ISO 639-1 where it exists ('fr', 'zh'), else ISO 639-3; 'und' when unknown.",
} as const
const range = {
  type: 'array',
  prefixItems: [offset, offset],
  items: false,
  minItems: 2,
  description: '0-based indexes of the first and last paragraph (inclusive).',
} as const
const duplicateKind = { enum: ['exact', 'near', 'contained'] } as const

/** Fields every paragraph has (JSONL records leave out `index`: the position in the array is the index). */
const paragraphFields = {
  text: { type: 'string', description: 'As written, trimmed, inner white space folded.' },
  language,
  confidence: probability,
  start: { ...offset, description: "UTF-16 offset of the paragraph's source in the input." },
  end: { ...offset, description: "UTF-16 offset of the end of the paragraph's source in the input." },
  duplicate: {
    oneOf: [{ type: 'null' }, { $ref: '#/$defs/duplicate' }],
    description: 'null, or why the paragraph is left out of the cleaned text.',
  },
  repeatedSentences: { type: 'array', items: { $ref: '#/$defs/repeatedSentence' } },
} as const
const paragraphRequired = ['text', 'language', 'confidence', 'start', 'end', 'duplicate', 'repeatedSentences'] as const

const resultFields = {
  language,
  confidence: probability,
  passages: { type: 'array', items: { $ref: '#/$defs/passage' } },
  text: { type: 'string', description: 'The cleaned article: kept paragraphs, repeated sentences cut, joined by a blank line.' },
  encoding: { $ref: '#/$defs/encoding' },
  warnings: { type: 'array', items: { $ref: '#/$defs/warning' } },
} as const

export const outputSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'urn:news-dedup:output-schema:v1',
  title: 'news-dedup output',
  description:
    'news-dedup JSON output, schema version 1.1.0: clean --to json (a clean result, or for several inputs or JSONL input an array of clean results and error records), ' +
    'clean --to jsonl and the clean streams (article or error records), feed and the feed streams (feed or error records).',
  anyOf: [
    { $ref: '#/$defs/cleanResult' },
    { type: 'array', items: { anyOf: [{ $ref: '#/$defs/cleanResult' }, { $ref: '#/$defs/errorRecord' }] } },
    { $ref: '#/$defs/articleRecord' },
    { $ref: '#/$defs/feedRecord' },
    { $ref: '#/$defs/errorRecord' },
  ],
  $defs: {
    encoding: {
      description: 'For input given as bytes (absent for string input): the encoding they were decoded with and how it was decided.',
      type: 'object',
      properties: {
        name: { type: 'string', pattern: '^[a-z0-9_-]+$', description: "WHATWG Encoding standard name: 'utf-8', 'windows-1252', 'shift_jis'…" },
        source: {
          enum: ['bom', 'transport', 'meta', 'xml', 'detected', 'default'],
          description: 'bom; transport (contentType/charset given with the bytes); meta (<meta charset>, http-equiv); xml (declaration); detected (undeclared: valid UTF-8 or the detector); default (UTF-8, nothing to decide).',
        },
      },
      required: ['name', 'source'],
      additionalProperties: false,
    },
    warning: {
      description: "Something about the input that did not stop cleaning: code 'invalid-bytes' (replaced by U+FFFD, count), 'unknown-charset', 'unsupported-encoding', 'markdown-as-text' (Markdown past the parser's shape limits, read as plain text).",
      type: 'object',
      properties: {
        code: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
        message: { type: 'string' },
        count: { type: 'integer', minimum: 1 },
      },
      required: ['code', 'message'],
      additionalProperties: false,
    },
    duplicate: {
      description: 'Why a paragraph repeats earlier material of the same article.',
      type: 'object',
      properties: {
        kind: duplicateKind,
        of: { ...offset, description: '0-based index of the paragraph it repeats (the one kept).' },
        similarity: probability,
      },
      required: ['kind', 'of', 'similarity'],
      additionalProperties: false,
    },
    repeatedSentence: {
      description: 'A sentence of a kept paragraph that repeats an earlier paragraph; cut from the cleaned text.',
      type: 'object',
      properties: {
        start: { ...offset, description: "UTF-16 offset inside the paragraph's text." },
        end: { ...offset, description: "UTF-16 offset inside the paragraph's text." },
        of: { ...offset, description: '0-based index of the earlier paragraph holding the same sentence.' },
        similarity: probability,
      },
      required: ['start', 'end', 'of', 'similarity'],
      additionalProperties: false,
    },
    passage: {
      description: 'A run of consecutive repeated paragraphs that repeat a run of earlier paragraphs.',
      type: 'object',
      properties: { kind: duplicateKind, paragraphs: range, of: range },
      required: ['kind', 'paragraphs', 'of'],
      additionalProperties: false,
    },
    paragraph: {
      description: 'A paragraph of a clean result (clean --to json).',
      type: 'object',
      properties: { index: offset, ...paragraphFields },
      required: ['index', ...paragraphRequired],
      additionalProperties: false,
    },
    recordParagraph: {
      description: 'A paragraph of an article record (JSONL): as in a clean result, without index.',
      type: 'object',
      properties: paragraphFields,
      required: paragraphRequired,
      additionalProperties: false,
    },
    crossDuplicate: {
      description: 'Why another article makes a paragraph redundant (feed).',
      oneOf: [
        {
          type: 'object',
          properties: {
            kind: { enum: ['exact', 'near'] },
            of: {
              type: 'object',
              properties: { article: { type: 'string' }, paragraph: offset },
              required: ['article', 'paragraph'],
              additionalProperties: false,
            },
          },
          required: ['kind', 'of'],
          additionalProperties: false,
        },
        {
          type: 'object',
          properties: { kind: { const: 'boilerplate' } },
          required: ['kind'],
          additionalProperties: false,
        },
      ],
    },
    feedParagraph: {
      description: "A paragraph of a feed record: a clean result's paragraph plus its cross-article verdict.",
      type: 'object',
      properties: {
        index: offset,
        ...paragraphFields,
        crossDuplicate: { oneOf: [{ type: 'null' }, { $ref: '#/$defs/crossDuplicate' }] },
      },
      required: ['index', ...paragraphRequired, 'crossDuplicate'],
      additionalProperties: false,
    },
    articleDuplicate: {
      description: 'The earlier article (kept first by arrival order) that a feed article copies.',
      type: 'object',
      properties: {
        of: { type: 'string', description: 'Id of the earlier, original article.' },
        similarity: probability,
        containment: probability,
        kind: { enum: ['copy', 'near-copy'] },
      },
      required: ['of', 'similarity', 'containment', 'kind'],
      additionalProperties: false,
    },
    cleanResult: {
      description: 'What clean() returns; clean --to json.',
      type: 'object',
      properties: { ...resultFields, paragraphs: { type: 'array', items: { $ref: '#/$defs/paragraph' } } },
      required: ['language', 'confidence', 'paragraphs', 'passages', 'text'],
      additionalProperties: false,
    },
    articleRecord: {
      description: "One line of clean --to jsonl, one record of the clean streams. The input's other fields are carried over.",
      type: 'object',
      properties: {
        id: { description: "The input's id, any JSON value; null when it had none." },
        ...resultFields,
        paragraphs: { type: 'array', items: { $ref: '#/$defs/recordParagraph' } },
      },
      required: ['id', 'language', 'confidence', 'paragraphs', 'passages', 'text'],
      additionalProperties: true,
    },
    feedRecord: {
      description: "One line of feed, one record of the feed streams (FeedResult). The input's other fields are carried over.",
      type: 'object',
      properties: {
        id: {
          description:
            "The article's id as written in the input, any JSON value (the CLI keeps big integers' digits); when it had none, a string hash of its content, url and site (idGenerated: true).",
        },
        idGenerated: { type: 'boolean' },
        site: { type: ['string', 'null'] },
        duplicate: { oneOf: [{ type: 'null' }, { $ref: '#/$defs/articleDuplicate' }] },
        outsideWindow: {
          const: true,
          description: 'Present only on an article already older than the ttl window when it arrived: judged alone (an original with no cross-article repeats).',
        },
        ...resultFields,
        paragraphs: { type: 'array', items: { $ref: '#/$defs/feedParagraph' } },
      },
      required: ['id', 'idGenerated', 'site', 'duplicate', 'language', 'confidence', 'paragraphs', 'passages', 'text'],
      additionalProperties: true,
    },
    errorRecord: {
      description:
        'An input that could not be processed: { id?, line?, source?, error: { code, message } }. ' +
        'JSONL inputs add the 1-based line; feed adds the source (file:line or file).',
      type: 'object',
      properties: {
        id: { description: "The input's id as written, when it could be read; clean writes null when it could not." },
        line: { type: 'integer', minimum: 1, description: '1-based input line (JSONL input).' },
        source: { type: 'string', description: 'file:line or file (feed).' },
        error: {
          type: 'object',
          properties: {
            code: { type: 'string', pattern: '^E_[A-Z0-9_]+$' },
            message: { type: 'string' },
          },
          required: ['code', 'message'],
          additionalProperties: false,
        },
      },
      required: ['error'],
      additionalProperties: false,
    },
  },
} as const
