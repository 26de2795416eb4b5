import { sql } from 'kysely'
import type { Executor } from './schema.ts'
import { isSame } from './dialect.ts'

export interface NewMailRow {
  kind: 'email' | 'webhook'
  purpose: string
  dedupe_key: string
  user_id?: number | null
  review_item_id?: number | null
  to_address?: string | null
  payload: string
  created_at: number
  /** Not before this time (a member's quiet hours); default now. */
  next_attempt_at?: number
}

/**
 * One row per dedupe key: a second alert for the same person and item is a no-op, decided by the
 * unique index (never check-then-insert). Returns the new row's id, or undefined when it existed.
 */
export async function insertMailRow(db: Executor, row: NewMailRow): Promise<number | undefined> {
  const res = await db
    .insertInto('mail_outbox')
    .values({ ...row, next_attempt_at: row.next_attempt_at ?? 0 })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst()
  return res?.id
}

/** Unsent rows whose time has come, oldest first. */
export function listDueMail(db: Executor, now: number, limit: number) {
  return db
    .selectFrom('mail_outbox')
    .select(['id', 'kind', 'purpose', 'to_address', 'payload', 'attempts', 'dispatched_at', 'created_at', 'send_attempt'])
    .where('sent_at', 'is', null)
    .where('next_attempt_at', '<=', now)
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit)
    .execute()
}

export function findMailRows(db: Executor, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([])
  return db
    .selectFrom('mail_outbox')
    .select(['id', 'kind', 'purpose', 'to_address', 'payload', 'attempts', 'dispatched_at', 'created_at'])
    .where('id', 'in', ids)
    .where('sent_at', 'is', null)
    .execute()
}

/**
 * Claims a due row for one send attempt before the SMTP server or hook is called: a compare-and-set
 * on the attempt last seen on the row, so of two senders that listed the same row only one sends.
 * The row is not due again until `leaseUntil` (then a sender that died mid-send is replaced). A row
 * that still names an earlier attempt was neither sent nor failed cleanly: that send is in doubt,
 * and is counted. Returns whether this attempt holds the row, and whether its send is in doubt.
 */
export async function claimMailForSend(
  db: Executor,
  row: { id: number; send_attempt: string | null },
  attempt: string,
  now: number,
  leaseUntil: number,
): Promise<{ claimed: boolean; inDoubt: boolean }> {
  const res = await db
    .updateTable('mail_outbox')
    .set((eb) => ({
      send_attempt: attempt,
      next_attempt_at: leaseUntil,
      in_doubt_sends: row.send_attempt === null ? eb.ref('in_doubt_sends') : eb('in_doubt_sends', '+', 1),
    }))
    .where('id', '=', row.id)
    .where('sent_at', 'is', null)
    .where('next_attempt_at', '<=', now)
    .where(isSame(db, sql`send_attempt`, row.send_attempt))
    .executeTakeFirst()
  const claimed = res.numUpdatedRows > 0n
  return { claimed, inDoubt: claimed && row.send_attempt !== null }
}

/**
 * Marked once: a second report of the same send changes nothing. The payload goes with it. The
 * attempt that sent it stays on the row; `inDoubt` (a worker's rerun after its earlier attempt died
 * mid-send) is counted.
 */
export async function markMailSent(db: Executor, id: number, at: number, sent: { attempt?: string; inDoubt?: boolean } = {}): Promise<boolean> {
  const res = await db
    .updateTable('mail_outbox')
    .set((eb) => ({
      sent_at: at,
      payload: null,
      last_error: null,
      ...(sent.attempt ? { send_attempt: sent.attempt } : {}),
      ...(sent.inDoubt ? { in_doubt_sends: eb('in_doubt_sends', '+', 1) } : {}),
    }))
    .where('id', '=', id)
    .where('sent_at', 'is', null)
    .executeTakeFirst()
  return res.numUpdatedRows > 0n
}

/** Settled without sending (no hook configured); `skipped` tells it apart from a send. */
export async function markMailSkipped(db: Executor, id: number, at: number, why: string) {
  await db
    .updateTable('mail_outbox')
    .set({ sent_at: at, payload: null, last_error: `skipped: ${why}` })
    .where('id', '=', id)
    .where('sent_at', 'is', null)
    .execute()
}

/**
 * A clean failure: the SMTP server or hook refused, or could not be reached. With `attempt`, only
 * while that attempt still holds the row (its claim is released).
 */
export async function markMailFailed(db: Executor, id: number, nextAttemptAt: number, error: string, attempt?: string) {
  let q = db
    .updateTable('mail_outbox')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), next_attempt_at: nextAttemptAt, last_error: error.slice(0, 300), send_attempt: null }))
    .where('id', '=', id)
    .where('sent_at', 'is', null)
  if (attempt) q = q.where('send_attempt', '=', attempt)
  await q.execute()
}

/** Handed to the queue: looked at again only if no result came back by `recheckAt`. */
export async function markMailDispatched(db: Executor, ids: number[], at: number, recheckAt: number) {
  if (ids.length === 0) return
  await db
    .updateTable('mail_outbox')
    .set((eb) => ({ dispatched_at: at, next_attempt_at: recheckAt, attempts: eb('attempts', '+', 1) }))
    .where('id', 'in', ids)
    .where('sent_at', 'is', null)
    .execute()
}

/** Who was alerted about review items, and when (the queue shows it). */
export function listAlertsForItems(db: Executor, itemIds: number[]) {
  if (itemIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('mail_outbox')
    .leftJoin('user', 'user.id', 'mail_outbox.user_id')
    .select([
      'mail_outbox.id',
      'mail_outbox.review_item_id',
      'mail_outbox.kind',
      'mail_outbox.purpose',
      'mail_outbox.user_id',
      'user.handle',
      'mail_outbox.created_at',
      'mail_outbox.sent_at',
      'mail_outbox.attempts',
    ])
    .where('mail_outbox.review_item_id', 'in', itemIds)
    .where((eb) => eb.or([eb('mail_outbox.last_error', 'is', null), eb('mail_outbox.last_error', 'not like', 'skipped:%')]))
    .orderBy('mail_outbox.id')
    .execute()
}

export function countUnsentMail(db: Executor) {
  return db
    .selectFrom('mail_outbox')
    .select(sql<number>`count(*)`.as('n'))
    .where('sent_at', 'is', null)
    .executeTakeFirstOrThrow()
}

/** When the next unsent row falls due, if any. */
export async function nextMailDue(db: Executor): Promise<number | undefined> {
  const r = await db
    .selectFrom('mail_outbox')
    .select(sql<number | null>`min(next_attempt_at)`.as('at'))
    .where('sent_at', 'is', null)
    .executeTakeFirst()
  return r?.at ?? undefined
}
