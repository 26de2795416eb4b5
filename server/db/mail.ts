import { sql } from 'kysely'
import type { Executor } from './schema.ts'

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
    .select(['id', 'kind', 'purpose', 'to_address', 'payload', 'attempts', 'dispatched_at', 'created_at'])
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

/** Marked once: a second report of the same send changes nothing. The payload goes with it. */
export async function markMailSent(db: Executor, id: number, at: number): Promise<boolean> {
  const res = await db
    .updateTable('mail_outbox')
    .set({ sent_at: at, payload: null, last_error: null })
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

export async function markMailFailed(db: Executor, id: number, nextAttemptAt: number, error: string) {
  await db
    .updateTable('mail_outbox')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), next_attempt_at: nextAttemptAt, last_error: error.slice(0, 300) }))
    .where('id', '=', id)
    .where('sent_at', 'is', null)
    .execute()
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
