import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq'
import { Redis } from 'ioredis'
import type { Kysely } from 'kysely'
import { markMailSent } from '../db/mail.ts'
import type { DB } from '../db/schema.ts'
import type { Logger } from '../logger.ts'
import { MAIL_QUEUE, MAIL_RESULT_QUEUE, mailJobId, mailResultSchema } from '../../workers/mail-jobs.ts'
import type { MailQueue } from './relay.ts'

/** BullMQ attempts per hand-over; after them the job is dropped and the relay hands it over again. */
const ATTEMPTS = 25

/**
 * With REDIS_URL: mail jobs go to `mail-send` for the workers, and each send's result comes back on
 * the durable `mail-result` queue, applied here (the server is the only writer of the database).
 */
export function createMailQueues(opts: { redisUrl: string; prefix: string; db: Kysely<DB>; logger: Logger }) {
  const log = opts.logger.child({ component: 'mail.queues' })
  const producer = new Redis(opts.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 })
  producer.on('error', (err) => log.debug({ err: err.message }, 'mail producer connection error'))
  const queue = new Queue(MAIL_QUEUE, { connection: producer, prefix: opts.prefix })
  queue.on('error', (err) => log.debug({ err: err.message }, 'mail queue error'))
  let worker: Worker | undefined
  let consumer: Redis | undefined

  const mailQueue: MailQueue = {
    async add(jobs) {
      if (producer.status !== 'ready') throw new Error(`Redis is not connected (${producer.status})`)
      await queue.addBulk(
        jobs.map((data) => ({
          name: data.kind,
          data,
          // Same id for every hand-over of a row: while a job still waits or retries, adding it again is a no-op.
          opts: {
            jobId: mailJobId(data.rowId),
            attempts: ATTEMPTS,
            backoff: { type: 'mail', delay: data.retry.baseMs },
            removeOnComplete: true,
            removeOnFail: true,
          },
        })),
      )
    },
  }

  return {
    queue: mailQueue,
    start() {
      consumer = new Redis(opts.redisUrl, { maxRetriesPerRequest: null })
      consumer.on('error', (err) => log.debug({ err: err.message }, 'mail result consumer connection error'))
      worker = new Worker(
        MAIL_RESULT_QUEUE,
        async (job: Job<unknown>) => {
          const parsed = mailResultSchema.safeParse(job.data)
          if (!parsed.success) throw new UnrecoverableError('mail result payload failed validation')
          const { rowId, sentAt, attempt, inDoubt } = parsed.data
          const marked = await markMailSent(opts.db, rowId, sentAt, { attempt, inDoubt })
          if (inDoubt) log.warn({ mailId: rowId, attempt }, 'mail sent again after a worker died mid-send: it may arrive twice (same Message-ID)')
          else log.info({ mailId: rowId, marked }, 'mail sent')
        },
        { connection: consumer, prefix: opts.prefix, concurrency: 4, removeOnComplete: { count: 1000 }, removeOnFail: { count: 5000 } },
      )
      worker.on('error', (err) => log.warn({ err: err.message }, 'mail result worker error'))
    },
    async close() {
      const up = (r?: Redis) => r?.status === 'ready'
      const within = (p: Promise<unknown>) => Promise.race([p.catch(() => {}), new Promise((r) => setTimeout(r, 2000).unref())])
      if (worker) await (up(consumer) ? worker.close() : within(worker.close(true)))
      await (up(producer) ? queue.close() : within(queue.close()))
      await Promise.allSettled([producer, consumer].map((r) => (!r ? undefined : up(r) ? r.quit() : r.disconnect())))
    },
  }
}
