import type { Kysely } from 'kysely'
import type { Clock } from '../clock.ts'
import type { DB } from '../db/schema.ts'
import type { Logger } from '../logger.ts'
import { scan } from '../../workers/pipeline/scan.ts'
import type { ScanTransport } from './relay.ts'
import { applyVerdict } from './apply-verdict.ts'

/**
 * Without REDIS_URL: the same scan() and applyVerdict() the workers and the verdict consumer
 * run, called in process (Outline's perform() idea).
 */
export function createEmbeddedTransport(db: Kysely<DB>, clock: Clock, logger: Logger): ScanTransport {
  return {
    async send(jobs) {
      const unsettled: number[] = []
      for (const { id, outboxId, job } of jobs) {
        // One bad job must not hold up the rest: it is logged and left to the relay, which marks it
        // sent, so the sweeper sends it again after the scan timeout, like a scan lost in Redis.
        try {
          const verdict = scan({ text: job.text, settings: job.settings, author: job.author })
          const result = await applyVerdict(db, clock, logger, { postId: job.postId, revision: job.revision, verdict, enqueuedAt: job.enqueuedAt, scannedAt: Date.now() }, { recordSend: true })
          if (!result.applied) unsettled.push(outboxId)
        } catch (err) {
          logger.error({ jobId: id, postId: job.postId, err: { message: (err as Error).message } }, 'embedded scan failed; it will be retried')
          unsettled.push(outboxId)
        }
      }
      return unsettled
    },
  }
}
