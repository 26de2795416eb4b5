import { queryRow } from './connection.ts'
import type { Executor, SessionRow } from './schema.ts'

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
  time_zone: string | null
}

// Every signed-in request reads this: a prepared statement when the connection is idle.
const SESSION_WITH_USER = `select s."id" as "session_id", s."csrf_token", s."expires_at", u."id", u."handle", u."is_admin",
  u."suspended_until", u."created_at", u."post_count", u."reading_prefs", u."time_zone"
  from "session" s inner join "user" u on u."id" = s."user_id" where s."id" = ? and s."expires_at" > ?`

export async function insertSession(db: Executor, row: SessionRow) {
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
