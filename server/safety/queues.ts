import { Queue, Worker, type Job } from 'bullmq'
import { Redis } from 'ioredis'
import type { Kysely } from 'kysely'
import type { Clock } from '../clock.ts'
import type { DB } from '../db/schema.ts'
import type { Logger } from '../logger.ts'
import { SCAN_QUEUE, VERDICT_QUEUE } from '../../workers/jobs.ts'
import type { ScanTransport } from './relay.ts'
import { createVerdictProcessor } from './verdict.processor.ts'

export interface RedisPipeline {
  transport: ScanTransport
  start(): void
  close(): Promise<void>
}

/**
 * With REDIS_URL: scans go to BullMQ `safety-scan` for the workers; verdicts come back on the
 * durable `safety-verdict` queue and are applied here, the only writer of the database.
 */
export function createRedisPipeline(opts: { redisUrl: string; prefix: string; db: Kysely<DB>; clock: Clock; logger: Logger }): RedisPipeline {
  const log = opts.logger.child({ component: 'safety.queues' })
  // The producer fails fast while Redis is down, so the relay keeps the outbox row and retries.
  const producer = new Redis(opts.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 })
  producer.on('error', (err) => log.debug({ err: err.message }, 'scan producer connection error'))
  const scanQueue = new Queue(SCAN_QUEUE, { connection: producer, prefix: opts.prefix })
  scanQueue.on('error', (err) => log.debug({ err: err.message }, 'scan queue error'))
  let worker: Worker | undefined
  let consumer: Redis | undefined

  return {
    transport: {
      async send(jobs) {
        // BullMQ would wait for a connection that never came up (Redis down since start), holding
        // the relay and so the shutdown. Fail fast instead: the outbox keeps the rows for the next pass.
        if (producer.status !== 'ready') throw new Error(`Redis is not connected (${producer.status})`)
        await scanQueue.addBulk(
          jobs.map(({ id, job }) => ({
            name: 'scan',
            data: job,
            opts: { jobId: id, attempts: 5, backoff: { type: 'exponential', delay: 500 }, removeOnComplete: true, removeOnFail: false },
          })),
        )
        // Sent, and waiting on a worker: the relay marks them so, for the sweeper.
        return jobs.map((j) => j.outboxId)
      },
    },
    start() {
      consumer = new Redis(opts.redisUrl, { maxRetriesPerRequest: null })
      consumer.on('error', (err) => log.debug({ err: err.message }, 'verdict consumer connection error'))
      const process = createVerdictProcessor(opts.db, opts.clock, opts.logger)
      worker = new Worker(VERDICT_QUEUE, (job: Job) => process(job), {
        connection: consumer,
        prefix: opts.prefix,
        concurrency: 4,
        removeOnComplete: { count: 1000 },
        removeOnFail: { count: 5000 },
      })
      worker.on('error', (err) => log.warn({ err: err.message }, 'verdict worker error'))
      worker.on('failed', (job, err) => log.error({ jobId: job?.id, err: err.message }, 'verdict job failed'))
    },
    async close() {
      // Connected: the verdicts in hand are applied before the worker stops. With Redis away (down
      // since start, say) BullMQ would wait for it for ever and hold up the shutdown: nothing is in
      // hand then, and the outbox keeps what was not sent, so the connections are just dropped.
      const up = (r?: Redis) => r?.status === 'ready'
      const within = (p: Promise<unknown>) => Promise.race([p.catch(() => {}), new Promise((r) => setTimeout(r, 2000).unref())])
      if (worker) await (up(consumer) ? worker.close() : within(worker.close(true)))
      await (up(producer) ? scanQueue.close() : within(scanQueue.close()))
      await Promise.allSettled([producer, consumer].map((r) => (!r ? undefined : up(r) ? r.quit() : r.disconnect())))
    },
  }
}
