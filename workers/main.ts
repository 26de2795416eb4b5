import { Queue, Worker } from 'bullmq'
import { Redis } from 'ioredis'
import pino from 'pino'
import { z } from 'zod'
import { SCAN_QUEUE, VERDICT_QUEUE } from './jobs.ts'
import { createScanProcessor } from './scan.processor.ts'
import { loadModelDir } from './pipeline/model-dir.ts'
import { useSafetyModels } from './pipeline/scan.ts'

const Env = z.object({
  REDIS_URL: z.string({ message: 'is required: the worker takes scan jobs from Redis' }).url(),
  QUEUE_PREFIX: z.string().default('alongside'),
  WORKER_CONCURRENCY: z.coerce.number().int().positive().default(4),
  WORKER_LOCK_MS: z.coerce.number().int().positive().default(30_000),
  SAFETY_SCAN_DELAY_MS: z.coerce.number().int().min(0).default(0),
  LOG_LEVEL: z.string().default('info'),
  SAFETY_MODEL_DIR: z.string().optional(),
})

const parsed = Env.safeParse(process.env)
if (!parsed.success) {
  console.error(`Invalid configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`)
  process.exit(1)
}
const env = parsed.data
const logger = pino({ level: env.LOG_LEVEL, base: { service: 'alongside-worker', pid: process.pid }, redact: ['text', '*.text'] })

// A deployment's own models (built by `alongside safety train`): a bad folder stops the worker at start.
if (env.SAFETY_MODEL_DIR) {
  try {
    useSafetyModels(loadModelDir(env.SAFETY_MODEL_DIR))
    logger.info({ modelDir: env.SAFETY_MODEL_DIR }, 'scanning with the deployment\'s safety models')
  } catch (err) {
    console.error((err as Error).message)
    process.exit(1)
  }
}

// Stateless: Redis in, Redis out. Workers never open the database.
const producer = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null })
const consumer = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null })
const verdictQueue = new Queue(VERDICT_QUEUE, { connection: producer, prefix: env.QUEUE_PREFIX })
verdictQueue.on('error', (err) => logger.warn({ err: err.message }, 'verdict queue error'))

const worker = new Worker(SCAN_QUEUE, createScanProcessor(verdictQueue, {
  delayMs: env.SAFETY_SCAN_DELAY_MS,
  onFailedStages: (postId, failed) => logger.error({ postId, failed }, 'safety checks failed on a post; it goes to a moderator'),
}), {
  connection: consumer,
  prefix: env.QUEUE_PREFIX,
  concurrency: env.WORKER_CONCURRENCY,
  lockDuration: env.WORKER_LOCK_MS,
  stalledInterval: env.WORKER_LOCK_MS,
  removeOnComplete: { count: 0 },
  removeOnFail: { count: 10_000 },
})
worker.on('error', (err) => logger.warn({ err: err.message }, 'worker error'))
worker.on('failed', (job, err) => logger.error({ jobId: job?.id, attempts: job?.attemptsMade, err: err.message }, 'scan job failed'))
worker.on('ready', () => logger.info({ concurrency: env.WORKER_CONCURRENCY }, 'safety worker ready'))
worker.on('completed', (job) => logger.debug({ jobId: job.id }, 'scanned'))

let stopping = false
async function shutdown(signal: string) {
  if (stopping) return
  stopping = true
  logger.info({ signal }, 'finishing the job in hand, then closing')
  const force = setTimeout(() => {
    logger.error('worker shutdown timed out')
    process.exit(1)
  }, 30_000)
  force.unref()
  try {
    await worker.close()
    await verdictQueue.close()
    await Promise.allSettled([producer.quit(), consumer.quit()])
    logger.info('worker closed')
    process.exit(0)
  } catch (err) {
    logger.error({ err }, 'error while closing')
    process.exit(1)
  }
}
process.on('SIGTERM', () => void shutdown('SIGTERM'))
process.on('SIGINT', () => void shutdown('SIGINT'))
