/**
 * What a pool does with a batch whose thread died: the batch is run again record by record, so
 * only the record that kills a thread gets an error and the rest of the batch goes through.
 *
 * @module
 */
import { errorInfo } from '../errors.js'
import { lostLine, type CleanLinesOutcome, type CleanLinesTask, type CleanOutcome, type PoolTask, type StageOutcome } from './pool-tasks.js'

/** Any task's outcome. */
export type Outcome = Array<CleanOutcome | StageOutcome> | CleanLinesOutcome

/**
 * Runs `task` again one record at a time through `run` (the pool's own, which comes back here
 * for a record whose thread dies too), after its thread died with `error`.
 *
 * A batch of articles gives one outcome per article, in order. A batch of JSONL lines gives one
 * output line per input line, in order, numbered as in the input; its repeats, warnings and
 * failures are those of its lines, in order. A single article or line that killed its thread
 * gets its error: the article an error outcome, the line its error record (with its `id`).
 *
 * @param task The batch whose thread died.
 * @param error Why it died (a worker's uncaught exception, an exit, an out-of-memory abort).
 * @param run Runs a task of one record.
 */
export async function retryOneByOne(task: PoolTask, error: unknown, run: (task: PoolTask) => Promise<Outcome>): Promise<Outcome> {
  if (task.kind === 'clean-lines') {
    const lines = splitLines(task)
    if (lines.length === 1) return lostLine(task, errorInfo(error))
    const each = (await Promise.all(lines.map((line) => run(line)))) as CleanLinesOutcome[]
    return {
      bytes: Buffer.concat(each.map((outcome) => outcome.bytes)),
      repeats: each.flatMap((outcome) => outcome.repeats),
      warnings: each.flatMap((outcome) => outcome.warnings),
      failed: each.reduce((sum, outcome) => sum + outcome.failed, 0),
    }
  }
  if (task.articles.length === 1) return [{ error: errorInfo(error) }]
  const one = (i: number): PoolTask => ({ ...task, articles: [task.articles[i]] }) as PoolTask
  const each = (await Promise.all(task.articles.map((_, i) => run(one(i))))) as Array<Array<CleanOutcome | StageOutcome>>
  return each.flat()
}

/** A {@link CleanLinesTask}'s lines, a task each, numbered from its first line. */
function splitLines(task: CleanLinesTask): CleanLinesTask[] {
  const lines: CleanLinesTask[] = []
  for (let at = 0, number = task.firstLine; at < task.bytes.length; number++) {
    const newline = task.bytes.indexOf(0x0a, at)
    const end = newline === -1 ? task.bytes.length : newline + 1
    lines.push({ ...task, bytes: task.bytes.subarray(at, end), firstLine: number })
    at = end
  }
  return lines
}
