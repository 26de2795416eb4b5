import { AppError } from '../errors.ts'
import type { Logger } from '../logger.ts'
import { markdownLimitProblem } from '../render/markdown.ts'
import { MAX_TOTAL_PROGRAM_SIZE } from '../../workers/pipeline/detectors/watched-words.ts'
import type { RuleHit, WatchedWord } from '../../workers/pipeline/types.ts'
import { createTaskThread, TaskQueueFull, TaskTimeout, type TaskThread } from './task-thread.ts'
import type { DryRunPost, DryRunResult, PatternSpec } from './tasks.ts'

/** Budgets: every answer within a second, whatever was sent. */
const RENDER_BUDGET_MS = 800
const PATTERN_BUDGET_MS = 900
const DRY_RUN_BUDGET_MS = 900
/** Characters under which a render over budget is retried once (see render). */
const SHORT_TEXT = 2_000

/**
 * Work whose cost is chosen by whoever wrote the input (a member's Markdown, a lead's pattern),
 * done on a task thread under a time and memory budget. Over budget is the writer's to fix: a
 * 400 naming the field, never a 500 and never a stalled event loop.
 */
export interface UntrustedWork {
  /** Markdown to safe HTML. `field` names the form field in the error. */
  render(source: string, field?: string): Promise<string>
  /** Vet a lead's pattern as it will run, and with the community's other patterns. */
  vetPattern(pattern: PatternSpec, others: PatternSpec[]): Promise<void>
  /** The first watched word in the texts; 'unchecked' when the check could not finish (fail safe: hold). */
  firstHit(texts: string[], words: WatchedWord[]): Promise<RuleHit | null | 'unchecked'>
  dryRun(posts: DryRunPost[], word: WatchedWord): Promise<DryRunResult>
  close(): Promise<void>
}

const busy = () => new AppError(503, 'busy', 'The forum is very busy right now. Please wait a moment and try again; nothing you wrote was saved or lost.')

export function createUntrustedWork(logger: Logger, thread: TaskThread = createTaskThread(logger)): UntrustedWork {
  const fail = (err: unknown, onLimit: () => AppError): never => {
    if (err instanceof TaskQueueFull) throw busy()
    if (err instanceof TaskTimeout || (err instanceof Error && err.name === 'TaskFailed')) throw onLimit()
    throw err
  }
  return {
    async render(source, field = 'body') {
      const problem = markdownLimitProblem(source)
      const tooComplex = (why: string) =>
        new AppError(400, 'too_complex', `We could not display this text: it ${why}. Simplify its formatting and try again; your text is kept below.`, {
          [field]: why,
        })
      if (problem) throw tooComplex(problem)
      const overBudget = () => tooComplex('has formatting too complex to display')
      return thread.run('render', source, RENDER_BUDGET_MS).catch((err) => {
        // Within the limits above, a short text cannot be slow to render: over budget it only met a
        // starved machine. It gets one more try, rather than a member told their words are too complex.
        if (err instanceof TaskTimeout && source.length <= SHORT_TEXT)
          return thread.run('render', source, RENDER_BUDGET_MS).catch((again) => fail(again, overBudget))
        return fail(err, overBudget)
      })
    },
    async vetPattern(pattern, others) {
      const refuse = (message: string) => new AppError(400, 'unsafe_pattern', message, { phrase: message })
      const { check, othersSize } = await thread
        .run('vetPattern', { pattern, others }, PATTERN_BUDGET_MS)
        .catch((err) => fail(err, () => refuse('This pattern took too long to check. Use a simpler pattern, or list the words separately.')))
      if (!check.ok) throw refuse(check.message)
      if (othersSize + check.size > MAX_TOTAL_PROGRAM_SIZE) {
        throw refuse(
          "Together with this community's other patterns, this one would make every post " +
            'too slow to check. Remove a pattern you no longer need, or use plain words instead.',
        )
      }
    },
    firstHit(texts, words) {
      // A post that cannot be checked in time is neither refused nor let through unchecked: the
      // caller saves it held, for a moderator to read.
      return thread.run('firstHit', { texts, words }, PATTERN_BUDGET_MS).catch((err): 'unchecked' => {
        if (err instanceof TaskQueueFull) throw busy()
        logger.warn({ component: 'offload', err: (err as Error).message }, 'watched-word check before posting did not finish; the post is held')
        return 'unchecked'
      })
    },
    dryRun(posts, word) {
      return thread.run('dryRun', { posts, word }, DRY_RUN_BUDGET_MS).catch((err) =>
        fail(
          err,
          () =>
            new AppError(400, 'unsafe_pattern', 'Trying this on past posts took too long. Use a simpler pattern.', {
              phrase: 'took too long to try on past posts',
            }),
        ),
      )
    },
    close: () => thread.close(),
  }
}
