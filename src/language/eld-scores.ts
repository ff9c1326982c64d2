/**
 * Thin wrapper over eld (Nito-ELD, 'small' database): byte 4-gram detector, strong on short text,
 * for 60 languages. We never change eld's settings (no subset, no cleanup): filtering to the
 * candidates happens here, so the shared eld instance stays stateless for us.
 */
import { eld } from 'eld/small'

/** eld's codes that differ from our BCP 47 tags (`ku` in eld is Sorani, in Arabic script). */
const ELD_TAG: Readonly<Record<string, string>> = Object.freeze({ ku: 'ckb', no: 'nb' })

/** The 60 languages eld knows, as our BCP 47 tags. */
export const ELD_LANGUAGES: ReadonlySet<string> = new Set(
  ['am', 'ar', 'az', 'be', 'bg', 'bn', 'ca', 'cs', 'da', 'de', 'el', 'en', 'es', 'et', 'eu', 'fa', 'fi', 'fr', 'gu',
    'he', 'hi', 'hr', 'hu', 'hy', 'is', 'it', 'ja', 'ka', 'kn', 'ko', 'ku', 'lo', 'lt', 'lv', 'ml', 'mr', 'ms', 'nl',
    'no', 'or', 'pa', 'pl', 'pt', 'ro', 'ru', 'sk', 'sl', 'sq', 'sr', 'sv', 'ta', 'te', 'th', 'tl', 'tr', 'uk', 'ur',
    'vi', 'yo', 'zh'].map((c) => ELD_TAG[c] ?? c),
)

const ELD_SAMPLE = 300

/** eld's ranking of a text: `[tag, score 0–1]`, best first, only tags accepted by `allow`. */
export interface EldRanking {
  ranked: Array<[string, number]>
  /** eld's own "reliable" verdict for its top language (before filtering). */
  reliable: boolean
}

/**
 * Ranks the languages eld knows for `text` (eld reads about the first 350 bytes of words).
 * @example eldScores('Hola, cómo te llamas?', () => true).ranked[0] // ['es', …]
 */
export function eldScores(text: string, allow: (tag: string) => boolean): EldRanking {
  // eld reads at most ~350 bytes of words; a longer input only costs time in its regexes.
  const result = eld.detect(text.length > ELD_SAMPLE ? text.slice(0, ELD_SAMPLE) : text)
  if (!result.language) return { ranked: [], reliable: false }
  const ranked: Array<[string, number]> = []
  for (const [code, score] of Object.entries(result.getScores())) {
    const tag = ELD_TAG[code] ?? code
    if (allow(tag)) ranked.push([tag, score])
  }
  ranked.sort((x, y) => y[1] - x[1])
  return { ranked, reliable: result.isReliable() }
}
