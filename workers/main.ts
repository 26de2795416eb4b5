import { Queue, Worker } from 'bullmq'
import { Redis } from 'ioredis'
import pino from 'pino'
import { z } from 'zod'
import { SCAN_QUEUE, VERDICT_QUEUE } from './jobs.ts'
import { createScanProcessor } from './scan.processor.ts'
import { MAIL_QUEUE, MAIL_RESULT_QUEUE } from './mail-jobs.ts'
import { createMailProcessor, mailBackoff } from './mail.processor.ts'
import { createDeliverer } from './mail/deliver.ts'

const Env = z.object({
  REDIS_URL: z.string({ message: 'is required: the worker takes scan jobs from Redis' }).url(),
  QUEUE_PREFIX: z.string().default('alongside'),
  WORKER_CONCURRENCY: z.coerce.number().int().positive().default(4),
  WORKER_LOCK_MS: z.coerce.number().int().positive().default(30_000),
  SAFETY_SCAN_DELAY_MS: z.coerce.number().int().min(0).default(0),
  LOG_LEVEL: z.string().default('info'),
  // Mail and alert hooks: the server hands them over with REDIS_URL; unset SMTP_URL logs "would send".
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').optional(),
  MAIL_CONCURRENCY: z.coerce.number().int().positive().default(4),
})

const parsed = Env.safeParse(Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== '')))
if (!parsed.success) {
  console.error(`Invalid configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`)
  process.exit(1)
}
const env = parsed.data
const logger = pino({ level: env.LOG_LEVEL, base: { service: 'alongside-worker', pid: process.pid }, redact: ['text', '*.text'] })

// Stateless: Redis in, Redis out. Workers never open the database.
const producer = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null })
const consumer = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null })
const verdictQueue = new Queue(VERDICT_QUEUE, { connection: producer, prefix: env.QUEUE_PREFIX })
verdictQueue.on('error', (err) => logger.warn({ err: err.message }, 'verdict queue error'))

const worker = new Worker(SCAN_QUEUE, createScanProcessor(verdictQueue, { delayMs: env.SAFETY_SCAN_DELAY_MS }), {
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

const mailConsumer = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null })
const mailResults = new Queue(MAIL_RESULT_QUEUE, { connection: producer, prefix: env.QUEUE_PREFIX })
mailResults.on('error', (err) => logger.warn({ err: err.message }, 'mail result queue error'))
const deliverer = createDeliverer({ smtpUrl: env.SMTP_URL, logger })
const mailWorker = new Worker(MAIL_QUEUE, createMailProcessor({ deliverer, results: mailResults, redis: producer, prefix: env.QUEUE_PREFIX }), {
  connection: mailConsumer,
  prefix: env.QUEUE_PREFIX,
  concurrency: env.MAIL_CONCURRENCY,
  lockDuration: env.WORKER_LOCK_MS,
  stalledInterval: env.WORKER_LOCK_MS,
  settings: { backoffStrategy: mailBackoff },
})
mailWorker.on('error', (err) => logger.warn({ err: err.message }, 'mail worker error'))
// Ids only: the job holds an address and, for a reset, a link that opens the account.
mailWorker.on('failed', (job, err) => logger.warn({ jobId: job?.id, attempts: job?.attemptsMade, err: err.message }, 'mail not sent; will retry'))
mailWorker.on('completed', (job, result) => logger.info({ jobId: job.id, ...result }, 'mail sent'))
mailWorker.on('ready', () => logger.info({ concurrency: env.MAIL_CONCURRENCY, smtp: !!env.SMTP_URL }, 'mail worker ready'))

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
    await Promise.all([worker.close(), mailWorker.close()])
    await Promise.all([verdictQueue.close(), mailResults.close()])
    deliverer.close()
    await Promise.allSettled([producer.quit(), consumer.quit(), mailConsumer.quit()])
    logger.info('worker closed')
    process.exit(0)
  } catch (err) {
    logger.error({ err }, 'error while closing')
    process.exit(1)
  }
}
process.on('SIGTERM', () => void shutdown('SIGTERM'))
process.on('SIGINT', () => void shutdown('SIGINT'))
