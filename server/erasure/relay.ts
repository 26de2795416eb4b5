import type { Kysely } from 'kysely'
import { transaction } from '../db/connection.ts'
import { erasePostBatch, maxNotificationId, nextPendingErasure, scrubNotificationRange, setErasureProgress } from '../db/account-deletion.ts'
import type { DB } from '../db/schema.ts'
import type { Clock } from '../clock.ts'
import type { Logger } from '../logger.ts'

/** Posts emptied per transaction: each one moves its thread's version by trigger, so a batch stays a few ms. */
export const POST_BATCH = 200
/** Notification ids looked at per transaction (a range of the primary key). */
export const NOTIFICATION_RANGE = 5000

const slots = new WeakMap<object, Set<() => void>>()

/** The relay hears of a new deletion after its commit, and starts at once. A missed wake costs one poll. */
export function erasureWritten(db: Kysely<DB>) {
  for (const fn of slots.get(db) ?? []) fn()
}

/**
 * One step of the oldest unfinished account erasure, in its own short transaction, with its
 * cursor saved in the same transaction: a crash or restart between steps loses nothing and
 * repeats nothing. Returns false when no erasure is waiting.
 *
 * Phases: `posts` (erase mode only) empties the member's posts and revisions in id order;
 * `notifications` replaces the old handle in others' notifications, then forgets it; `done`.
 */
export async function erasureStep(db: Kysely<DB>, clock: Clock): Promise<boolean> {
  const job = await nextPendingErasure(db)
  if (!job) return false
  const now = clock.now()
  if (job.phase === 'posts') {
    await transaction(db, async (trx) => {
      const done = await erasePostBatch(trx, job.user_id, job.cursor, POST_BATCH, now)
      if (done && done.count === POST_BATCH) await setErasureProgress(trx, job.id, { phase: 'posts', cursor: done.lastId })
      else await setErasureProgress(trx, job.id, { phase: 'notifications', cursor: 0 })
    })
    return true
  }
  if (job.phase === 'notifications' && job.old_handle) {
    const oldHandle = job.old_handle
    await transaction(db, async (trx) => {
      const max = await maxNotificationId(trx)
      const to = job.cursor + NOTIFICATION_RANGE
      await scrubNotificationRange(trx, oldHandle, job.cursor, to)
      if (to < max) await setErasureProgress(trx, job.id, { phase: 'notifications', cursor: to })
      else await setErasureProgress(trx, job.id, { phase: 'done', cursor: 0, at: now })
    })
    return true
  }
  await setErasureProgress(db, job.id, { phase: 'done', cursor: 0, at: now })
  return true
}

/** Works through account_erasure in the server process (the only writer), like the outbox relays. */
export class ErasureRelay {
  private timer?: NodeJS.Timeout
  private running?: Promise<void>
  private wanted = false
  private stopped = true
  private readonly log: Logger

  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    logger: Logger,
    private readonly pollMs = 5000,
  ) {
    this.log = logger.child({ component: 'erasure.relay' })
  }

  start() {
    this.stopped = false
    let set = slots.get(this.db)
    if (!set) slots.set(this.db, (set = new Set()))
    set.add(this.wakeFn)
    this.timer = setInterval(this.wakeFn, this.pollMs)
    this.timer.unref()
    this.wake()
  }

  private readonly wakeFn = () => this.wake()

  wake() {
    if (this.stopped) return
    this.wanted = true
    if (this.running) return
    this.running = this.run().finally(() => {
      this.running = undefined
      if (this.wanted && !this.stopped) this.wake()
    })
  }

  /** Resolves once no step is running (tests wait on this, then check the table). */
  async idle() {
    while (this.running) await this.running
  }

  async stop() {
    this.stopped = true
    slots.get(this.db)?.delete(this.wakeFn)
    if (this.timer) clearInterval(this.timer)
    await this.idle()
  }

  private async run() {
    while (this.wanted && !this.stopped) {
      this.wanted = false
      try {
        while (!this.stopped && (await erasureStep(this.db, this.clock))) {
          // Each step is one short transaction; requests get the connection in between.
          await new Promise((r) => setImmediate(r))
        }
      } catch (err) {
        this.log.warn({ err: { message: (err as Error).message } }, 'account erasure step failed; the next poll retries')
      }
    }
  }
}
