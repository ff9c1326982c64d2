/**
 * fastText's lid.176 language-identification model (Joulin et al., 2016; code MIT, model CC BY-SA
 * 3.0), run in WebAssembly through the emscripten build that the `fasttext.wasm.js` package ships
 * together with the compressed model (`lid.176.ftz`, 176 languages). The ONE file that touches
 * that package.
 *
 * Loading is asynchronous (WebAssembly instantiation, and in the browser fetching ~1.4 MB), while
 * prediction is synchronous: {@link loadLanguageModel} loads the model once per process (or page),
 * after which `clean()` and the taggers stay synchronous. We use the package's emscripten glue
 * directly, not its wrapper: the wrapper imports Node built-ins (fs, http) even in the browser build.
 */
import { DedupeError } from '../errors.js'

/** Bytes, or where to read them: a URL (`https:`, `file:`, `data:`, `blob:`) or, in Node, a file path. */
export type ModelBytes = Uint8Array | ArrayBuffer | URL | string

/** Where {@link loadLanguageModel} gets the WebAssembly module and the model. */
export interface LanguageModelSource {
  /**
   * The fastText WebAssembly module.
   * @default in Node, the package's `dist/core/fastText.node.wasm`; in a browser,
   * `/fastText/fastText.common.wasm` on the page's origin (the package's convention)
   */
  wasm?: ModelBytes
  /**
   * The lid.176 model.
   * @default in Node, the package's `lid.176.ftz`; in a browser, `/fastText/models/lid.176.ftz`
   */
  model?: ModelBytes
}

/** The parts of the emscripten module we use. */
interface FastTextNative {
  loadModel(path: string): void
  predict(text: string, k: number, threshold: number): { size(): number; get(i: number): [number, string]; delete(): void }
}
interface EmscriptenModule {
  FastText: new () => FastTextNative
  FS: { writeFile(path: string, data: Uint8Array): void; unlink(path: string): void }
}
type Factory = (options: Record<string, unknown>) => Promise<EmscriptenModule>

interface NodeProcess { versions?: { node?: string }; getBuiltinModule?: (id: string) => unknown }
// Read by name, so that the browser build has no reference to Node's global.
const nodeProcess = (globalThis as Record<string, unknown>)['process'] as NodeProcess | undefined
/** Node (not a browser bundle that happens to define `process`). */
const IN_NODE = typeof nodeProcess?.versions?.node === 'string' && typeof nodeProcess.getBuiltinModule === 'function'

const MODEL_FILE = 'lid.176.ftz'
/** Predictions read from the model per call: enough for `only` to find a listed language far down. */
export const MAX_LABELS = 176

let native: FastTextNative | null = null
let loading: Promise<void> | null = null
let lastError: unknown = null

/**
 * Loads fastText lid.176 once (later calls return the same promise; after a failure a new call
 * tries again). Await it before the first `clean()`, `tagLanguage()` or `tagArticleLanguages()`;
 * the CLI, the feed deduplicator, the streams and the unified plugin do it themselves.
 * In Node the files come from the installed package; in a browser pass `source` (bytes or URLs)
 * or serve the package's files under `/fastText/`.
 * @example await loadLanguageModel(); clean('Le gouvernement a annoncé une réforme.')
 */
export function loadLanguageModel(source: LanguageModelSource = {}): Promise<void> {
  if (native !== null) return Promise.resolve()
  if (loading === null) {
    loading = load(source).then((ft) => { native = ft; lastError = null }, (error: unknown) => {
      loading = null
      lastError = error
      throw new DedupeError('E_LANGUAGE_MODEL', `Could not load the language model (fastText lid.176): ${error instanceof Error ? error.message : String(error)}`, { cause: error })
    })
  }
  return loading
}

/** Whether {@link loadLanguageModel} has finished, so that the taggers can run. */
export function languageModelLoaded(): boolean {
  return native !== null
}

/**
 * The model, or a typed error saying how to load it. In Node, calling this before loading starts
 * the load in the background (so that `await loadLanguageModel()` and a retry succeed).
 */
function model(): FastTextNative {
  if (native !== null) return native
  // Only Node has default files to load from; a page must say where the model is.
  if (IN_NODE && loading === null && lastError === null) loadLanguageModel().catch(() => { /* reported by the next call */ })
  throw new DedupeError('E_LANGUAGE_MODEL',
    'The language model is not loaded yet: `await loadLanguageModel()` once before clean() or the language taggers'
    + (lastError === null ? '' : ` (the last load failed: ${lastError instanceof Error ? lastError.message : String(lastError)})`))
}

