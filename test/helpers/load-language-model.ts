/**
 * Vitest setup file: loads fastText lid.176 once per test file, as an application does once
 * before calling clean() (the taggers throw E_LANGUAGE_MODEL otherwise; see
 * test/language/fasttext-model.test.ts for that case).
 */
import { loadLanguageModel } from '../../src/language/fasttext-model.js'

await loadLanguageModel()
