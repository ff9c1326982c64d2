import { data } from 'franc/data.js'
import { ELD_LANGUAGES } from './eld-scores.js'
import { toBcp47 } from './iso639.js'
import { SCRIPT_LANGUAGE } from './script.js'

/**
 * Every BCP 47 tag the identifier can return: franc's 187 profiles, eld's 60 languages and the
 * languages that own a script (Hangul → `ko`, Thai → `th`, …).
 */
export const KNOWN_LANGUAGES: ReadonlySet<string> = new Set([
  ...Object.values(data).flatMap((profiles) => Object.keys(profiles).map(toBcp47)),
  ...ELD_LANGUAGES,
  ...Object.values(SCRIPT_LANGUAGE),
])
