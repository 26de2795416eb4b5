import type { Kysely } from 'kysely'
import type { Clock } from '../clock.ts'
import type { Config } from '../config.ts'
import type { DB } from '../db/schema.ts'
import type { Logger } from '../logger.ts'
import type { PostHooks } from '../services/context.ts'
import { createEmbeddedTransport } from './embedded.ts'
import { createScanThread, type ScanOutcome } from './scan-thread.ts'
import type { ScanInput } from '../../workers/pipeline/types.ts'
import { createRedisPipeline } from './queues.ts'
import { OutboxRelay, type WatchedWordsLoader } from './relay.ts'

export interface SafetyPipeline {
  mode: 'embedded' | 'redis'
  hooks: PostHooks
  relay: OutboxRelay
  /** The detectors, off the event loop (the pre-post check uses them). */
  scan(inputs: ScanInput[]): Promise<ScanOutcome[]>
  start(): void
  /** In shutdown order: relay first (nothing new goes out), then the queues and Redis. */
  stop(): Promise<void>
}

export function createSafetyPipeline(deps: {
  db: Kysely<DB>
  clock: Clock
  config: Config
  logger: Logger
  pollMs?: number
  loadWatchedWords?: WatchedWordsLoader
}): SafetyPipeline {
  const logger = deps.logger.child({ component: 'safety.relay' })
  const redis = deps.config.redisUrl
    ? createRedisPipeline({ redisUrl: deps.config.redisUrl, prefix: deps.config.queuePrefix, db: deps.db, clock: deps.clock, logger: deps.logger })
    : undefined
  // The embedded pipeline's scans, and the pre-post check's in either mode; started by the first scan.
  const scans = createScanThread(deps.logger, { modelDir: deps.config.safetyModelDir })
  const transport = redis?.transport ?? createEmbeddedTransport(deps.db, deps.clock, deps.logger, scans)
  const relay = new OutboxRelay(deps.db, deps.clock, logger, transport, {
    scanTimeoutMs: deps.config.scanTimeoutMs,
    pollMs: deps.pollMs ?? 1000,
    batchSize: 100,
    loadWatchedWords: deps.loadWatchedWords,
  })
  return {
    mode: redis ? 'redis' : 'embedded',
    relay,
    scan: (inputs) => scans.scan(inputs),
    hooks: { afterPostWrite: (postId) => relay.sendNow(postId) },
    start() {
      redis?.start()
      relay.start()
    },
    async stop() {
      await relay.stop()
      await redis?.close()
      await scans.close()
    },
  }
}
