import { UnrecoverableError, type Job, type Queue } from 'bullmq'
import type { Redis } from 'ioredis'
import { mailJobSchema, mailResultJobId, retryDelay, type MailResult } from './mail-jobs.ts'
import type { Deliverer } from './mail/deliver.ts'

const SENT_MARK_SECONDS = 7 * 86_400

/**
 * Plumbing around deliver(): parse, send once, report back. A job may run again after its worker
 * died (a stalled job) or after the server handed it over again: a mark in Redis, set as soon as
 * the SMTP server or hook accepted the message, makes the rerun report without sending. The one
 * window left is a worker killed between the server's "accepted" and that mark (a millisecond);
 * the message id stays the same so the receiving server may still drop the copy.
 */
export function createMailProcessor(deps: { deliverer: Deliverer; results: Queue<MailResult>; redis: Redis; prefix: string }) {
  return async (job: Job<unknown>) => {
    const parsed = mailJobSchema.safeParse(job.data)
    if (!parsed.success) throw new UnrecoverableError('mail payload failed validation')
    const data = parsed.data
    const mark = `${deps.prefix}:mail-sent:${data.rowId}`
    const already = await deps.redis.get(mark)
    let sentAt = already ? Number(already) : 0
    if (!already) {
      await deps.deliverer.deliver(data)
      sentAt = Date.now()
      await deps.redis.set(mark, String(sentAt), 'EX', SENT_MARK_SECONDS)
    }
    await deps.results.add('result', { rowId: data.rowId, sentAt }, { jobId: mailResultJobId(data.rowId), removeOnComplete: true, removeOnFail: false })
    return { sent: !already }
  }
}

/** BullMQ's custom backoff for mail jobs: the server's schedule, carried in the job. */
export function mailBackoff(attemptsMade: number, type?: string, _err?: Error, job?: { data: unknown }): number {
  const parsed = mailJobSchema.safeParse(job?.data)
  if (type !== 'mail' || !parsed.success) return 5_000
  return retryDelay(attemptsMade, parsed.data.retry)
}
