import type { Kysely } from 'kysely'
import type { Config } from '../config.ts'
import type { DB } from '../db/schema.ts'
import type { Logger } from '../logger.ts'
import { createDeliverer } from '../../workers/mail/deliver.ts'
import { createMailQueues } from './queues.ts'
import { MailRelay } from './relay.ts'

export interface MailSystem {
  mode: 'embedded' | 'redis'
  relay: MailRelay
  start(): void
  /** Relay first (nothing new goes out), then the queues and Redis, then the SMTP connection. */
  stop(): Promise<void>
}

/** The mail outbox's sender: in process without REDIS_URL, through BullMQ and the workers with it. */
export function createMailSystem(deps: { db: Kysely<DB>; config: Config; logger: Logger; pollMs?: number }): MailSystem {
  const { config } = deps
  const queues = config.redisUrl ? createMailQueues({ redisUrl: config.redisUrl, prefix: config.queuePrefix, db: deps.db, logger: deps.logger }) : undefined
  const deliverer = createDeliverer({ smtpUrl: config.mail.smtpUrl, logger: deps.logger.child({ component: 'mail.deliver' }) })
  const relay = new MailRelay(deps.db, deps.logger, config, { pollMs: deps.pollMs ?? 1000, batchSize: 50, concurrency: 4, queue: queues?.queue, deliverer })
  return {
    mode: queues ? 'redis' : 'embedded',
    relay,
    start() {
      queues?.start()
      relay.start()
    },
    async stop() {
      await relay.stop()
      await queues?.close()
      deliverer.close()
    },
  }
}
