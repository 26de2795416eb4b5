import { quickGet } from './quick.ts'
import type { Executor, SessionRow } from './schema.ts'

// Every signed-in request reads this: a prepared statement when the connection is idle.
const SESSION_WITH_USER = `select s."id" as "session_id", s."csrf_token", s."expires_at", u."id", u."handle", u."is_admin",
  u."suspended_until", u."created_at", u."post_count", u."reading_prefs"
  from "session" s inner join "user" u on u."id" = s."user_id" where s."id" = ? and s."expires_at" > ?`

export async function insertSession(db: Executor, row: SessionRow) {
  await db.insertInto('session').values(row).execute()
}

export function findSessionWithUser(db: Executor, id: string, now: number) {
  const quick = quickGet<Awaited<ReturnType<typeof sessionWithUser>>>(db, SESSION_WITH_USER, [id, now])
  if (quick) return Promise.resolve(quick.row)
  return sessionWithUser(db, id, now)
}

function sessionWithUser(db: Executor, id: string, now: number) {
  return db
    .selectFrom('session')
    .innerJoin('user', 'user.id', 'session.user_id')
    .select([
      'session.id as session_id', 'session.csrf_token', 'session.expires_at',
      'user.id', 'user.handle', 'user.is_admin', 'user.suspended_until', 'user.created_at', 'user.post_count', 'user.reading_prefs',
    ])
    .where('session.id', '=', id)
    .where('session.expires_at', '>', now)
    .executeTakeFirst()
}

export async function deleteSession(db: Executor, id: string) {
  await db.deleteFrom('session').where('id', '=', id).execute()
}

export async function deleteExpiredSessions(db: Executor, now: number) {
  await db.deleteFrom('session').where('expires_at', '<=', now).execute()
}
