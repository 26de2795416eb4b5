import type { Kysely } from 'kysely'
import type { Clock } from '../clock.ts'
import type { DB } from '../db/schema.ts'
import type { Logger } from '../logger.ts'
import type { ScanTransport } from './relay.ts'
import { applyVerdicts, type ApplyResult } from './apply-verdict.ts'
import type { Verdict } from '../../workers/pipeline/types.ts'
import type { ScanThread } from './scan-thread.ts'

/**
 * Without REDIS_URL: the same scan() and applyVerdict() the workers and the verdict consumer
 * run, in process (Outline's perform() idea): the scans on a thread of their own, the verdicts
 * on the event loop, the database's one writer.
 */
export function createEmbeddedTransport(db: Kysely<DB>, clock: Clock, logger: Logger, thread: ScanThread): ScanTransport {
  return {
    async send(jobs) {
      const outcomes = await thread.scan(jobs.map(({ job }) => ({ text: job.text, settings: job.settings, author: job.author })))
      const scannedAt = Date.now()
      // A job that could not be scanned or applied is logged and left to the relay, which marks it
      // sent, so the sweeper sends it again after the scan timeout, like a scan lost in Redis.
      const unsettled: number[] = []
      const fail = (i: number, message: string) => {
        logger.error({ jobId: jobs[i]!.id, postId: jobs[i]!.job.postId, err: { message } }, 'embedded scan failed; it will be retried')
        unsettled.push(jobs[i]!.outboxId)
      }
      const scanned: number[] = []
      outcomes.forEach((o, i) => ('error' in o ? fail(i, o.error) : scanned.push(i)))
      for (const i of scanned) {
        const failed = (outcomes[i] as { verdict: Verdict }).verdict.failed
        if (failed) logger.error({ jobId: jobs[i]!.id, postId: jobs[i]!.job.postId, failed }, 'safety checks failed on a post; it goes to a moderator')
      }
      let results: (ApplyResult | Error)[]
      try {
        results = await applyVerdicts(
          db,
          clock,
          logger,
          scanned.map((i) => ({
            postId: jobs[i]!.job.postId,
            revision: jobs[i]!.job.revision,
            verdict: (outcomes[i] as { verdict: Verdict }).verdict,
            enqueuedAt: jobs[i]!.job.enqueuedAt,
            scannedAt,
          })),
          { recordSend: true },
        )
      } catch (err) {
        results = scanned.map(() => err as Error)
      }
      results.forEach((r, k) => {
        if (r instanceof Error) fail(scanned[k]!, r.message)
        else if (!r.applied) unsettled.push(jobs[scanned[k]!]!.outboxId)
      })
      return unsettled
    },
  }
}
