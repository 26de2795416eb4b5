import { queryRow } from './connection.ts'
import type { Insertable } from 'kysely'
import type { Executor, SessionTable } from './schema.ts'

export interface SessionWithUser {
  session_id: string
  csrf_token: string
  expires_at: number
  id: number
  handle: string
  is_admin: number
  suspended_until: number | null
  created_at: number
  post_count: number
  reading_prefs: string
  last_used_at: number | null
  idle_timeout_minutes: number | null
  time_zone: string | null
}

// Every signed-in request reads this: a prepared statement when the connection is idle.
const SESSION_WITH_USER = `select s."id" as "session_id", s."csrf_token", s."expires_at", u."id", u."handle", u."is_admin",
  u."suspended_until", u."created_at", u."post_count", u."reading_prefs",
  s."last_used_at", u."idle_timeout_minutes", u."time_zone"
  from "session" s inner join "user" u on u."id" = s."user_id" where s."id" = ? and s."expires_at" > ?`

export async function insertSession(db: Executor, row: Insertable<SessionTable>) {
  await db.insertInto('session').values(row).execute()
}

export function findSessionWithUser(db: Executor, id: string, now: number) {
  return queryRow<SessionWithUser>(db, SESSION_WITH_USER, [id, now])
}

export async function deleteSession(db: Executor, id: string) {
  await db.deleteFrom('session').where('id', '=', id).execute()
}

export async function deleteExpiredSessions(db: Executor, now: number) {
  await db.deleteFrom('session').where('expires_at', '<=', now).execute()
}

/** When a session was last used: moved at most once a minute per session by the session check. */
export async function touchSession(db: Executor, id: string, at: number) {
  await db.updateTable('session').set({ last_used_at: at }).where('id', '=', id).execute()
}

/** A member's live sessions (session_user_idx). */
export function listUserSessions(db: Executor, userId: number, now: number) {
  return db
    .selectFrom('session')
    .select(['id', 'created_at', 'last_used_at', 'device'])
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .execute()
}

/** Ends one of the member's sessions; never another member's. */
export async function deleteSessionOf(db: Executor, userId: number, id: string) {
  const res = await db.deleteFrom('session').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst()
  return Number(res.numDeletedRows)
}

export async function setIdleTimeout(db: Executor, userId: number, minutes: number | null) {
  await db.updateTable('user').set({ idle_timeout_minutes: minutes }).where('id', '=', userId).execute()
}
