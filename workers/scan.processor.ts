import { UnrecoverableError, type Job, type Queue } from 'bullmq'
import { scanJobSchema, type VerdictJob } from './jobs.ts'
import { scan } from './pipeline/scan.ts'

/** Plumbing only: parse the job, run the pure scan, put the verdict on its own durable queue. */
export function createScanProcessor(
  verdictQueue: Queue,
  opts: { delayMs?: number; onFailedStages?: (postId: number, failed: NonNullable<VerdictJob['verdict']['failed']>) => void } = {},
) {
  return async (job: Job<unknown>): Promise<void> => {
    const parsed = scanJobSchema.safeParse(job.data)
    if (!parsed.success) throw new UnrecoverableError('scan payload failed validation')
    const data = parsed.data
    // Chaos drills only (SAFETY_SCAN_DELAY_MS): widens the window in which a worker can die mid-job.
    if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs))
    const verdict = scan({ text: data.text, settings: data.settings, author: data.author })
    // The verdict carries the failure to the server, which opens a review item; the log says which post.
    if (verdict.failed) opts.onFailedStages?.(data.postId, verdict.failed)
    const payload: VerdictJob = { postId: data.postId, revision: data.revision, verdict, enqueuedAt: data.enqueuedAt, scannedAt: Date.now() }
    // Same id as the scan job: a retried scan cannot queue a second verdict while the first is waiting.
    await verdictQueue.add('verdict', payload, { jobId: job.id })
  }
}