/**
 * fastText's ranking of `text`: `[label, probability]` pairs, best first, at most `k`, with the
 * raw lid.176 labels (Wikipedia codes: `en`, `als`, `sh`, …). Newlines count as spaces.
 * Throws `E_LANGUAGE_MODEL` when the model is not loaded.
 */
export function predictLabels(text: string, k: number): Array<[string, number]> {
  const ft = model()
  // fastText reads one line; a newline would end the text early.
  const line = /[\n\r]/.test(text) ? text.replace(/[\n\r]+/g, ' ') : text
  const vector = ft.predict(line, k, 0)
  try {
    const out: Array<[string, number]> = []
    for (let i = 0, n = vector.size(); i < n; i++) {
      const [p, label] = vector.get(i)
      out.push([label.startsWith('__label__') ? label.slice(9) : label, p])
    }
    return out
  } finally {
    vector.delete()
  }
}

async function load(source: LanguageModelSource): Promise<FastTextNative> {
  const [factory, wasm, modelBytes] = await Promise.all([
    glue(), bytesOf(source.wasm ?? defaultPath('wasm')), bytesOf(source.model ?? defaultPath('model')),
  ])
  const module = await factory({ wasmBinary: wasm, print: () => {}, printErr: () => {} })
  const ft = new module.FastText()
  module.FS.writeFile(MODEL_FILE, modelBytes)
  ft.loadModel(MODEL_FILE)
  module.FS.unlink(MODEL_FILE) // the model is parsed into memory; the copy in the in-memory file system is not needed
  return ft
}

/** The emscripten glue: the Node build in Node, the web build elsewhere. */
async function glue(): Promise<Factory> {
  if (IN_NODE) {
    // A specifier computed at run time, so that browser bundlers do not pull the Node glue (which
    // imports `module`) in; it is resolved from this package, so it works from dist/ too.
    const url = packageFile('dist/core/fastText.node.js', true)
    return ((await import(/* @vite-ignore */ url)) as { default: Factory }).default
  }
  return ((await import('fasttext.wasm.js/dist/core/fastText.common.js')) as unknown as { default: Factory }).default
}

function defaultPath(kind: 'wasm' | 'model'): string {
  if (IN_NODE) return packageFile(kind === 'wasm' ? 'dist/core/fastText.node.wasm' : 'dist/models/language-identification/assets/lid.176.ftz', false)
  const origin = (globalThis as { location?: { origin?: string } }).location?.origin ?? ''
  return kind === 'wasm' ? `${origin}/fastText/fastText.common.wasm` : `${origin}/fastText/models/lid.176.ftz`
}

/** A file of the installed fasttext.wasm.js package: its path, or its file: URL. */
function packageFile(path: string, asUrl: boolean): string {
  const { createRequire } = nodeProcess!.getBuiltinModule!('module') as { createRequire(from: string): { resolve(id: string): string } }
  const file = createRequire(import.meta.url).resolve(`fasttext.wasm.js/${path}`)
  if (!asUrl) return file
  const { pathToFileURL } = nodeProcess!.getBuiltinModule!('url') as { pathToFileURL(path: string): URL }
  return pathToFileURL(file).href
}

async function bytesOf(from: ModelBytes): Promise<Uint8Array> {
  if (from instanceof Uint8Array) return from
  if (from instanceof ArrayBuffer) return new Uint8Array(from)
  const href = String(from)
  if (IN_NODE && !/^(https?|data|blob):/.test(href)) {
    const { readFile } = nodeProcess!.getBuiltinModule!('fs/promises') as { readFile(path: string | URL): Promise<Uint8Array> }
    return new Uint8Array(await readFile(href.startsWith('file:') ? new URL(href) : href))
  }
  const response = await fetch(href)
  if (!response.ok) throw new Error(`${href}: HTTP ${response.status}`)
  return new Uint8Array(await response.arrayBuffer())
}

/**
 * Wraps a synchronous function that needs the model: it runs at once when the model is loaded,
 * else after loading (a promise). For callers that may be async, like unified transformers.
 */
export function afterLanguageModel<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R | Promise<R> {
  return (...args: A) => (native !== null ? fn(...args) : loadLanguageModel().then(() => fn(...args)))
}
