import type { Kysely } from 'kysely'
import type { Clock } from '../clock.ts'
import { listDueOutboxRows, loadFreshScanSources, loadScanSources, markOutboxSent, recentTextsByAuthor, type ScanSource } from '../db/safety.ts'
import type { DB } from '../db/schema.ts'
import type { Logger } from '../logger.ts'
import { parseSettings } from '../services/community-settings.ts'
import { scanJobId, type ScanJob } from '../../workers/jobs.ts'
import type { WatchedWord } from '../../workers/pipeline/types.ts'
import { DAY_MS } from '../time.ts'

/**
 * Where scan jobs go: BullMQ with REDIS_URL, the same detectors in process without it. Returns
 * the outbox ids the relay must mark sent, so that they are sent again if no verdict comes back in
 * time: every job for a queue; for the embedded pipeline only those it could not apply (the ones
 * it applied were recorded as sent and done in the verdict's own transaction).
 */
export interface ScanTransport {
  send(jobs: { id: string; outboxId: number; job: ScanJob }[]): Promise<number[]>
}

/** Watched words per community; the leads' settings supply them. */
export type WatchedWordsLoader = (db: Kysely<DB>, communityIds: number[]) => Promise<Map<number, WatchedWord[]>>

/**
 * Moves outbox rows to the scan transport after commit. A row is marked sent only after the
 * transport accepted it, and re-sent when its verdict has not come back within the scan
 * timeout: Redis down, a worker dead mid-job, a lost message — every post is still scanned.
 */
export class OutboxRelay {
  private timer?: NodeJS.Timeout
  private running?: Promise<void>
  private scheduled = false
  private drainWanted = false
  private fresh: number[] = []
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

  /** Look for due rows soon: never sent, or sent and timed out. Calls while a pass runs coalesce. */
  wake() {
    if (this.stopped) return
    this.drainWanted = true
    this.schedule()
  }

  /**
   * A post was just written: send its scan now, without waiting for the poll or reading the due
   * rows. Posts written in the same turn of the event loop go out as one batch. Should this fail,
   * the row is still unsent in the outbox and the next poll sends it.
   */
  sendNow(postId: number) {
    if (this.stopped) return
    this.fresh.push(postId)
    this.schedule()
  }

  // One pass at a time, so a row is never read as due by one pass while another is sending it.
  private schedule() {
    if (this.running || this.scheduled) return
    this.scheduled = true
    setImmediate(() => {
      this.scheduled = false
      this.running = this.run().finally(() => {
        this.running = undefined
        if (!this.stopped && (this.fresh.length > 0 || this.drainWanted)) this.schedule()
      })
    })
  }

  private async run() {
    while (!this.stopped && (this.fresh.length > 0 || this.drainWanted)) {
      try {
        if (this.fresh.length > 0) {
          const postIds = this.fresh.splice(0, this.opts.batchSize)
          await this.sendSources(await loadFreshScanSources(this.db, postIds))
        }
        if (this.drainWanted) {
          this.drainWanted = false
          while ((await this.drainOnce()) === this.opts.batchSize && !this.stopped);
        }
      } catch (err) {
        this.logger.warn({ err: { message: (err as Error).message } }, 'safety relay could not send; will retry')
      }
    }
  }

  /** Waits until nothing is in flight or waiting (tests and shutdown). */
  async idle() {
    while (this.running || this.scheduled) await (this.running ?? new Promise((r) => setImmediate(r)))
  }

  async stop() {
    this.stopped = true
    if (this.timer) clearInterval(this.timer)
    await this.idle()
  }

  /** One batch of due rows: returns how many it sent. */
  async drainOnce(): Promise<number> {
    const now = this.clock.now()
    const due = await listDueOutboxRows(this.db, now - this.opts.scanTimeoutMs, this.opts.batchSize)
    if (due.length === 0) return 0
    await this.sendSources(
      await loadScanSources(
        this.db,
        due.map((r) => r.id),
      ),
    )
    const resent = due.filter((r) => r.sent_at !== null).length
    if (resent > 0) this.logger.warn({ resent }, 'safety scans re-sent after timeout')
    return due.length
  }

  private async sendSources(sources: ScanSource[]) {
    if (sources.length === 0) return
    const now = this.clock.now()
    const authorIds = [...new Set(sources.map((s) => s.author_id))]
    const recent = await recentTextsByAuthor(
      this.db,
      authorIds,
      sources.map((s) => s.post_id),
      5,
    )
    const words = this.opts.loadWatchedWords ? await this.opts.loadWatchedWords(this.db, [...new Set(sources.map((s) => s.community_id))]) : new Map()
    const jobs = sources.map((s) => {
      const settings = parseSettings(s.settings, { communityId: s.community_id, logger: this.logger })
      const job: ScanJob = {
        postId: s.post_id,
        revision: s.revision,
        communityId: s.community_id,
        // A thread's first post is read with its title (db/safety.ts scanText); a reply on its own.
        text: s.text,
        settings: {
          warningCategories: settings.warningCategories,
          spamHoldThreshold: settings.spamHoldThreshold,
          linksMinAccountDays: settings.linksMinAccountDays,
          watchedWords: words.get(s.community_id) ?? [],
        },
        author: {
          accountAgeDays: Math.max(0, (now - s.author_created_at) / DAY_MS),
          postCount: Math.max(0, s.post_count - 1),
          recentTexts: recent.get(s.author_id) ?? [],
        },
        enqueuedAt: now,
      }
      return { id: scanJobId(s.post_id, s.revision, s.attempts + 1), outboxId: s.outbox_id, job }
    })
    const unsettled = await this.transport.send(jobs)
    await markOutboxSent(this.db, unsettled, this.clock.now())
  }
}
