import { UnrecoverableError, type Job, type Queue } from 'bullmq'
import type { Redis } from 'ioredis'
import { mailJobSchema, mailResultJobId, retryDelay, type MailResult } from './mail-jobs.ts'
import { createClaims } from './mail/claims.ts'
import type { Deliverer } from './mail/deliver.ts'

/**
 * Plumbing around deliver(): parse, claim, send once, report back. A job may run again after its
 * worker died (a stalled job), while its first run still sends (a worker that stalled but lives),
 * or after the server handed the row over again. Each run claims the row in Redis first (see
 * mail/claims.ts): a row already sent is reported without sending; a row another attempt is
 * sending now is retried later, not sent beside it. What stays open is a worker that dies after
 * the SMTP server's "250" and before the sent mark: the rerun finds its claim expired and sends
 * again, with the same Message-ID, and reports the send as in doubt (the outbox row counts it).
 */
export function createMailProcessor(deps: { deliverer: Deliverer; results: Queue<MailResult>; redis: Redis; prefix: string; leaseMs?: number }) {
  const claims = createClaims(deps.redis, deps.prefix, deps.leaseMs)
  return async (job: Job<unknown>) => {
    const parsed = mailJobSchema.safeParse(job.data)
    if (!parsed.success) throw new UnrecoverableError('mail payload failed validation')
    const data = parsed.data
    const claim = await claims.claim(data.rowId)
    if (claim.state === 'busy') throw new Error(`mail ${data.rowId} is being sent by another attempt; will look again`)
    let result: MailResult
    if (claim.state === 'sent') {
      result = { rowId: data.rowId, sentAt: claim.sentAt }
    } else {
      try {
        await claims.holding(data.rowId, claim.attempt, () => deps.deliverer.deliver(data))
      } catch (err) {
        await claims.settle(data.rowId, claim.attempt).catch(() => undefined)
        throw err
      }
      const sentAt = Date.now()
      await claims.settle(data.rowId, claim.attempt, sentAt)
      result = { rowId: data.rowId, sentAt, attempt: claim.attempt, inDoubt: claim.state === 'in_doubt' }
    }
    await deps.results.add('result', result, { jobId: mailResultJobId(data.rowId), removeOnComplete: true, removeOnFail: false })
    return { sent: claim.state !== 'sent', inDoubt: claim.state === 'in_doubt' }
  }
}

/** BullMQ's custom backoff for mail jobs: the server's schedule, carried in the job. */
export function mailBackoff(attemptsMade: number, type?: string, _err?: Error, job?: { data: unknown }): number {
  const parsed = mailJobSchema.safeParse(job?.data)
  if (type !== 'mail' || !parsed.success) return 5_000
  return retryDelay(attemptsMade, parsed.data.retry)
}
