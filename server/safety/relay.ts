import type { Kysely } from 'kysely'
import type { Clock } from '../clock.ts'
import { listDueOutboxRows, loadScanSources, markOutboxSent, recentTextsByAuthor } from '../db/safety.ts'
import type { DB } from '../db/schema.ts'
import type { Logger } from '../logger.ts'
import { parseSettings } from '../services/community-settings.ts'
import { scanJobId, type ScanJob } from '../../workers/jobs.ts'
import type { WatchedWord } from '../../workers/pipeline/types.ts'

/** Where scan jobs go: BullMQ with REDIS_URL, the same detectors in process without it. */
export interface ScanTransport {
  send(jobs: { id: string; job: ScanJob }[]): Promise<void>
}

/** Watched words per community; the leads' settings supply them. */
export type WatchedWordsLoader = (db: Kysely<DB>, communityIds: number[]) => Promise<Map<number, WatchedWord[]>>

const DAY = 86_400_000

/**
 * Moves outbox rows to the scan transport after commit. A row is marked sent only after the
 * transport accepted it, and re-sent when its verdict has not come back within the scan
 * timeout: Redis down, a worker dead mid-job, a lost message — every post is still scanned.
 */
export class OutboxRelay {
  private timer?: NodeJS.Timeout
  private running?: Promise<void>
  private again = false
  private stopped = false

  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly transport: ScanTransport,
    private readonly opts: { scanTimeoutMs: number; pollMs: number; batchSize: number; loadWatchedWords?: WatchedWordsLoader },
  ) {}

  start() {
    this.stopped = false
    this.timer = setInterval(() => this.wake(), this.opts.pollMs)
    this.timer.unref()
    this.wake()
  }

  /** Drain soon; calls while a drain runs coalesce into one more pass. */
  wake() {
    if (this.stopped) return
    if (this.running) {
      this.again = true
      return
    }
    this.running = (async () => {
      try {
        do {
          this.again = false
          while ((await this.drainOnce()) === this.opts.batchSize && !this.stopped);
        } while (this.again && !this.stopped)
      } catch (err) {
        this.logger.warn({ err: { message: (err as Error).message } }, 'safety relay could not send; will retry')
      } finally {
        this.running = undefined
      }
    })()
  }

  /** Waits until nothing is in flight (tests and shutdown). */
  async idle() {
    while (this.running) await this.running
  }

  async stop() {
    this.stopped = true
    if (this.timer) clearInterval(this.timer)
    await this.idle()
  }

  /** One batch: returns how many rows it sent. */
  async drainOnce(): Promise<number> {
    const now = this.clock.now()
    const due = await listDueOutboxRows(this.db, now - this.opts.scanTimeoutMs, this.opts.batchSize)
    if (due.length === 0) return 0
    const sources = await loadScanSources(this.db, due.map((r) => r.id))
    const authorIds = [...new Set(sources.map((s) => s.author_id))]
    const recent = await recentTextsByAuthor(this.db, authorIds, sources.map((s) => s.post_id), 5)
    const words = this.opts.loadWatchedWords ? await this.opts.loadWatchedWords(this.db, [...new Set(sources.map((s) => s.community_id))]) : new Map()
    const jobs = sources.map((s) => {
      const settings = parseSettings(s.settings)
      const job: ScanJob = {
        postId: s.post_id,
        revision: s.revision,
        communityId: s.community_id,
        text: s.body,
        settings: {
          warningCategories: settings.warningCategories,
          spamHoldThreshold: settings.spamHoldThreshold,
          linksMinAccountDays: settings.linksMinAccountDays,
          watchedWords: words.get(s.community_id) ?? [],
        },
        author: {
          accountAgeDays: Math.max(0, (now - s.author_created_at) / DAY),
          postCount: Math.max(0, s.post_count - 1),
          recentTexts: recent.get(s.author_id) ?? [],
        },
        enqueuedAt: now,
      }
      return { id: scanJobId(s.post_id, s.revision, s.attempts + 1), job }
    })
    await this.transport.send(jobs)
    await markOutboxSent(this.db, due.map((r) => r.id), this.clock.now())
    const resent = due.filter((r) => r.sent_at !== null).length
    if (resent > 0) this.logger.warn({ resent }, 'safety scans re-sent after timeout')
    return due.length
  }
}
