// A short text whose render ran over budget on a starved machine gets one more try; a long one, or
// one over budget twice, is refused with a 400 the writer can act on. Never a 500.
import { describe, expect, it } from 'vitest'
import { AppError } from '../../server/errors.ts'
import { createLogger } from '../../server/logger.ts'
import { createUntrustedWork } from '../../server/offload/index.ts'
import { TaskTimeout, type TaskThread } from '../../server/offload/task-thread.ts'

/** A task thread that times out the first `timeouts` renders, then renders. */
function flakyThread(timeouts: number) {
  const calls: string[] = []
  const thread = {
    async run(task: string, input: unknown, budgetMs: number) {
      calls.push(task)
      if (calls.length <= timeouts) throw new TaskTimeout(task as 'render', budgetMs)
      return `<p>${String(input)}</p>`
    },
    async close() {},
  } as unknown as TaskThread
  return { thread, calls }
}

const logger = createLogger('silent')

describe('rendering under a starved machine', () => {
  it('retries a short text once when its render ran over budget', async () => {
    const { thread, calls } = flakyThread(1)
    const work = createUntrustedWork(logger, thread)
    expect(await work.render('1.000,00')).toBe('<p>1.000,00</p>')
    expect(calls).toHaveLength(2)
  })

  it('refuses a short text over budget twice, and a long one at once, with a 400 naming the field', async () => {
    for (const [text, timeouts, tries] of [
      ['short', 2, 2],
      ['x'.repeat(5_000), 1, 1],
    ] as const) {
      const { thread, calls } = flakyThread(timeouts)
      const err = await createUntrustedWork(logger, thread)
        .render(text, 'body')
        .catch((e: unknown) => e)
      expect(err).toBeInstanceOf(AppError)
      expect(err).toMatchObject({ status: 400, code: 'too_complex', fields: { body: expect.any(String) } })
      expect(calls).toHaveLength(tries)
    }
  })
})
