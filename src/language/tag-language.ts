/**
 * Language of one text, without context.
 */
import { identify } from './identify.js'
import { languageTagsOf } from './iso639.js'

/** Options of {@link tagLanguages}, {@link tagLanguage} and `tagArticleLanguages`. */
export interface LanguageOptions {
  /**
   * Restrict candidates to these languages (BCP 47 like `'fr'`, `'pt-BR'`, or ISO 639-3 like `'fra'`;
   * `'no'` stands for `nb` and `nn`). Unknown names are ignored; if none is known, nothing is restricted.
   * @default undefined (all)
   */
  only?: string[]
  /**
   * Paragraphs shorter than this (characters, after trimming) get the article language, or `'und'`
   * without context.
   * @default 10 — below ten characters a text is one or two words: a lone guess is wrong too
   * often to be worth a tag, and inside an article the article's language is the better bet.
   */
  minLength?: number
}

/** Default of {@link LanguageOptions.minLength}. */
export const DEFAULT_MIN_LENGTH = 10

/**
 * Expands `only` to a set of BCP 47 tags, or `undefined` when there is no usable restriction.
 * @internal shared with `tagArticleLanguages`.
 */
export function allowSet(only: readonly string[] | undefined): ReadonlySet<string> | undefined {
  if (!only || only.length === 0) return undefined
  const set = new Set<string>()
  for (const name of only) if (typeof name === 'string') for (const tag of languageTagsOf(name)) set.add(tag)
  return set.size > 0 ? set : undefined
}

/**
 * Ranks the likely languages of `text`, alone (no article context).
 *
 * Returns BCP 47 tags (ISO 639-1 when it exists, else ISO 639-3) with a confidence in 0–1, best first;
 * `[['und', 0]]` when the text is shorter than `minLength`, has no letters, or no candidate is allowed.
 * Never throws for content; throws `E_LANGUAGE_MODEL` until `loadLanguageModel()` has resolved.
 * @example tagLanguages('Le gouvernement a annoncé une réforme.') // [['fr', 0.99], ...]
 */
export function tagLanguages(text: string, options: LanguageOptions = {}): Array<[string, number]> {
  if (typeof text !== 'string') return [['und', 0]]
  const trimmed = text.trim()
  if (trimmed.length === 0 || trimmed.length < (options.minLength ?? DEFAULT_MIN_LENGTH)) return [['und', 0]]
  return identify(trimmed, allowSet(options.only)).ranked.map(([tag, score]) => [tag, score])
}

/**
 * The most likely language of `text` alone, as a BCP 47 tag (`'fr'`, `'zh'`, `'ceb'`), or `'und'`.
 * @example tagLanguage('Der Zug fährt um acht Uhr ab.') // 'de'
 */
export function tagLanguage(text: string, options?: LanguageOptions): string {
  return tagLanguages(text, options)[0]?.[0] ?? 'und'
}
