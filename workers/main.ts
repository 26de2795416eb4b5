import { Queue, Worker } from 'bullmq'
import { Redis } from 'ioredis'
import { ConfigError, loadConfig, type Config } from '../server/config.ts'
import { createLogger } from '../server/logger.ts'
import { SCAN_QUEUE, VERDICT_QUEUE } from './jobs.ts'
import { createScanProcessor } from './scan.processor.ts'
import { MAIL_QUEUE, MAIL_RESULT_QUEUE } from './mail-jobs.ts'
import { createMailProcessor, mailBackoff } from './mail.processor.ts'
import { createDeliverer } from './mail/deliver.ts'
import { loadModelDir } from './pipeline/model-dir.ts'
import { useSafetyModels } from './pipeline/scan.ts'

// The same configuration module and logger as the server: one meaning per variable, and the same
// redaction (a worker handles post text all day; its logs must carry ids only).
let config: Config
try {
  config = loadConfig(process.env, 'worker')
} catch (err) {
  if (!(err instanceof ConfigError)) throw err
  console.error(err.message)
  process.exit(1)
}
const logger = createLogger(config.logLevel, { service: 'alongside-worker', pid: process.pid })
// loadConfig(…, 'worker') refuses to load without it.
const redisUrl = config.redisUrl!

// A deployment's own models (built by `alongside safety train`): a bad folder stops the worker at start.
if (config.safetyModelDir) {
  try {
    useSafetyModels(loadModelDir(config.safetyModelDir))
    logger.info({ modelDir: config.safetyModelDir }, "scanning with the deployment's safety models")
  } catch (err) {
    console.error((err as Error).message)
    process.exit(1)
  }
}

// Stateless: Redis in, Redis out. Workers never open the database.
const producer = new Redis(redisUrl, { maxRetriesPerRequest: null })
const consumer = new Redis(redisUrl, { maxRetriesPerRequest: null })
const verdictQueue = new Queue(VERDICT_QUEUE, { connection: producer, prefix: config.queuePrefix })
verdictQueue.on('error', (err) => logger.warn({ err: err.message }, 'verdict queue error'))

const worker = new Worker(
  SCAN_QUEUE,
  createScanProcessor(verdictQueue, {
    delayMs: config.scanDelayMs,
    onFailedStages: (postId, failed) => logger.error({ postId, failed }, 'safety checks failed on a post; it goes to a moderator'),
  }),
  {
    connection: consumer,
    prefix: config.queuePrefix,
    concurrency: config.workerConcurrency,
    lockDuration: config.workerLockMs,
    stalledInterval: config.workerLockMs,
    removeOnComplete: { count: 0 },
    removeOnFail: { count: 10_000 },
  },
)
worker.on('error', (err) => logger.warn({ err: err.message }, 'worker error'))
worker.on('failed', (job, err) => logger.error({ jobId: job?.id, attempts: job?.attemptsMade, err: err.message }, 'scan job failed'))
worker.on('ready', () => logger.info({ concurrency: config.workerConcurrency }, 'safety worker ready'))
worker.on('completed', (job) => logger.debug({ jobId: job.id }, 'scanned'))

const mailConsumer = new Redis(redisUrl, { maxRetriesPerRequest: null })
const mailResults = new Queue(MAIL_RESULT_QUEUE, { connection: producer, prefix: config.queuePrefix })
mailResults.on('error', (err) => logger.warn({ err: err.message }, 'mail result queue error'))
const deliverer = createDeliverer({ smtpUrl: config.mail.smtpUrl, logger })
const mailWorker = new Worker(MAIL_QUEUE, createMailProcessor({ deliverer, results: mailResults, redis: producer, prefix: config.queuePrefix }), {
  connection: mailConsumer,
  prefix: config.queuePrefix,
  concurrency: config.mail.concurrency,
  lockDuration: config.workerLockMs,
  stalledInterval: config.workerLockMs,
  settings: { backoffStrategy: mailBackoff },
})
mailWorker.on('error', (err) => logger.warn({ err: err.message }, 'mail worker error'))
// Ids only: the job holds an address and, for a reset, a link that opens the account.
mailWorker.on('failed', (job, err) => logger.warn({ jobId: job?.id, attempts: job?.attemptsMade, err: err.message }, 'mail not sent; will retry'))
mailWorker.on('completed', (job, result) => logger.info({ jobId: job.id, ...result }, 'mail sent'))
mailWorker.on('ready', () => logger.info({ concurrency: config.mail.concurrency, smtp: !!config.mail.smtpUrl }, 'mail worker ready'))

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
