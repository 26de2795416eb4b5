import { Queue, Worker } from 'bullmq'
import { Redis } from 'ioredis'
import { ConfigError, loadConfig, type Config } from '../server/config.ts'
import { createLogger } from '../server/logger.ts'
import { SCAN_QUEUE, VERDICT_QUEUE } from './jobs.ts'
import { createScanProcessor } from './scan.processor.ts'

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

// Stateless: Redis in, Redis out. Workers never open the database.
const producer = new Redis(redisUrl, { maxRetriesPerRequest: null })
const consumer = new Redis(redisUrl, { maxRetriesPerRequest: null })
const verdictQueue = new Queue(VERDICT_QUEUE, { connection: producer, prefix: config.queuePrefix })
verdictQueue.on('error', (err) => logger.warn({ err: err.message }, 'verdict queue error'))

const worker = new Worker(SCAN_QUEUE, createScanProcessor(verdictQueue, { delayMs: config.scanDelayMs }), {
  connection: consumer,
  prefix: config.queuePrefix,
  concurrency: config.workerConcurrency,
  lockDuration: config.workerLockMs,
  stalledInterval: config.workerLockMs,
  removeOnComplete: { count: 0 },
  removeOnFail: { count: 10_000 },
})
worker.on('error', (err) => logger.warn({ err: err.message }, 'worker error'))
worker.on('failed', (job, err) => logger.error({ jobId: job?.id, attempts: job?.attemptsMade, err: err.message }, 'scan job failed'))
worker.on('ready', () => logger.info({ concurrency: config.workerConcurrency }, 'safety worker ready'))
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
