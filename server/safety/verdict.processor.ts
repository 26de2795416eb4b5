import { UnrecoverableError, type Job } from 'bullmq'
import type { Kysely } from 'kysely'
import type { Clock } from '../clock.ts'
import type { DB } from '../db/schema.ts'
import type { Logger } from '../logger.ts'
import { verdictJobSchema } from '../../workers/jobs.ts'
import { applyVerdict } from './apply-verdict.ts'

/** Plumbing around applyVerdict(): parse, apply once, log ids only. */
export function createVerdictProcessor(db: Kysely<DB>, clock: Clock, logger: Logger) {
  const log = logger.child({ component: 'safety.verdict' })
  return async (job: Job<unknown>) => {
    const parsed = verdictJobSchema.safeParse(job.data)
    if (!parsed.success) throw new UnrecoverableError('verdict payload failed validation')
    const result = await applyVerdict(db, clock, logger, parsed.data)
    log.debug({ jobId: job.id, postId: parsed.data.postId, revision: parsed.data.revision, ...result }, 'verdict processed')
    return result
  }
}
