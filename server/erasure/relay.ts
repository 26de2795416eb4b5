import type { Kysely } from 'kysely'
import { transaction } from '../db/connection.ts'
import { erasePostBatch, maxNotificationId, nextPendingErasure, scrubNotificationRange, setErasureProgress } from '../db/account-deletion.ts'
import type { DB } from '../db/schema.ts'
import type { Clock } from '../clock.ts'
import type { Logger } from '../logger.ts'
import { RelayLoop } from '../relay-loop.ts'

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
  private readonly loop: RelayLoop

  constructor(
    private readonly db: Kysely<DB>,
    clock: Clock,
    logger: Logger,
    pollMs = 5000,
  ) {
    const log = logger.child({ component: 'erasure.relay' })
    this.loop = new RelayLoop(
      pollMs,
      async (stopped) => {
        while (!stopped() && (await erasureStep(db, clock))) {
          // Each step is one short transaction; requests get the connection in between.
          await new Promise((r) => setImmediate(r))
        }
      },
      (err) => log.warn({ err: { message: err.message } }, 'account erasure step failed; the next poll retries'),
    )
  }

  start() {
    let set = slots.get(this.db)
    if (!set) slots.set(this.db, (set = new Set()))
    set.add(this.wakeFn)
    this.loop.start()
  }

  private readonly wakeFn = () => this.loop.wake()

  wake() {
    this.loop.wake()
  }

  /** Resolves once no step is running (tests wait on this, then check the table). */
  idle() {
    return this.loop.idle()
  }

  async stop() {
    slots.get(this.db)?.delete(this.wakeFn)
    await this.loop.stop()
  }
}
