import { prepared, queryRow } from './connection.ts'
import type { Executor } from './schema.ts'

type NewNotification = { user_id: number; kind: string; data: string; created_at: number }

const INSERT_NOTIFICATION = prepared((db, p: NewNotification) =>
  db.insertInto('notification').values({ user_id: p.user_id, kind: p.kind, data: p.data, created_at: p.created_at }),
)

/** One statement per row: a row's insert is prepared once, a list's would be compiled per length. */
export async function insertNotifications(db: Executor, rows: NewNotification[]) {
  for (const row of rows) await INSERT_NOTIFICATION.run(db, row)
}

export function listNotificationsPage(db: Executor, userId: number, limit: number, beforeId?: number) {
  let q = db.selectFrom('notification').selectAll().where('user_id', '=', userId)
  if (beforeId !== undefined) q = q.where('id', '<', beforeId)
  return q
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute()
}

export async function countUnread(db: Executor, userId: number): Promise<number> {
  const row = await db
    .selectFrom('notification')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function markRead(db: Executor, userId: number, ids: number[] | undefined, at: number) {
  let q = db.updateTable('notification').set({ read_at: at }).where('user_id', '=', userId).where('read_at', 'is', null)
  if (ids) {
    if (ids.length === 0) return 0
    q = q.where('id', 'in', ids)
  }
  const res = await q.executeTakeFirst()
  return Number(res.numUpdatedRows)
}

/**
 * What every signed-in page's header needs, in one statement: the unread count, whether the member
 * moderates or leads anywhere, and whether crisis lines are waiting for them. (Four queries per
 * page before; each list behind a flag is loaded only when the flag is set.)
 */
const PAGE_HEADER_FLAGS = `select
  (select count(*) from notification where user_id = ? and read_at is null) as unread,
  exists(select 1 from membership where user_id = ? and role in ('moderator', 'lead')) as moderates,
  exists(select 1 from membership where user_id = ? and role = 'lead') as leads,
  exists(select 1 from crisis_prompt where user_id = ?) as crisis_pending,
  exists(select 1 from outcome_enrolment where user_id = ? and paused = 0 and next_due_at <= ?) as check_in_due`

export async function pageHeaderFlags(db: Executor, userId: number, now: number) {
  // exists() is 0 or 1 on SQLite, false or true on PostgreSQL.
  type Flags = { unread: number; moderates: number | boolean; leads: number | boolean; crisis_pending: number | boolean; check_in_due: number | boolean }
  const params = [userId, userId, userId, userId, userId, now]
  // Every signed-in page runs this: a prepared statement when the connection is idle (server/db/connection.ts).
  const r = (await queryRow<Flags>(db, PAGE_HEADER_FLAGS, params))!
  return {
    unread: Number(r.unread),
    moderates: Boolean(r.moderates),
    leads: Boolean(r.leads),
    crisisPending: Boolean(r.crisis_pending),
    checkInDue: Boolean(r.check_in_due),
  }
}

/** The current handle of each post's author (primary-key lookups): a reply notice names the replier as they are now. */
export function postAuthorHandles(db: Executor, postIds: number[]) {
  if (postIds.length === 0) return Promise.resolve([])
  return db.selectFrom('post').innerJoin('user', 'user.id', 'post.author_id').select(['post.id', 'user.handle']).where('post.id', 'in', postIds).execute()
}

/** The current handle of each signed check-in's moderator (primary-key lookups). */
export function signedCheckInSenders(db: Executor, checkInIds: number[]) {
  if (checkInIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('check_in_message')
    .innerJoin('user', 'user.id', 'check_in_message.sender_id')
    .select(['check_in_message.id', 'user.handle'])
    .where('check_in_message.id', 'in', checkInIds)
    .where('check_in_message.signed', '=', 1)
    .execute()
}
