import type { Kysely } from 'kysely'
import type { Clock } from '../clock.ts'
import type { Config } from '../config.ts'
import type { DB } from '../db/schema.ts'
import type { Logger } from '../logger.ts'
import type { CrisisDetector } from './precheck.ts'
import type { UntrustedWork } from '../offload/index.ts'

export interface Actor {
  id: number
  handle: string
  /** False while the account is suspended: admin powers pause with the suspension. */
  isAdmin: boolean
  suspendedUntil: number | null
  /** Suspended at the time the session was resolved (by the injected clock). */
  suspended: boolean
  createdAt: number
  postCount: number
  readingPrefs: string
  /** An IANA zone the member chose (or their browser's at sign-up); null or absent: UTC. */
  timeZone?: string | null
}

/** Who is asking, and for which request: passed to every service call. */
export interface Ctx {
  actor?: Actor
  requestId: string
}

/** Hooks a post write calls after commit; the safety pipeline supplies them. */
export interface PostHooks {
  /** A post revision was saved with its outbox row: move it along now rather than at the next poll. */
  afterPostWrite(postId: number, revision: number): void
}

export interface ServiceDeps {
  db: Kysely<DB>
  clock: Clock
  config: Config
  logger: Logger
  hooks: PostHooks
  /** The crisis detector for the pre-post check and the write gate; none means nothing reads as a crisis before the scan. */
  detectCrisis?: CrisisDetector
  /** Markdown rendering and lead patterns: off the event loop, under a budget. */
  offload: UntrustedWork
}
