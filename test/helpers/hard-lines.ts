/**
 * The hard lines of issue 11: lines of scraped pages (links, handles, bylines, dates, small
 * languages) on which a language tag is easily wrong. Each is `[text, answers, only?]`: the
 * tag must be one of `answers` (`und` among them where no answer is better than a guess), with
 * `language.only` set to `only` when given. Read by `test/language/fasttext-model.test.ts`,
 * which holds us to it, and by `bench/eval-language.ts`, which reports what we answer.
 */
export const HARD_LINES: ReadonlyArray<readonly [text: string, answers: readonly string[], only?: string[]]> = [
  ['ข่าวล่าสุด https://prachatai.com/journal/2020/01/86000 และ https://t.co/abcdef', ['th', 'und']],
  ['Twitter: @prachatai … ประชาไท', ['th', 'und']],
  ['CNET Japan 3/9(木) 18:45配信', ['ja', 'und']],
  ["Mae'r llywodraeth wedi cyhoeddi y bydd ysgolion yn ailagor ym mis Medi.", ['cy', 'und']],
  ['Dúirt an tAire go mbeidh na scoileanna ar oscailt arís i mí Mheán Fómhair.', ['ga', 'und']],
  ['Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.', ['la', 'und']],
  ['Presiden mengatakan bahwa pemerintah akan membangun jalan baru di Kalimantan tahun depan.', ['id'], ['id', 'en']],
]
